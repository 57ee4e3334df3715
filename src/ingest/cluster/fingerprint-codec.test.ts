import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { fingerprintArticle } from './fingerprint.ts';
import { decodeFingerprint, encodeFingerprint, fingerprintFormatVersion } from './fingerprint-codec.ts';
import { signatureLength } from './minhash.ts';

const fingerprint = fingerprintArticle({
  text: 'Tajik border guards killed three armed smugglers who crossed the Panj river from Afghanistan on Tuesday night.',
});

describe('encodeFingerprint / decodeFingerprint', () => {
  it('round-trips through bytes and base64', () => {
    const bytes = encodeFingerprint(fingerprint);
    assert.deepEqual(decodeFingerprint(bytes), fingerprint);
    const text = bytes.toString('base64');
    assert.deepEqual(decodeFingerprint(Buffer.from(text, 'base64')), fingerprint);
  });

  it('takes 12 header bytes and 4 bytes a hash', () => {
    assert.equal(encodeFingerprint(fingerprint).byteLength, 12 + 4 * signatureLength);
  });

  it('writes little-endian whatever the machine', () => {
    const bytes = encodeFingerprint({
      signature: new Uint32Array(signatureLength).fill(0x01020304),
      wordCount: 300,
      shingleCount: 2,
    });
    assert.deepEqual(
      [...bytes.subarray(0, 12)],
      [fingerprintFormatVersion, 3, signatureLength, 0, 44, 1, 0, 0, 2, 0, 0, 0],
    );
    assert.deepEqual([...bytes.subarray(12, 16)], [4, 3, 2, 1]);
  });

  it('decodes from a view into a larger buffer (as drivers may hand it over)', () => {
    const bytes = encodeFingerprint(fingerprint);
    const padded = new Uint8Array(bytes.byteLength + 5);
    padded.set(bytes, 3);
    assert.deepEqual(decodeFingerprint(padded.subarray(3, 3 + bytes.byteLength)), fingerprint);
  });

  it('answers null for another format version, so the caller recomputes', () => {
    const bytes = encodeFingerprint(fingerprint);
    bytes[0] = fingerprintFormatVersion + 1;
    assert.equal(decodeFingerprint(bytes), null);
  });

  it('refuses bytes that are not a whole fingerprint, saying why', () => {
    const bytes = encodeFingerprint(fingerprint);
    for (const broken of [bytes.subarray(0, 5), bytes.subarray(0, bytes.byteLength - 1)]) {
      assert.throws(
        () => decodeFingerprint(broken),
        (error) => isAppError(error, 'INTERNAL') && /cluster fingerprint: \d+ bytes/.test(error.message),
      );
    }
  });
});
