/**
 * A notice's button. When `run` returns a promise (a retry under way), the button is disabled and
 * says so until it settles: a click during a slow attempt shows that something is happening, and
 * a second click cannot start another one.
 */
export interface NoticeAction {
  readonly label: string;
  readonly run: () => void | Promise<unknown>;
}

/** What a button says while its action is under way. */
const BUSY_LABEL = 'Trying…';

/**
 * Shell-level messages (the manifest could not be read, some entries were skipped). They sit in
 * the page's notice area so the user knows why something is missing, without a dead page.
 */
export function showNotice(text: string, kind: 'error' | 'warning', action?: NoticeAction): HTMLElement {
  let area = document.getElementById('atrium-notices');
  if (!area) {
    area = document.createElement('div');
    area.id = 'atrium-notices';
    document.body.prepend(area);
  }
  const notice = document.createElement('div');
  notice.className = `atrium-notice atrium-notice--${kind}`;
  notice.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const message = document.createElement('span');
  message.textContent = text;
  notice.append(message);
  if (action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.label;
    button.addEventListener('click', () => {
      const running = action.run();
      if (!running) return;
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      button.textContent = BUSY_LABEL;
      const done = () => {
        button.disabled = false;
        button.removeAttribute('aria-busy');
        button.textContent = action.label;
      };
      running.then(done, done);
    });
    notice.append(button);
  }
  area.append(notice);
  return notice;
}
