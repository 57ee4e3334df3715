import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTerm, normalizeForTerms, normalizeTerm, termSource } from './topic-term.ts';

describe('checkTerm', () => {
  it('accepts words, phrases, stems and names in any script', () => {
    for (const term of [
      'terror*',
      'taken into custody',
      'задерж*',
      'Hizb ut-Tahrir',
      'Jogorku Kenesh',
      'ЦИК',
      'AT&T',
      'U.S.',
    ])
      assert.equal(checkTerm(term), undefined, term);
  });

  it('refuses regular expressions, misplaced or short stems, empty and overlong terms, with a reason', () => {
    assert.match(checkTerm('terror(ism|ist)')!, /regular expression/);
    assert.match(checkTerm('(a+)+$')!, /regular expression/);
    assert.match(checkTerm('ter*ror')!, /may only end a word/);
    assert.match(checkTerm('ar*')!, /shorter than 3 letters/);
    assert.match(checkTerm('   ')!, /empty/);
    assert.match(checkTerm('x'.repeat(81))!, /longer than 80/);
    assert.match(checkTerm('a b c d e f g')!, /more than 6 words/);
    assert.match(checkTerm('semi;colon')!, /may hold only/);
    assert.match(checkTerm("' -")!, /no letter or digit/);
  });
});

describe('normalizeForTerms and termSource', () => {
  it('folds case, ё and curly apostrophes without changing length', () => {
    assert.equal(normalizeForTerms('Ёлка Kyrgyzstan’s İSTANBUL'), "елка kyrgyzstan's istanbul");
    assert.equal(normalizeTerm('  Жогорку   Кенеш* '), 'жогорку кенеш*');
  });

  it('escapes every character a pattern would read', () => {
    const source = termSource(normalizeTerm('U.S. AT&T'));
    assert.ok(new RegExp(source).test('u.s. at&t'));
    assert.ok(!new RegExp(`^${source}$`).test('uxs. at&t'));
  });
});
