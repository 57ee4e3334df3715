import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forEachWord, splitWords } from './split-words.ts';

describe('splitWords', () => {
  it('splits at spaces, punctuation, hyphens and apostrophes, as the FTS tokenizer does', () => {
    assert.deepEqual(splitWords("«Джалал-Абад», Tokayev’s O'zbekiston — 22 members!"), [
      'Джалал',
      'Абад',
      'Tokayev',
      's',
      'O',
      'zbekiston',
      '22',
      'members',
    ]);
  });

  it('keeps apostrophes inside a word when asked (name keys), never at its edges', () => {
    assert.deepEqual(splitWords("'O'zbekiston' Oʻzbek gʻ Tokayev’s", { keepApostrophes: true }), [
      "O'zbekiston",
      'Oʻzbek',
      'gʻ',
      'Tokayev’s',
    ]);
  });

  it('counts each word’s Latin and Cyrillic letters (a Latin K inside a Russian word)', () => {
    const spans: [number, number][] = [];
    forEachWord('Kазахстан 2024 Αθήνα', ({ cyrillic, latin }) => spans.push([cyrillic, latin]));
    assert.deepEqual(spans, [
      [8, 1],
      [0, 0],
      [0, 0],
    ]);
  });

  it('treats emoji as separators and astral letters as letters', () => {
    assert.deepEqual(splitWords('a😀b 𠀀x'), ['a', 'b', '𠀀x']);
  });

  it('finds exactly the words a Unicode regex finds, on any text', () => {
    const reference = /[\p{L}\p{M}\p{N}]+/gu;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        // Lone surrogates are separators for both (the regex cannot match half a code point).
        assert.deepEqual(splitWords(text), text.match(reference) ?? []);
      }),
      { numRuns: 500 },
    );
    // Dense over the blocks the fast path decides by range (Latin, Cyrillic) and their neighbours.
    const nearby = fc.integer({ min: 0x20, max: 0x2fff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(fc.array(nearby, { maxLength: 60 }), (characters) => {
        const text = characters.join('');
        assert.deepEqual(splitWords(text), text.match(reference) ?? []);
      }),
      { numRuns: 500 },
    );
  });
});
