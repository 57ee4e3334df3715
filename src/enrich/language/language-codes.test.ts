import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIso6391 } from './language-codes.ts';

describe('toIso6391', () => {
  it('maps franc codes, including individual languages of a macrolanguage', () => {
    assert.equal(toIso6391('eng'), 'en');
    assert.equal(toIso6391('rus'), 'ru');
    assert.equal(toIso6391('kaz'), 'kk');
    assert.equal(toIso6391('kir'), 'ky');
    assert.equal(toIso6391('tgk'), 'tg');
    assert.equal(toIso6391('uzn'), 'uz');
    assert.equal(toIso6391('cmn'), 'zh');
    assert.equal(toIso6391('arb'), 'ar');
  });

  it('gives null for a language without an ISO 639-1 code', () => {
    assert.equal(toIso6391('sco'), null);
    assert.equal(toIso6391('und'), null);
  });
});
