/**
 * The stored form of a ClusterFingerprint: 12 header bytes and the signature, little-endian whatever the
 * machine, for a BLOB column in SQLite or a bytea column in PostgreSQL (base64 with
 * `Buffer.toString('base64')` where text is needed).
 *
 * Layout (version 1): byte 0 format version, byte 1 shingle size, bytes 2–3 signature length (u16),
 * bytes 4–7 word count (u32), bytes 8–11 shingle count (u32), then the signature (u32 each).
 */
import { AppError } from '../../core/errors.ts';
import type { ClusterFingerprint } from './fingerprint.ts';
import { shingleSize, signatureLength } from './minhash.ts';

/**
 * The format version. Bump it whenever a change anywhere in minhash.ts or fingerprint.ts (normalising,
 * hashing, seeds, sizes) changes the signature of any text: signatures of two versions cannot be
 * compared, so stored ones must be recomputed, and their band keys with them.
 */
export const fingerprintFormatVersion = 1;

const headerBytes = 12;

/** The bytes of `fingerprint` (a Buffer, which both database drivers accept). */
export function encodeFingerprint(fingerprint: ClusterFingerprint): Buffer {
  const { signature } = fingerprint;
  const bytes = Buffer.alloc(headerBytes + signature.length * 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint8(0, fingerprintFormatVersion);
  view.setUint8(1, shingleSize);
  view.setUint16(2, signature.length, true);
  view.setUint32(4, fingerprint.wordCount, true);
  view.setUint32(8, fingerprint.shingleCount, true);
  for (let i = 0; i < signature.length; i++) view.setUint32(headerBytes + i * 4, signature[i]!, true);
  return bytes;
}

/**
 * The fingerprint stored in `bytes`; null when they were made with another format version or other
 * parameters (recompute it from the article's text). Throws when the bytes are not a fingerprint at all.
 */
export function decodeFingerprint(bytes: Uint8Array): ClusterFingerprint | null {
  if (bytes.byteLength < headerBytes) {
    throw new AppError(
      'INTERNAL',
      `cluster fingerprint: ${bytes.byteLength} bytes, too short for its header`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint16(2, true);
  if (bytes.byteLength !== headerBytes + length * 4) {
    throw new AppError(
      'INTERNAL',
      `cluster fingerprint: ${bytes.byteLength} bytes, but its header announces ${length} hashes (${headerBytes + length * 4} bytes)`,
    );
  }
  const current =
    view.getUint8(0) === fingerprintFormatVersion &&
    view.getUint8(1) === shingleSize &&
    length === signatureLength;
  if (!current) return null;
  const signature = new Uint32Array(length);
  for (let i = 0; i < length; i++) signature[i] = view.getUint32(headerBytes + i * 4, true);
  return { signature, wordCount: view.getUint32(4, true), shingleCount: view.getUint32(8, true) };
}
