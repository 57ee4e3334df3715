import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { maskMarkup } from './mask-markup.ts';
import { maxSentenceLength, splitSentences } from './split-sentences.ts';

function sentences(text: string): string[] {
  return splitSentences(text).map((span) => text.slice(span.start, span.end));
}

describe('splitSentences', () => {
  it('ends sentences at . ! ? followed by a capital, digit or opening quote', () => {
    assert.deepEqual(sentences('Police detained 5 people. 3 were released! Why? “Nobody knows,” he said.'), [
      'Police detained 5 people.',
      '3 were released!',
      'Why?',
      '“Nobody knows,” he said.',
    ]);
  });

  it('does not end a sentence after English abbreviations or initials', () => {
    assert.deepEqual(
      sentences('Mr. Tokayev met the U.S. envoy and K. Tashiev on Monday. Later, police detained 4 men.'),
      ['Mr. Tokayev met the U.S. envoy and K. Tashiev on Monday.', 'Later, police detained 4 men.'],
    );
  });

  it('does not end a sentence after Russian abbreviations, but does after a year with "г."', () => {
    assert.deepEqual(sentences('В г. Ош задержаны 6 человек, т.е. вся ячейка. Суд отпустил их.'), [
      'В г. Ош задержаны 6 человек, т.е. вся ячейка.',
      'Суд отпустил их.',
    ]);
    assert.deepEqual(sentences('Это случилось в 2019 г. В суде дело рассмотрят позже.'), [
      'Это случилось в 2019 г.',
      'В суде дело рассмотрят позже.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    assert.deepEqual(sentences('He said: «Всё закончилось.» Потом ушёл. (Это важно.) Next one.'), [
      'He said: «Всё закончилось.»',
      'Потом ушёл.',
      '(Это важно.)',
      'Next one.',
    ]);
  });

  it('ends a sentence at a blank line even without punctuation (headlines)', () => {
    assert.deepEqual(sentences('Kyrgyzstan Cracks Down\n\nIn Jalal-Abad, officers acted.'), [
      'Kyrgyzstan Cracks Down',
      'In Jalal-Abad, officers acted.',
    ]);
  });

  it('splits at block tags once markup is masked, with offsets into the original text', () => {
    const html = '<p>Police detained&nbsp;7 people in Osh.</p><p>The attack killed 3.</p>';
    const spans = splitSentences(maskMarkup(html));
    assert.equal(spans.length, 2);
    assert.equal(html.slice(spans[1]!.start, spans[1]!.end), 'The attack killed 3.</p>'.slice(0, 20));
  });

  it('cuts a run without boundaries into pieces of at most maxSentenceLength', () => {
    const run = 'word '.repeat(2_000);
    const spans = splitSentences(run);
    assert.ok(spans.length >= 6);
    for (const span of spans) assert.ok(span.end - span.start <= maxSentenceLength);
    const spaceless = 'x'.repeat(4_000);
    assert.deepEqual(
      splitSentences(spaceless).map((span) => span.end - span.start),
      [maxSentenceLength, maxSentenceLength, 1_000],
    );
  });

  it('gives ordered, trimmed, non-overlapping spans inside the text for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        let previous = 0;
        for (const span of splitSentences(text)) {
          assert.ok(span.start >= previous && span.start < span.end && span.end <= text.length);
          assert.equal(text.slice(span.start, span.end).trim(), text.slice(span.start, span.end));
          previous = span.end;
        }
      }),
    );
  });
});
