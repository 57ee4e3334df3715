import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCounts } from './find-counts.ts';
import { readNumberWords } from './number-words.ts';

/** [value, ofPeople] of each mention in a lowercased sentence. */
function counts(sentence: string): [number | null, boolean][] {
  return findCounts(sentence.toLowerCase()).map((mention) => [mention.value, mention.ofPeople]);
}

describe('findCounts', () => {
  it('reads digits with thousands separators (comma, space, no-break space)', () => {
    assert.deepEqual(counts('arrested 1,200 people'), [[1200, true]]);
    assert.deepEqual(counts('задержаны 1 200 участников'), [[1200, true]]);
    assert.deepEqual(counts('задержаны 1\u00a0200 участников'), [[1200, true]]);
  });

  it('reads English and Russian number words, including collective and case forms', () => {
    assert.deepEqual(counts('Twenty-two people'), [[22, true]]);
    assert.deepEqual(counts('a dozen young men'), [[12, true]]);
    assert.deepEqual(counts('two hundred and six passengers'), [[206, true]]);
    assert.deepEqual(counts('пятеро сторонников'), [[5, true]]);
    assert.deepEqual(counts('двадцати двух человек'), [[22, true]]);
    assert.deepEqual(counts('троих граждан'), [[3, true]]);
  });

  it('marks vague quantities as null: dozens, hundreds, десятки', () => {
    assert.deepEqual(counts('dozens of supporters'), [[null, true]]);
    assert.deepEqual(counts('десятки подозреваемых'), [[null, true]]);
  });

  it('skips years, ages, prison terms, percentages, ranges, scores, times and article numbers', () => {
    for (const sentence of [
      'in 2017 the group',
      'a 27-year-old resident',
      '35-летнего мужчину',
      'sentenced to 7 years',
      'к 7 годам лишения свободы',
      'fell by 20%',
      '45 percent of respondents',
      '400-500 fighters',
      'aged 19 to 34',
      'от 5 до 12 лет',
      'beat Serbia 2-1',
      'со счётом 3:1',
      'по статье 244 УК',
      'in the 89th minute',
      'on 22 March',
      '1,500,000 dollars',
      '2.5 tonnes',
    ])
      assert.deepEqual(counts(sentence), [], sentence);
  });

  it('counts a year-like number when people follow it', () => {
    assert.deepEqual(counts('2000 people were evacuated'), [[2000, true]]);
  });

  it('marks a number as counting people when a people noun or a verb follows within three words', () => {
    assert.deepEqual(counts('22 active members of'), [[22, true]]);
    assert.deepEqual(counts('two chinese engineers were killed'), [[2, true]]);
    assert.deepEqual(counts('killed 3.'), [[3, false]]);
    assert.deepEqual(counts('one of the largest networks'), [[1, false]]);
  });
});

describe('readNumberWords', () => {
  it('reads phrases and rejects what it cannot read', () => {
    assert.equal(readNumberWords('ninety nine'), 99);
    assert.equal(readNumberWords('сорок семь'), 47);
    assert.equal(readNumberWords('одиннадцать'), 11);
    assert.equal(readNumberWords('двухсот'), 200);
    assert.equal(readNumberWords('banana'), null);
  });
});
