import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createTermMatcher, maxOccurrences } from './term-matcher.ts';
import { normalizeTerm } from './topic-term.ts';

function matcher(...terms: string[]) {
  const normalized = terms.map(normalizeTerm);
  const compiled = createTermMatcher(normalized);
  return (text: string) =>
    [...compiled.findTerms(text)]
      .sort((a, b) => a[0] - b[0])
      .map(([id, hit]) => `${terms[id]}=${hit.surface}`);
}

describe('createTermMatcher', () => {
  it('matches whole words whatever their case, stems with any ending, ё as е', () => {
    const find = matcher('arrest', 'задерж*', 'ёлка');
    assert.deepEqual(find('Police ARREST; suspects Задержаны. Елка'), [
      'arrest=ARREST',
      'задерж*=Задержаны',
      'ёлка=Елка',
    ]);
    assert.deepEqual(find('arrested, rearrest, незадержан'), []);
  });

  it('matches phrases across white space, quotes and hyphen variants', () => {
    const find = matcher('counter-terror*', 'операци* Мехр', 'taken into custody');
    assert.deepEqual(find('counterterrorism and counter terrorism'), ['counter-terror*=counterterrorism']);
    assert.deepEqual(find('в ходе операции «Мехр» и taken\ninto  custody'), [
      'операци* Мехр=операции «Мехр',
      'taken into custody=taken\ninto  custody',
    ]);
  });

  it('finds terms that overlap: a stem at the start of a phrase, and a word inside a phrase', () => {
    const find = matcher('terrorist attack', 'terror*', 'attack');
    assert.deepEqual(find('A terrorist attack.'), [
      'terrorist attack=terrorist attack',
      'terror*=terrorist',
      'attack=attack',
    ]);
  });

  it('reads markup-free text only up to its bound and stops after maxOccurrences', () => {
    const find = createTermMatcher([normalizeTerm('raid')]);
    const started = performance.now();
    assert.equal(find.findTerms('raid '.repeat(1_000_000)).size, 1);
    assert.ok(performance.now() - started < 2_000);
    assert.ok(maxOccurrences > 0);
    assert.equal(find.findTerms(`${'x '.repeat(150_000)}raid`).size, 0);
  });

  it('never throws and finds nothing when there are no terms', () => {
    const none = createTermMatcher([]);
    const some = createTermMatcher(['terror*', 'ban', 'выборы'].map(normalizeTerm));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        assert.equal(none.findTerms(text).size, 0);
        for (const [, hit] of some.findTerms(text))
          assert.equal(text.slice(hit.at, hit.at + hit.surface.length), hit.surface);
      }),
    );
  });
});
