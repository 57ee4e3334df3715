import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WordFilter } from './word-filter.ts';

describe('WordFilter', () => {
  const words = ['tokayev', 'kazakhstan', 'hizb', 'is', 'а', 'ош', 'жалал-абад'];

  it('never rules out a word it holds', () => {
    const filter = WordFilter.ofWords(words);
    for (const word of words) assert.equal(filter.mayHave(word), true, word);
  });

  it('rules out most words it does not hold', () => {
    const filter = WordFilter.ofWords(words);
    const others = Array.from({ length: 5000 }, (_, index) => `word${index}`);
    const maybes = others.filter((word) => filter.mayHave(word)).length;
    assert.ok(maybes < 50, `${maybes} of 5,000 absent words passed a filter of 7`);
    assert.equal(filter.mayHave(''), false);
  });

  it('on prefixes, passes every word that begins as a held stem does, and no word under three letters', () => {
    const filter = WordFilter.ofPrefixes(['токаев', 'бишкек', 'ош']);
    for (const word of ['токаева', 'токаевым', 'бишкеке', 'бишкек'])
      assert.equal(filter.mayHave(word), true, word);
    assert.equal(filter.mayHave('ош'), false);
    assert.equal(filter.mayHave('то'), false);
    const others = Array.from({ length: 5000 }, (_, index) => `сл${index}ово`);
    assert.ok(others.filter((word) => filter.mayHave(word)).length < 50);
  });
});
