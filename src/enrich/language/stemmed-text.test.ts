import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitWords } from './split-words.ts';
import { stemmedText, stemQueryWord } from './stemmed-text.ts';

describe('stemmedText', () => {
  it('lets a query stem find inflected forms in Russian and English', () => {
    const indexed = stemmedText('Трое задержаны. Police detained two men.', 'ru').split(' ');
    assert.ok(indexed.includes(stemQueryWord('задержан')));
    assert.ok(indexed.includes(stemQueryWord('detain')));
  });

  it('stems each word by its alphabet, whatever the article language', () => {
    assert.equal(
      stemmedText('Организации Hizb ut-Tahrir запрещены', 'ru'),
      'организац hizb ut tahrir запрещ',
    );
    assert.equal(
      stemmedText('The banned Хизб ут-Тахрир organisations', 'en'),
      'the ban хизб ут тахрир organis',
    );
  });

  it('keeps words of other scripts and numbers, lower-cased, in order', () => {
    assert.equal(stemmedText('22 ΑΘΗΝΑ 北京 Kills', 'en'), '22 αθηνα 北京 kill');
  });

  it('folds ё, also when written as е + combining diaeresis', () => {
    assert.equal(stemmedText('Запрещённой', 'ru'), stemmedText('запрещенной', 'ru'));
    assert.equal(stemmedText('Запреще\u0308нной', 'ru'), stemmedText('запрещенной', 'ru'));
  });

  it('stems a mixed-alphabet word by its majority, look-alike letters rewritten', () => {
    assert.equal(stemmedText('Kазахстане', 'en'), stemmedText('Казахстане', 'en'));
    assert.equal(stemmedText('Tokаyev’s detаined', 'ru'), 'tokayev s detain');
  });

  it('uses the article language for a word with as many Latin as Cyrillic letters', () => {
    // Latin "ca" + Cyrillic "са": two letters of each.
    assert.equal(stemmedText('caса', 'ru'), stemmedText('саса', 'ru'));
    assert.equal(stemmedText('caса', 'en'), stemmedText('caca', 'en'));
    assert.equal(stemmedText('caса', 'kk'), 'caса');
  });

  it('returns an empty string for empty or non-string input', () => {
    assert.equal(stemmedText('', 'en'), '');
    assert.equal(stemmedText('— … !!!', 'en'), '');
    assert.equal(stemmedText(null as unknown as string, 'en'), '');
  });

  it('gives one stem per word, lower-cased, without ё, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const stems = stemmedText(text, 'ru');
        const count = stems === '' ? 0 : stems.split(' ').length;
        // stemmedText composes only Latin/Cyrillic combining marks (a decomposed ё): NFC of the whole
        // text would also decompose symbols such as U+1D15E into a letter-like mark, a word it never sees.
        const lower = text.toLowerCase();
        const folded = /[\u0300-\u036f]/.test(lower) ? lower.normalize('NFC') : lower;
        assert.equal(count, splitWords(folded).length);
        assert.ok(!stems.includes('ё'));
        assert.equal(stems, stems.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });
});

describe('stemQueryWord', () => {
  it('applies the same rules as the indexed text', () => {
    assert.equal(stemQueryWord('Задержаны'), stemmedText('задержаны', 'ru'));
    assert.equal(stemQueryWord('Jalal-Abad'), 'jalal abad');
  });
});
