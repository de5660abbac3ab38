import type { AtriumError } from '@atrium/shared';
import type { MfeStatus } from '@atrium/shared/internal';

/** What a fallback shows: which failure, and its message. */
export interface FailureView {
  readonly status: MfeStatus | 'REFUSED';
  readonly lastError?: AtriumError | undefined;
}

/**
 * The host-owned box one MFE lives in: a status line (loading, fallback) and the element the MFE
 * renders into. Keeping them apart means an MFE that appends to its element never leaves our
 * placeholder behind, and our fallback never fights the MFE's own DOM.
 */
export class Slot {
  readonly element: HTMLElement;
  readonly root: HTMLElement;
  readonly #status: HTMLElement;

  constructor(name: string, title: string) {
    this.element = document.createElement('section');
    this.element.className = 'atrium-slot';
    this.element.dataset['mfe'] = name;
    this.element.setAttribute('aria-label', title);
    this.#status = document.createElement('div');
    this.#status.className = 'atrium-status';
    this.#status.setAttribute('role', 'status');
    this.root = document.createElement('div');
    this.root.className = 'atrium-mfe-root';
    this.element.append(this.#status, this.root);
  }

  showLoading(title: string): void {
    this.element.dataset['state'] = 'loading';
    const box = document.createElement('div');
    box.className = 'atrium-loading';
    box.textContent = `Loading ${title}…`;
    this.#status.replaceChildren(box);
  }

  clearStatus(): void {
    delete this.element.dataset['state'];
    this.#status.replaceChildren();
  }

  /** Shows a readable fallback with a retry button; the MFE's own DOM is cleared. */
  showFallback(title: string, state: FailureView, onRetry: () => void): void {
    this.element.dataset['state'] = 'failed';
    this.root.replaceChildren();
    const card = document.createElement('div');
    card.className = 'atrium-fallback';
    card.setAttribute('role', 'alert');
    const heading = document.createElement('strong');
    heading.textContent = state.status === 'LOAD_ERROR' ? `${title} could not be loaded` : `${title} stopped working`;
    const text = document.createElement('p');
    text.textContent = 'The rest of the page still works. You can try again now; if it keeps failing, the team has been notified.';
    const detail = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Technical details';
    const code = document.createElement('code');
    code.textContent = state.lastError?.message ?? 'unknown error';
    detail.append(summary, code);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'atrium-retry';
    button.textContent = 'Try again';
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = 'Retrying…';
      onRetry();
    });
    card.append(heading, text, button, detail);
    this.#status.replaceChildren(card);
  }

  /**
   * A neutral placeholder for content this page may not show (a widget on a page its deployment
   * does not allow): nothing to retry, nothing for the visitor to do; the embedder's console
   * says why.
   */
  showUnavailable(): void {
    this.element.dataset['state'] = 'unavailable';
    this.root.replaceChildren();
    const note = document.createElement('div');
    note.className = 'atrium-unavailable';
    note.textContent = 'This content is not available here.';
    this.#status.replaceChildren(note);
  }
}
