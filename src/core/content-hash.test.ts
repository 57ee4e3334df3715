import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hashContent, normalizeForIdentity } from './content-hash.ts';

describe('content identity', () => {
  it('ignores case, spacing, punctuation and Unicode compatibility forms', () => {
    assert.equal(hashContent('“Hizb ut-Tahrir” detained  22.'), hashContent('"hizb ut tahrir" DETAINED 22'));
    assert.equal(normalizeForIdentity('ﬁnal\u00a0word'), 'final word');
  });

  it('tells different texts apart', () => {
    assert.notEqual(hashContent('22 members detained'), hashContent('23 members detained'));
  });

  it('gives the same hash whatever whitespace is added between words (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-zA-Zа-яА-Я0-9]{1,8}$/), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom(' ', '\n', '\t', '  ', ' — '), { minLength: 12, maxLength: 12 }),
        (words, gaps) => {
          const plain = words.join(' ');
          const spaced = words.map((word, i) => word + gaps[i]).join('');
          return hashContent(plain) === hashContent(spaced);
        },
      ),
    );
  });
});

describe('normalizeForIdentity against a plain regex definition', () => {
  const reference = (text: string) =>
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('agrees on text made of letters, digits, spaces and punctuation from English and Russian news (property)', () => {
    const pieces = fc.constantFrom(
      ...'aZ9 яЁж,.;:!?-—–“”‘’«»()[]…\n\t\u00a0\u2009'.split(''),
      'Hizb',
      'Токаев',
      'naïve',
      'ﬁ',
      'Ⅻ',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        return normalizeForIdentity(text) === reference(text);
      }),
    );
  });
});
