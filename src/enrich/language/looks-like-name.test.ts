import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeName } from './looks-like-name.ts';

describe('looksLikeName', () => {
  it('accepts capitalised Latin and Cyrillic words of three letters or more', () => {
    for (const word of [
      'Tokayev',
      'Токаев',
      'Тоқаев',
      'Osh',
      'Jalal-Abad',
      'Oʻzbekiston',
      "O'Brien",
      'ГКНБ',
      'ISIS',
    ]) {
      assert.equal(looksLikeName(word), true, word);
    }
  });

  it('refuses lower-case words, short words, digits, other scripts and junk', () => {
    for (const word of [
      'tokayev',
      'токаев',
      'Al',
      'Ош',
      'M39',
      'Αθήνα',
      '-Osh',
      'Osh-',
      "Osh'",
      '2024',
      '',
      'A'.repeat(100),
    ]) {
      assert.equal(looksLikeName(word), false, word);
    }
  });
});
