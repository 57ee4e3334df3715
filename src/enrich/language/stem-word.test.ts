import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldWord, longestStemmedWord, stemCacheSizes, stemWord } from './stem-word.ts';

describe('stemWord', () => {
  it('gives inflected Russian forms one stem', () => {
    const stems = ['задержан', 'задержаны', 'задержанных', 'задержана'].map((word) => stemWord(word, 'ru'));
    assert.deepEqual(new Set(stems), new Set(['задержа']));
  });

  it('gives inflected English forms one stem', () => {
    const stems = ['detain', 'detained', 'detaining', 'detains'].map((word) => stemWord(word, 'en'));
    assert.deepEqual(new Set(stems), new Set(['detain']));
  });

  it('lower-cases and folds ё to е before stemming', () => {
    assert.equal(stemWord('Запрещённой', 'ru'), stemWord('запрещенной', 'ru'));
    assert.equal(foldWord('ЁЛКА Ёж'), 'елка еж');
  });

  it('only lower-cases for a language without a stemmer', () => {
    assert.equal(stemWord('Қазақстандағы', 'kk'), 'қазақстандағы');
  });

  it('keeps an overlong "word" whole instead of stemming it', () => {
    const junk = 'organisations'.repeat(10);
    assert.ok(junk.length > longestStemmedWord);
    assert.equal(stemWord(junk, 'en'), junk);
  });

  it('keeps its caches bounded under a flood of distinct words', () => {
    for (let i = 0; i < 60_000; i++) stemWord(`w${i.toString(36)}ing`, 'en');
    assert.ok(stemCacheSizes().en <= 50_000);
    assert.equal(stemWord('running', 'en'), 'run');
  });
});
