import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bandKeys,
  estimateJaccard,
  minhashSignature,
  normalizeText,
  rowsPerBand,
  shingleHashes,
  signatureLength,
  splitWords,
} from './minhash.ts';

const sentence =
  'Border guards of Kyrgyzstan and Tajikistan exchanged fire near the village of Ak-Sai on Sunday evening.';

function signText(text: string): Uint32Array {
  return minhashSignature(shingleHashes(splitWords(normalizeText(text))));
}

describe('normalizeText', () => {
  it('folds case and Latin diacritics, keeps Cyrillic letters, turns ё into е', () => {
    assert.equal(normalizeText('Öskemen TÜRKMENISTAN Straße'), 'oskemen turkmenistan strasse');
    assert.equal(normalizeText('Ёлка, ЙОД и Қазақстан'), 'елка йод и қазақстан');
  });

  it('drops punctuation and keeps words with apostrophes whole, whatever the apostrophe', () => {
    assert.equal(normalizeText('«Kyrgyzstan’s» border — (again)!'), 'kyrgyzstans border again');
    assert.equal(normalizeText("Kyrgyzstan's"), normalizeText('Kyrgyzstan’s'));
    assert.equal(normalizeText('Oʻzbekiston'), normalizeText("O'zbekiston"));
  });

  it('ignores soft hyphens, zero-width characters and full-width forms', () => {
    assert.equal(normalizeText('extre\u00admism ex\u200btremism ＫＮＢ'), 'extremism extremism knb');
  });

  it('gives nothing for text without letters or digits', () => {
    assert.equal(normalizeText(' — … !? '), '');
    assert.deepEqual(splitWords(''), []);
  });
});

describe('shingleHashes', () => {
  it('hashes each run of three words once, sorted', () => {
    const shingles = shingleHashes(splitWords('a b c a b c'));
    assert.equal(shingles.length, 3, 'a b c, b c a, c a b: "a b c" counted once');
    assert.deepEqual(
      [...shingles],
      [...shingles].sort((x, y) => x - y),
    );
  });

  it('makes one shingle of a text shorter than a shingle, none of an empty one', () => {
    assert.equal(shingleHashes(['one', 'two']).length, 1);
    assert.equal(shingleHashes([]).length, 0);
  });

  it('tells word order and word boundaries apart', () => {
    const [ab] = shingleHashes(['ab', 'c', 'd']);
    const [abc] = shingleHashes(['a', 'bc', 'd']);
    assert.notEqual(ab, abc);
    assert.notEqual(shingleHashes(['x', 'y', 'z'])[0], shingleHashes(['z', 'y', 'x'])[0]);
  });

  it('refuses a shingle size outside 1–8', () => {
    assert.throws(() => shingleHashes(['a'], 0), /size must be an integer from 1 to 8/);
    assert.throws(() => shingleHashes(['a'], 2.5), RangeError);
  });
});

describe('minhashSignature', () => {
  it('is the same on every machine and in every process: pinned values (bump the format version if they change)', () => {
    const signature = signText(sentence);
    assert.equal(signature.length, signatureLength);
    assert.deepEqual([...signature.slice(0, 4)], [0x0ab8510b, 0x1df514a8, 0x409334b0, 0x22309b2d]);
    assert.deepEqual(bandKeys(signature).slice(0, 2), ['b00:ace221a1', 'b01:728a0a95']);
  });

  it('is all 0xffffffff for an empty set', () => {
    assert.ok(minhashSignature(new Uint32Array(0)).every((value) => value === 0xffffffff));
  });

  it('refuses a length outside 1–1024', () => {
    assert.throws(() => minhashSignature(new Uint32Array(1), 0), RangeError);
    assert.throws(() => minhashSignature(new Uint32Array(1), 1025), RangeError);
  });
});

describe('estimateJaccard', () => {
  it('is 1 for the same text however it is spelt, near 0 for unrelated texts', () => {
    assert.equal(
      estimateJaccard(signText(sentence), signText(sentence.toUpperCase().replaceAll(' ', '  '))),
      1,
    );
    const other = 'The central bank kept its key rate unchanged and said inflation would slow in the autumn.';
    assert.ok(estimateJaccard(signText(sentence), signText(other)) < 0.05);
  });

  it('stays within four standard errors of the exact Jaccard similarity (fixed seed)', () => {
    const sets = fc.tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 20, maxLength: 400 }),
      fc.integer({ min: 0, max: 100 }),
    );
    fc.assert(
      fc.property(sets, ([values, sharedPercent]) => {
        const shared = Math.floor((values.length * sharedPercent) / 100);
        const half = Math.floor((values.length - shared) / 2);
        const a = Uint32Array.from(values.slice(0, shared + half)).sort();
        const b = Uint32Array.from([...values.slice(0, shared), ...values.slice(shared + half)]).sort();
        const exact = shared / values.length;
        const estimate = estimateJaccard(minhashSignature(a), minhashSignature(b));
        const standardError = Math.sqrt((exact * (1 - exact)) / signatureLength);
        return Math.abs(estimate - exact) <= 4 * standardError + 1 / signatureLength;
      }),
      { seed: 20250505, numRuns: 150 },
    );
  });

  it('refuses signatures of different lengths', () => {
    assert.throws(() => estimateJaccard(new Uint32Array(4), new Uint32Array(8)), /cannot be compared/);
  });
});

describe('bandKeys', () => {
  it('gives one compact key per band', () => {
    const keys = bandKeys(signText(sentence));
    assert.equal(keys.length, signatureLength / rowsPerBand);
    assert.ok(keys.every((key) => /^b[0-9a-f]{2}:[0-9a-f]{8}$/.test(key)));
    assert.equal(keys[7]!.slice(0, 4), 'b07:');
  });

  it('changes only the key of the band whose rows changed', () => {
    const signature = signText(sentence);
    const changed = signature.slice();
    changed[5] = (changed[5]! + 1) >>> 0;
    const before = bandKeys(signature);
    const after = bandKeys(changed);
    const differing = before.flatMap((key, band) => (key === after[band] ? [] : [band]));
    assert.deepEqual(differing, [Math.floor(5 / rowsPerBand)]);
  });

  it('keeps equal rows in different bands apart', () => {
    const flat = new Uint32Array(signatureLength).fill(7);
    assert.equal(new Set(bandKeys(flat)).size, signatureLength / rowsPerBand);
  });

  it('refuses a signature that does not split into whole bands', () => {
    assert.throws(() => bandKeys(new Uint32Array(5), 2), /do not split into bands/);
  });
});
