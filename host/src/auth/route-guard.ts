import type { Session, SessionUser } from '@atrium/shared';
import type { RouteAuth } from '@atrium/shared/internal';
import type { ResolvedEntry } from '../manifest/index.js';
import { isActiveAt } from '@atrium/shared/policy';

/**
 * True when `user` may see an entry protected by `rule`: signed in, and every listed claim
 * equal (or, for a list claim such as `roles`, contained).
 *
 * @example
 * ```ts
 * allows({ required: true, claims: { role: 'customer' } }, session.user);
 * ```
 */
export function allows(rule: RouteAuth | undefined, user: SessionUser | undefined): boolean {
  if (!rule?.required) return true;
  if (!user) return false;
  return Object.entries(rule.claims ?? {}).every(([name, wanted]) => {
    const actual = user.claims[name];
    return Array.isArray(actual) ? actual.includes(wanted) : actual === wanted;
  });
}

export interface RouteGuardOptions {
  readonly session: Session;
  readonly entries: () => readonly ResolvedEntry[];
  /** The element of a layout region. */
  readonly region: (name: string) => HTMLElement | null;
  /** False once this page must not send the user to the IdP without a click. */
  readonly mayAutoSignIn: () => boolean;
  /** A session this origin keeps that is not resolved yet: protected entries wait for it. */
  readonly pending?: () => 'resolving' | 'unreachable' | undefined;
  /** Try to resume that session now. */
  readonly retry?: () => void;
}

/**
 * Shows what the user needs in the region of a protected MFE that is not mounted for them:
 * while a kept session is being resumed, that it is loading (or that the sign-in service is
 * unreachable); on first arrival while signed out, the way to the IdP (and back to this URL); after a
 * cancelled or ended sign-in, a Sign in button (never a redirect loop); a signed-in user
 * without the claim, that they have no access; SSO off, that sign-in is not available here.
 */
export class RouteGuard {
  readonly #o: RouteGuardOptions;
  readonly #notes = new Map<string, HTMLElement>();

  constructor(options: RouteGuardOptions) {
    this.#o = options;
  }

  /** For single-spa's activity check: may this entry mount for the current user? */
  readonly permits = (entry: ResolvedEntry): boolean => allows(entry.auth, this.#o.session.user);

  /** Brings the notes in line with the current path and session. */
  check(pathname: string = location.pathname): void {
    for (const entry of this.#o.entries()) {
      const blocked = entry.auth?.required === true && isActiveAt(entry.routes, pathname) && !this.permits(entry);
      if (blocked) this.#block(entry);
      else this.#clear(entry.name);
    }
  }

  #block(entry: ResolvedEntry): void {
    const title = entry.title ?? entry.name;
    const { session } = this.#o;
    const pending = session.user ? undefined : this.#o.pending?.();
    if (!session.enabled) {
      this.#note(entry, 'unavailable', `${title} needs you to be signed in`, 'Sign-in is not available on this site, so this part of the page cannot be shown.');
    } else if (pending === 'resolving') {
      this.#note(entry, 'resolving', `Loading ${title}…`, 'Resuming your session.');
    } else if (pending === 'unreachable') {
      this.#note(entry, 'unreachable', `${title} is waiting for the sign-in service`, 'The sign-in service is unreachable, so your session is not resumed yet. This page appears by itself when the service is back.', ...(this.#o.retry ? [{ label: 'Try again', run: this.#o.retry }] : []));
    } else if (session.user) {
      this.#note(entry, 'forbidden', `You don't have access to ${title}`, `You are signed in as ${session.user.name ?? session.user.sub}, but your account lacks the permission this page needs.`);
    } else if (this.#o.mayAutoSignIn()) {
      this.#note(entry, 'redirecting', `Signing you in to see ${title}…`, 'You will come straight back to this page.');
      this.#signIn(entry);
    } else if (!['failed', 'redirecting'].includes(this.#notes.get(entry.name)?.dataset['reason'] ?? '')) {
      this.#note(entry, 'signed-out', `Sign in to see ${title}`, 'This page shows your personal information.', { label: 'Sign in', run: () => this.#signIn(entry) });
    }
  }

  #signIn(entry: ResolvedEntry): void {
    const here = location.pathname + location.search + location.hash;
    this.#o.session.signIn(here).catch((error: unknown) => {
      const title = entry.title ?? entry.name;
      this.#note(entry, 'failed', `Sign in to see ${title}`, error instanceof Error ? error.message : String(error), { label: 'Try again', run: () => this.#signIn(entry) });
    });
  }

  #note(entry: ResolvedEntry, reason: string, heading: string, text: string, action?: { label: string; run: () => void }): void {
    const current = this.#notes.get(entry.name);
    if (current?.dataset['reason'] === reason && reason !== 'failed') return;
    const box = document.createElement('section');
    box.className = 'atrium-slot atrium-auth-note';
    box.dataset['authGuard'] = entry.name;
    box.dataset['reason'] = reason;
    box.setAttribute('aria-label', entry.title ?? entry.name);
    const card = document.createElement('div');
    card.className = 'atrium-fallback';
    card.setAttribute('role', reason === 'redirecting' || reason === 'resolving' ? 'status' : 'alert');
    const strong = document.createElement('strong');
    strong.textContent = heading;
    const p = document.createElement('p');
    p.textContent = text;
    card.append(strong, p);
    if (action) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'atrium-retry';
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      card.append(button);
    }
    box.append(card);
    if (current) current.replaceWith(box);
    else this.#o.region(entry.region)?.append(box);
    this.#notes.set(entry.name, box);
  }

  #clear(name: string): void {
    this.#notes.get(name)?.remove();
    this.#notes.delete(name);
  }
}
