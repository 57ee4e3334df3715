/**
 * Checking a name and password. Every failure gets the same answer whether or not the name exists
 * (a name no one has is checked against a decoy hash, so it takes as long), and failures are counted
 * per name: after five in a row each attempt must wait — 30 s, then doubling, up to 15 minutes —
 * after the last failure, whatever the password. A success clears the count.
 */
import { AppError } from '../../core/errors.ts';
import type { User } from '../../store/accounts.ts';
import type { Store } from '../../store/store.ts';
import { verifyDecoy, verifyPassword } from '../../watch/accounts/passwords.ts';

/** Failures in a row that are not slowed (the next failure starts the waits). */
export const freeFailures = 4;
const firstWaitMs = 30_000;
const longestWaitMs = 15 * 60_000;

/** How long after the last failure the next attempt must wait, after `failures` in a row. */
export function waitAfter(failures: number): number {
  if (failures <= freeFailures) return 0;
  return Math.min(longestWaitMs, firstWaitMs * 2 ** (failures - freeFailures - 1));
}

/** The key failures are counted under: the name as typed, trimmed and lower-cased. */
export function signInKey(name: string): string {
  return name.trim().toLowerCase().slice(0, 128);
}

/** The user when the name and password match; AUTH_THROTTLED or AUTH_FAILED otherwise. */
export async function checkSignIn(
  store: Store,
  name: string,
  password: string,
  now = new Date(),
): Promise<User> {
  const key = signInKey(name);
  const counted = await store.accounts.signInFailures(key);
  if (counted !== null) {
    const waitMs = Date.parse(counted.lastFailedAt) + waitAfter(counted.failures) - now.getTime();
    if (waitMs > 0)
      throw new AppError(
        'AUTH_THROTTLED',
        `too many failed sign-ins with this name: try again in ${Math.ceil(waitMs / 1000)} s`,
      );
  }
  const user = await store.accounts.findUserByName(name.trim());
  const matches =
    user === null ? await verifyDecoy(password) : await verifyPassword(user.passwordHash, password);
  if (!matches || user === null || user.disabledAt !== null) {
    await store.accounts.recordSignInFailure(key, now);
    throw new AppError('AUTH_FAILED', 'that name and password do not match an account that may sign in');
  }
  if (counted !== null) await store.accounts.clearSignInFailures(key);
  const { passwordHash: _hash, ...shown } = user;
  return shown;
}
