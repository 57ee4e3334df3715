import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MARK_END, MARK_START } from '../store/store.ts';
import { buildSnippet, parseMarkedText } from './snippet.ts';

const mark = (word: string) => `${MARK_START}${word}${MARK_END}`;
const filler = (n: number, word = 'filler') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

describe('parseMarkedText', () => {
  it('turns markers into highlight offsets', () => {
    const parsed = parseMarkedText(`Hizb ${mark('ut')}-${mark('Tahrir')} banned`);
    assert.equal(parsed.text, 'Hizb ut-Tahrir banned');
    assert.deepEqual(parsed.highlights, [
      [5, 7],
      [8, 14],
    ]);
  });
});

describe('buildSnippet', () => {
  it('returns short text whole', () => {
    const snippet = buildSnippet(`A short ${mark('text')}.`, 100);
    assert.equal(snippet.text, 'A short text.');
    assert.deepEqual(snippet.highlights, [[8, 12]]);
  });

  it('cuts the lead on a word boundary with "..." when nothing matched', () => {
    const snippet = buildSnippet(filler(100), 60);
    assert.ok(snippet.text.endsWith('...'));
    assert.ok(snippet.text.length <= 63);
    const body = snippet.text.slice(0, -3);
    assert.ok(filler(100).startsWith(body), 'cut on a word boundary');
    assert.match(body, /filler\d+$/);
  });

  it('centres on the passage with the most distinct matches, marked and cut with "..." on both sides', () => {
    const text = `${filler(60, 'a')} Tokayev spoke. ${filler(40, 'b')} The ${mark('extremism')} law and ${mark('Tokayev')} said ${filler(10, 'c')} ${filler(80, 'd')} ${mark('extremism')} again ${filler(60, 'e')}`;
    const snippet = buildSnippet(text, 120);
    assert.ok(snippet.text.startsWith('...'));
    assert.ok(snippet.text.endsWith('...'));
    const marked = snippet.highlights.map(([from, to]) => snippet.text.slice(from, to));
    assert.deepEqual(marked, ['extremism', 'Tokayev']);
  });

  it('starts at the beginning of the sentence holding the match when it is close', () => {
    const text = `${filler(50)}. Police in Osh detained nine ${mark('Hizb')} members. ${filler(50)}`;
    const snippet = buildSnippet(text, 100);
    assert.ok(snippet.text.startsWith('...Police in Osh'), snippet.text);
  });

  it('collapses paragraph breaks and tabs in the passage without moving the highlights', () => {
    const text = `${filler(40)}\n\nThe ${mark('SCNS')}\n\n\tdetained\t\t${mark('members')}  of the\nnetwork. ${filler(40)}`;
    const snippet = buildSnippet(text, 80);
    assert.doesNotMatch(snippet.text, /\s{2}|[\n\t]/);
    assert.deepEqual(
      snippet.highlights.map(([from, to]) => snippet.text.slice(from, to)),
      ['SCNS', 'members'],
    );
  });

  it('keeps every highlight inside the snippet and on the matched word (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.boolean()), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.integer({ min: 40, max: 400 }),
        (words, length) => {
          const marked = words.map(([word, hit]) => (hit ? mark(word) : word)).join(' ');
          const snippet = buildSnippet(marked, length);
          assert.ok(snippet.text.length <= length + 6);
          for (const [from, to] of snippet.highlights) {
            assert.ok(from >= 0 && to <= snippet.text.length && from < to);
            assert.match(snippet.text.slice(from, to), /^[a-z]+$/);
          }
          assert.ok(!snippet.text.includes(MARK_START) && !snippet.text.includes(MARK_END));
        },
      ),
    );
  });
});
