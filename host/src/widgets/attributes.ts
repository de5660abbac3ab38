/**
 * Attributes that belong to the element or the page, not to the MFE: `name` picks the MFE,
 * `isolation` the rendering mode, `base-path` where the MFE's routes start; the rest are HTML's own.
 */
const RESERVED = new Set(['name', 'isolation', 'base-path', 'id', 'class', 'style', 'slot', 'hidden', 'lang', 'dir', 'title', 'tabindex', 'part', 'is']);

/**
 * The MFE props an element's attributes stand for: `base="USD" chart-days="30"` gives
 * `{ base: 'USD', chartDays: '30' }`. Values stay strings (attributes are strings); `aria-*`,
 * `data-*` and HTML's own attributes are not props.
 *
 * @example
 * ```ts
 * attributesToProps(element); // { base: 'USD', variant: 'compact' }
 * ```
 */
export function attributesToProps(element: Element): Record<string, string> {
  const pairs: [string, string][] = [];
  for (const { name, value } of Array.from(element.attributes)) {
    if (RESERVED.has(name) || name.startsWith('aria-') || name.startsWith('data-') || name.startsWith('on')) continue;
    pairs.push([name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()), value]);
  }
  // Own data properties whatever the name (`__proto__` included): attribute names are data.
  return Object.fromEntries(pairs);
}

/** True when two prop bags hold the same keys and values. */
export function sameProps(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
