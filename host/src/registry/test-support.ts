import type { ResolvedEntry } from '../manifest/index.js';
import { ErrorReporter } from '../observability/errors.js';
import type { ShellErrorEvent } from '../observability/errors.js';
import type { SlotProvider } from './registry.js';
import { StatusStore } from './status-store.js';

/** What a registry test watches: statuses, reported errors, and the boxes the registry claimed (one `div` per MFE in the body). */
export function registryWorld(): { store: StatusStore; errors: ErrorReporter; reported: ShellErrorEvent[]; boxes: Map<string, HTMLElement>; slots: SlotProvider } {
  const store = new StatusStore();
  const errors = new ErrorReporter();
  const reported: ShellErrorEvent[] = [];
  errors.on((event) => reported.push(event));
  const boxes = new Map<string, HTMLElement>();
  const slots: SlotProvider = {
    claim: (entry: ResolvedEntry) => {
      let box = boxes.get(entry.name);
      if (!box) {
        box = document.createElement('div');
        boxes.set(entry.name, box);
        document.body.append(box);
      }
      return box;
    },
    release: (entry: ResolvedEntry) => {
      boxes.get(entry.name)?.remove();
      boxes.delete(entry.name);
    },
  };
  return { store, errors, reported, boxes, slots };
}
