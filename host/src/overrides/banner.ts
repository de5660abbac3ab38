import type { RefusedOverride } from './overrides.js';

/**
 * The banner shown while any override is active, so nobody mistakes a page running a
 * teammate's dev build for the real thing. One click resets.
 */
export function showOverridesBanner(applied: Readonly<Record<string, string>>, refused: readonly RefusedOverride[], onReset: () => void): HTMLElement | undefined {
  if (Object.keys(applied).length === 0 && refused.length === 0) return undefined;
  const banner = document.createElement('div');
  banner.className = 'atrium-overrides-banner';
  banner.setAttribute('role', 'status');
  const text = document.createElement('span');
  const parts = Object.entries(applied).map(([name, url]) => `${name} → ${url}`);
  const refusedText = refused.map((r) => `${r.name} (${r.reason})`);
  text.textContent = [
    parts.length ? `Overrides active: ${parts.join(', ')}` : '',
    refusedText.length ? `Overrides refused: ${refusedText.join(', ')}` : '',
  ].filter(Boolean).join(' · ');
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.textContent = 'Reset overrides';
  reset.addEventListener('click', onReset);
  banner.append(text, reset);
  document.body.prepend(banner);
  return banner;
}
