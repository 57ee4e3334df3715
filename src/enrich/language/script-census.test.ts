import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countScripts, dominantScript } from './script-census.ts';

describe('countScripts', () => {
  it('counts Latin (with diacritics), Cyrillic (with Central Asian letters) and other letters', () => {
    assert.deepEqual(countScripts('Oʻzbek été'), { latin: 8, cyrillic: 0, other: 0 });
    assert.deepEqual(countScripts('Тоқаев ҷ'), { latin: 0, cyrillic: 7, other: 0 });
    assert.deepEqual(countScripts('Αθήνα 北京'), { latin: 0, cyrillic: 0, other: 7 });
  });

  it('counts no digits, punctuation, symbols or spaces', () => {
    assert.deepEqual(countScripts('2024-01-01 12:00 ×÷ — «» 😀'), { latin: 0, cyrillic: 0, other: 0 });
  });
});

describe('dominantScript', () => {
  it('names the script with the most letters, and none for none', () => {
    assert.equal(dominantScript({ latin: 3, cyrillic: 10, other: 0 }), 'cyrillic');
    assert.equal(dominantScript({ latin: 10, cyrillic: 3, other: 4 }), 'latin');
    assert.equal(dominantScript({ latin: 1, cyrillic: 1, other: 4 }), 'other');
    assert.equal(dominantScript({ latin: 0, cyrillic: 0, other: 0 }), 'none');
  });
});
