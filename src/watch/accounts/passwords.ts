/**
 * Passwords: hashed with argon2id (@node-rs/argon2, its defaults: 19 MiB, two passes — OWASP's
 * recommended minimum, about 25 ms here), checked against the stored hash, and judged before they
 * are accepted. A password wirewatch makes up (a new user's, a reset) is 20 random characters from
 * an alphabet without look-alikes, shown once and to be changed at the first sign-in.
 */
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../core/errors.ts';

/** The shortest password accepted: length is what makes a password hard to guess. */
export const minPasswordLength = 12;
/** The longest: hashing cost grows with length, and no one types more. */
export const maxPasswordLength = 1_024;

export function hashPassword(password: string): Promise<string> {
  checkPassword(password);
  return hash(password);
}

/** True when `password` matches `passwordHash`; false for a hash that is not argon2's (never throws on one). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > maxPasswordLength) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password no one knows, checked when a sign-in names no user, so that a wrong name
 * takes as long as a wrong password and the timing tells nothing about which names exist.
 */
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hash(makePassword());
  await verifyPassword(await decoy, password);
  return false;
}

/** PASSWORD_TOO_WEAK when a password is too short, too long or one character repeated. */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < minPasswordLength)
    throw new AppError(
      'PASSWORD_TOO_WEAK',
      `a password needs at least ${minPasswordLength} characters (this one has ${length})`,
    );
  if (password.length > maxPasswordLength)
    throw new AppError('PASSWORD_TOO_WEAK', `a password may have at most ${maxPasswordLength} characters`);
  if (new Set(password).size < 4)
    throw new AppError('PASSWORD_TOO_WEAK', 'a password needs at least four different characters');
}

const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new random password (20 characters, about 115 bits). */
export function makePassword(): string {
  let password = '';
  for (let index = 0; index < 20; index += 1) password += alphabet[randomInt(alphabet.length)];
  return password;
}
