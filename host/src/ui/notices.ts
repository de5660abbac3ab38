/**
 * Shell-level messages (the manifest could not be read, some entries were skipped). They sit in
 * the page's notice area so the user knows why something is missing, without a dead page.
 */
export function showNotice(text: string, kind: 'error' | 'warning', action?: { label: string; run: () => void }): HTMLElement {
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
    button.addEventListener('click', action.run);
    notice.append(button);
  }
  area.append(notice);
  return notice;
}
