/**
 * Who is asking: a request's principal from its `Authorization: Bearer` token (scripts) or its
 * session cookie (browsers). A token is checked by its prefix's row and a constant-time hash
 * comparison, and refused when revoked, expired or its owner is disabled; what it may do is its
 * scopes within its owner's present role (a demoted owner's token loses what the role lost). Tokens
 * in query strings are never read: URLs end up in logs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import type { Session, TokenScope, User } from '../../store/accounts.ts';
import type { Store } from '../../store/store.ts';
import { tokenMatches, tokenPrefix } from '../../watch/accounts/api-tokens.ts';
import { scopesOfRole } from '../../watch/accounts/manage-accounts.ts';

/** The signed-in user (or token holder) of a request. */
export interface Principal {
  user: User;
  via: 'session' | 'token';
  /** What the request may do. */
  scopes: readonly TokenScope[];
  /** The browser session (via 'session'): its form token guards every form it posts. */
  session?: Session;
}

/** The session cookie's name. */
export const sessionCookie = 'ww_session';
/** A session ends after this long unused… */
export const sessionIdleMs = 7 * 24 * 3_600_000;
/** …and after this long in any case. */
export const sessionLifetimeMs = 30 * 24 * 3_600_000;

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A new session for `user`: the cookie's value (the only copy of the secret) and the stored row. */
export async function startSession(
  store: Store,
  user: User,
  now = new Date(),
): Promise<{ cookie: string; session: Session }> {
  const id = randomBytes(32).toString('base64url');
  const session: Session = {
    idHash: hashSessionId(id),
    userId: user.id,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + sessionIdleMs).toISOString(),
  };
  await store.accounts.addSession(session);
  return { cookie: id, session };
}

/** The principal of a bearer token; AUTH_FAILED (one message for every reason) when it is not good. */
export async function principalOfToken(store: Store, token: string, now = new Date()): Promise<Principal> {
  const refused = new AppError(
    'AUTH_FAILED',
    'the API token is not valid: it may be mistyped, revoked or expired, or its user disabled',
  );
  const prefix = tokenPrefix(token);
  if (prefix === null) throw refused;
  const found = await store.accounts.findToken(prefix);
  if (found === null || !tokenMatches(token, found.secretHash)) throw refused;
  if (found.revokedAt !== null || found.userDisabledAt !== null) throw refused;
  if (found.expiresAt !== null && Date.parse(found.expiresAt) <= now.getTime()) throw refused;
  const user = await store.accounts.getUser(found.userId);
  if (user === null) throw refused;
  await store.accounts.touchToken(found.id, now);
  const allowed = scopesOfRole[user.role];
  return { user, via: 'token', scopes: found.scopes.filter((scope) => allowed.includes(scope)) };
}

/** The principal of a session cookie, or null when it names no live session (the cookie is then dropped). */
export async function principalOfSession(
  store: Store,
  cookie: string,
  now = new Date(),
): Promise<Principal | null> {
  if (cookie.length === 0 || cookie.length > 100) return null;
  const idHash = hashSessionId(cookie);
  const session = await store.accounts.findSession(idHash);
  if (session === null) return null;
  const ended =
    Date.parse(session.expiresAt) <= now.getTime() ||
    Date.parse(session.createdAt) + sessionLifetimeMs <= now.getTime();
  const user = ended ? null : await store.accounts.getUser(session.userId);
  if (user === null || user.disabledAt !== null) {
    await store.accounts.endSession(idHash);
    return null;
  }
  await store.accounts.touchSession(idHash, new Date(now.getTime() + sessionIdleMs).toISOString(), now);
  return { user, via: 'session', scopes: scopesOfRole[user.role], session };
}
