import crypto from 'node:crypto';

export const VISITOR_COOKIE = 'atrium_vid';
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The visitor's stable id from the first-party cookie, or a new one to set on this response.
 * A malformed cookie is replaced rather than trusted (it only picks a canary bucket).
 * @param {import('node:http').IncomingMessage} req
 * @returns {{ id: string, isNew: boolean }}
 */
export function visitorOf(req) {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    const value = rest.join('=');
    if (name === VISITOR_COOKIE && VISITOR_ID.test(value)) return { id: value, isNew: false };
  }
  return { id: crypto.randomBytes(16).toString('base64url'), isNew: true };
}

/** The Set-Cookie value for a new visitor: a year, whole site, not readable by scripts. */
export function visitorCookie(/** @type {string} */ id, secure = false) {
  return `${VISITOR_COOKIE}=${id}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}
