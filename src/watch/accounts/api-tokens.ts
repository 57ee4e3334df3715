/**
 * API tokens: `ww_` + an 8-character public prefix + `_` + 32 random bytes in base64url. The prefix
 * names the token in lists and the audit log and finds its row; the store keeps only the SHA-256 of
 * the whole token (a token has 256 random bits, so a fast hash is as safe as a slow one and checks in
 * microseconds on every request). The token is shown once, when it is made.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const prefixAlphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
const tokenShape = /^ww_([a-z2-9]{8})_([A-Za-z0-9_-]{43})$/;

/** A new token: what to show once, and what to store. */
export interface MintedToken {
  token: string;
  prefix: string;
  secretHash: string;
}

export function mintToken(): MintedToken {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += prefixAlphabet[byte % prefixAlphabet.length];
  const prefix = `ww_${code}`;
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix, secretHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The prefix of a well-formed token, or null (the caller answers 401 without a lookup). */
export function tokenPrefix(token: string): string | null {
  const match = tokenShape.exec(token);
  return match ? `ww_${match[1]}` : null;
}

/** True when `token` hashes to `secretHash` (compared in constant time). */
export function tokenMatches(token: string, secretHash: string): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
