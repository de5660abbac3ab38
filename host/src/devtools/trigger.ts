import type { DevtoolsSource, OverlayOptions } from './overlay.js';

const FLAG_PARAM = 'atrium-devtools';
const FLAG_KEY = 'atrium:devtools';

/**
 * Only installed where the deployment allows devtools (`"devtools": true` in the host config):
 * on a production config neither the shortcut nor the parameter does anything.
 *
 * Opens the devtools overlay on Ctrl+Shift+D (Cmd+Shift+D), with `?atrium-devtools`, or when
 * `localStorage['atrium:devtools']` is set. The overlay is a lazy chunk: it costs nothing until
 * someone opens it.
 */
export function installDevtoolsTrigger(api: DevtoolsSource, overrides: OverlayOptions['overrides']): () => void {
  let close: (() => void) | undefined;
  const toggle = async () => {
    if (close) {
      close();
      close = undefined;
      return;
    }
    const { openOverlay } = await import('./overlay.js');
    close = openOverlay({ api, ...(overrides ? { overrides } : {}) });
  };
  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'd') {
      event.preventDefault();
      void toggle();
    }
  };
  window.addEventListener('keydown', onKey);
  let stored = false;
  try {
    stored = localStorage.getItem(FLAG_KEY) !== null;
  } catch {
    // storage blocked: only the shortcut and the query parameter work
  }
  if (new URLSearchParams(location.search).has(FLAG_PARAM) || stored) void toggle();
  return () => window.removeEventListener('keydown', onKey);
}
