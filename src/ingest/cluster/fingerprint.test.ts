import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprintArticle, maxFingerprintCharacters } from './fingerprint.ts';
import { estimateJaccard, signatureLength } from './minhash.ts';

const text =
  'Officers detained seven men in Osh on Tuesday on suspicion of belonging to a banned movement, the security committee said.';

describe('fingerprintArticle', () => {
  it('counts the words and distinct three-word shingles of the text', () => {
    const fingerprint = fingerprintArticle({ text });
    assert.equal(fingerprint.wordCount, 20);
    assert.equal(fingerprint.shingleCount, 18);
    assert.equal(fingerprint.signature.length, signatureLength);
  });

  it('ignores the headline: a copy with another headline has the same fingerprint', () => {
    const original = { title: 'Seven held in Osh', text };
    const retitled = { title: 'Osh raids: banned group cell broken up', text };
    assert.deepEqual(fingerprintArticle(retitled), fingerprintArticle(original));
  });

  it('gives an empty text no words and no shingles', () => {
    const fingerprint = fingerprintArticle({ text: '  …  ' });
    assert.equal(fingerprint.wordCount, 0);
    assert.equal(fingerprint.shingleCount, 0);
  });

  it('reads only the first maxFingerprintCharacters of a runaway text, in bounded time', () => {
    const huge = `${text} `.repeat(Math.ceil((4 * maxFingerprintCharacters) / text.length));
    const started = performance.now();
    const fingerprint = fingerprintArticle({ text: huge });
    const elapsed = performance.now() - started;
    const head = fingerprintArticle({ text: huge.slice(0, maxFingerprintCharacters) });
    assert.equal(fingerprint.wordCount, head.wordCount);
    assert.equal(estimateJaccard(fingerprint.signature, head.signature), 1);
    assert.ok(elapsed < 2_000, `took ${elapsed.toFixed(0)} ms`);
  });
});
