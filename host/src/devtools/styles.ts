// Lives in the overlay's shadow root: the page's CSS cannot reach it and it cannot reach the page.
export const css = `
:host { all: initial; }
.panel { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; width: min(760px, calc(100vw - 24px)); max-height: 70vh; overflow: auto;
  font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #e5e7eb; background: #111827; border: 1px solid #374151; border-radius: 8px; box-shadow: 0 10px 30px rgba(0,0,0,.35); }
header { display: flex; justify-content: space-between; align-items: center; padding: 8px 12px; background: #1f2937; position: sticky; top: 0; }
h2 { margin: 0; font-size: 13px; } h3 { margin: 12px 12px 4px; font-size: 12px; color: #9ca3af; text-transform: uppercase; letter-spacing: .05em; }
table { width: 100%; border-collapse: collapse; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #1f2937; vertical-align: top; }
th { color: #9ca3af; font-weight: normal; }
.status-MOUNTED { color: #34d399; } .status-LOAD_ERROR, .status-BROKEN { color: #f87171; } .status-LOADING, .status-MOUNTING { color: #fbbf24; }
.error { color: #fca5a5; white-space: pre-wrap; word-break: break-word; max-width: 260px; }
.url { word-break: break-all; max-width: 220px; color: #93c5fd; }
button { font: inherit; color: #e5e7eb; background: #374151; border: 1px solid #4b5563; border-radius: 4px; padding: 2px 8px; cursor: pointer; }
button:hover { background: #4b5563; }
input { font: inherit; width: 100%; box-sizing: border-box; background: #0b1220; color: #e5e7eb; border: 1px solid #374151; border-radius: 4px; padding: 2px 4px; }

.pager { display: flex; gap: 8px; align-items: center; padding: 6px 12px; } .pager input { width: 12em; }
.muted { color: #9ca3af; } .row-actions { display: flex; gap: 4px; flex-wrap: wrap; }
`;
