import { Slot } from '../ui/index.js';
import type { WidgetView } from './widget.js';

/**
 * The widget's own baseline, inside its shadow root. The box resets every inherited property
 * (font, colour, line height… cross a shadow boundary; selectors do not), so the CMS page's
 * typography stops at the widget's edge. Sizes in px: rem would follow the page's root size.
 */
const BASE_CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.atrium-slot { all: initial; display: block; font: 16px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #14213d; }
.atrium-slot * { box-sizing: border-box; }
.atrium-loading { padding: 12px; color: #5c6b80; font-size: 14px; }
.atrium-fallback { padding: 10px 12px; border: 1px solid #f5c2bd; border-left: 4px solid #b42318; border-radius: 6px; background: #fff; font-size: 14px; max-width: 34em; }
.atrium-fallback p { margin: 4px 0 8px; color: #5c6b80; }
.atrium-fallback details { margin-top: 8px; font-size: 12px; color: #5c6b80; }
.atrium-fallback code { display: block; margin-top: 4px; white-space: pre-wrap; word-break: break-word; }
.atrium-retry { font: inherit; padding: 4px 12px; border-radius: 4px; border: 1px solid #0b5cab; background: #0b5cab; color: #fff; cursor: pointer; }

.atrium-unavailable { padding: 8px 12px; color: #5c6b80; font-size: 14px; }
.atrium-retry:disabled { opacity: 0.6; cursor: progress; }
`;

let sharedSheet: CSSStyleSheet | undefined;

/**
 * One constructable sheet adopted by every widget: parsed once, and not an inline `<style>`,
 * so the CMS page's CSP needs no 'unsafe-inline' for it.
 */
function baseSheet(): CSSStyleSheet | undefined {
  if (sharedSheet || typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return sharedSheet;
  sharedSheet = new CSSStyleSheet();
  sharedSheet.replaceSync(BASE_CSS);
  return sharedSheet;
}

function adopt(root: ShadowRoot): void {
  const sheet = baseSheet();
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // Browsers without constructable sheets: a <style> element (needs style-src 'unsafe-inline').
  const style = document.createElement('style');
  style.textContent = BASE_CSS;
  root.append(style);
}

/**
 * Builds a widget's box inside `host`: in a shadow root (the default: the page's CSS cannot
 * reach in, the MFE's cannot leak out), or in the light DOM when the element says
 * `isolation="none"` (the page styles the widget, loading and fallback included; the MFE's
 * CSS goes to the document).
 */
export function createWidgetView(host: HTMLElement, name: string): WidgetView {
  const slot = new Slot(name, name);
  if (host.getAttribute('isolation') === 'none') {
    host.append(slot.element);
    return { slot, styleRoot: document.head };
  }
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  adopt(shadow);
  shadow.append(slot.element);
  return { slot, styleRoot: shadow };
}
