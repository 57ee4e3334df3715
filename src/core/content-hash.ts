/**
 * The identity of an article that has no URL: a hash of its normalised text.
 */
import { createHash } from 'node:crypto';

/**
 * Normalises text for identity: Unicode NFKC, lower case, and every run of characters that are not
 * letters or digits collapsed to one space. Two copies that differ only in quotes, dashes, spacing or
 * case normalise to the same string.
 */
export function normalizeForIdentity(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** SHA-256 (hex) of the normalised text. */
export function hashContent(text: string): string {
  return createHash('sha256').update(normalizeForIdentity(text)).digest('hex');
}
