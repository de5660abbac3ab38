import type { Session } from '@atrium/shared';

/**
 * The signed-in user's name with a Sign out button, or a Sign in button, kept current through
 * the session's events for as long as `signal` lives. Nothing at all when SSO is off.
 */
export function renderAccount(box: HTMLElement, session: Session, signal: AbortSignal): void {
  const paint = () => {
    box.replaceChildren();
    if (!session.enabled) return;
    const button = document.createElement('button');
    button.type = 'button';
    const problem = document.createElement('p');
    problem.className = 'account-error';
    problem.setAttribute('role', 'alert');
    if (session.user) {
      const who = document.createElement('p');
      who.className = 'who';
      who.textContent = `Signed in as ${session.user.name ?? session.user.sub}`;
      button.textContent = 'Sign out';
      button.className = 'secondary';
      button.addEventListener('click', () => {
        button.disabled = true;
        void session.signOut();
      });
      box.append(who, button, problem);
    } else {
      button.textContent = 'Sign in';
      button.addEventListener('click', () => {
        button.disabled = true;
        session.signIn(location.pathname + location.search).catch((error: unknown) => {
          button.disabled = false;
          problem.textContent = error instanceof Error ? error.message : String(error);
        });
      });
      box.append(button, problem);
    }
  };
  paint();
  for (const event of ['signed-in', 'signed-out', 'expired'] as const) {
    const stop = session.on(event, paint);
    signal.addEventListener('abort', stop, { once: true });
  }
}
