import { pageEventBus } from '@atrium/shared/internal';
import type { EventRecord } from '@atrium/shared/internal';

const MAX_PAYLOAD = 120;

/**
 * The overlay's "Events" section: the page's last events between MFEs (the bus keeps 50), newest
 * first — who sent what, how many listeners heard it, which refused or threw.
 */
export function eventsSection(cell: (text: string, className?: string) => HTMLTableCellElement): HTMLElement[] {
  const recent = pageEventBus().recent();
  const title = document.createElement('h3');
  title.textContent = `Events (last ${recent.length})`;
  const list = document.createElement('table');
  list.setAttribute('aria-label', 'Recent events');
  for (const event of [...recent].reverse()) {
    const row = document.createElement('tr');
    const failed = event.refused !== undefined || event.failedListeners !== undefined;
    row.append(cell(`#${event.seq}`, 'muted'), cell(event.type), cell(`from ${event.source}`), cell(payloadText(event), 'url'), cell(outcome(event), failed ? 'error' : 'muted'));
    list.append(row);
  }
  return [title, list];
}

/** Calls `render` on every new event until the returned function is called. */
export const observeEvents = (render: () => void): (() => void) => pageEventBus().observe(render);

function payloadText(event: EventRecord): string {
  let text: string;
  try {
    text = JSON.stringify(event.payload) ?? 'undefined';
  } catch {
    text = String(event.payload); // a refused payload may not be JSON (a cycle)
  }
  return text.length > MAX_PAYLOAD ? `${text.slice(0, MAX_PAYLOAD - 1)}…` : text;
}

function outcome(event: EventRecord): string {
  if (event.refused !== undefined) return `refused: ${event.refused}`;
  return `${event.delivered} listener(s)${event.failedListeners ? `, threw in ${event.failedListeners.join(', ')}` : ''}`;
}
