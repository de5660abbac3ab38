/**
 * The banner shown while any override is active, so nobody mistakes a page running a
 * teammate's dev build for the real thing. It names only the MFE and the origin its code now
 * comes from (both checked), never free text from the link. One click resets.
 */
export function showOverridesBanner(applied: ReadonlyMap<string, URL>, onReset: () => void): HTMLElement | undefined {
  if (applied.size === 0) return undefined;
  const banner = document.createElement('div');
  banner.className = 'atrium-overrides-banner';
  banner.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = `Overrides active: ${[...applied].map(([name, url]) => `${name} from ${url.origin}`).join(', ')}`;
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.textContent = 'Reset overrides';
  reset.addEventListener('click', onReset);
  banner.append(text, reset);
  document.body.prepend(banner);
  return banner;
}
