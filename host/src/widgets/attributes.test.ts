import { describe, expect, it } from 'vitest';
import { attributesToProps, sameProps } from './attributes.js';

function element(html: string): Element {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host.firstElementChild!;
}

describe('attributesToProps', () => {
  it('turns attributes into camelCase props and leaves the element\'s own attributes out', () => {
    const props = attributesToProps(element('<atrium-widget name="markets" base="USD" chart-days="30" id="x" class="y" style="color:red" data-track="1" aria-label="Rates" isolation="none" onclick="x()"></atrium-widget>'));
    expect(props).toEqual({ base: 'USD', chartDays: '30' });
  });

  it('keeps values as strings, empty ones included', () => {
    expect(attributesToProps(element('<atrium-widget name="m" compact></atrium-widget>'))).toEqual({ compact: '' });
  });
});

describe('sameProps', () => {
  it('compares keys and values, not identity', () => {
    expect(sameProps({ a: '1' }, { a: '1' })).toBe(true);
    expect(sameProps({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameProps({ a: '1' }, { a: '1', b: '' })).toBe(false);
  });
});
