import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadTopicRules } from './load-topic-rules.ts';
import { tagTopics } from './tag-topics.ts';

const rules = loadTopicRules(
  `version: 1
rules:
  - id: arrests
    topic: arrests
    terms: [detain*, arrest*, задерж*]
  - id: fighters-abroad
    topic: foreign-fighters
    minTerms: 1
    titleTerms: 0
    terms: [fighter*, боевик*]
    requireAny: [Syria, Сири*]
  - id: attacks
    topic: attacks
    minTerms: 1
    terms: [attack*]
    notTerms: [striker, match]
  - id: arrests-title-only
    topic: arrests
    minTerms: 3
    titleTerms: 1
    terms: [raid*, custody, round-up]
`,
  'test.yaml',
);

const topics = (text: string, title = '') =>
  tagTopics(text, title, rules).map((tag) => `${tag.rule}:${tag.evidence}`);

describe('tagTopics', () => {
  it('fires a rule on enough distinct terms in title and text, with the words as evidence', () => {
    assert.deepEqual(topics('Police detained five men. The arrests followed a raid.'), [
      'arrests:detained, arrests',
    ]);
    assert.deepEqual(topics('Police detained five men. Police detained two more.'), []);
    assert.deepEqual(topics('Задержаны пятеро. Arrested in Osh.'), ['arrests:Задержаны, Arrested']);
  });

  it('fires on title terms alone when titleTerms allows it, and lists title words first', () => {
    assert.deepEqual(topics('Nothing else here.', 'Dawn raid in Osh'), ['arrests-title-only:raid']);
    assert.deepEqual(topics('He was detained.', 'Arrest in Osh'), ['arrests:Arrest, detained']);
  });

  it('needs a requireAny term for context, and none of notTerms', () => {
    assert.deepEqual(topics('Five fighters were killed.'), []);
    assert.deepEqual(topics('Five fighters returned from Syria.'), ['fighters-abroad:fighters, Syria']);
    assert.deepEqual(topics('Боевики из Сирии.'), ['fighters-abroad:Боевики, Сирии']);
    assert.deepEqual(topics('The attack was repelled.'), ['attacks:attack']);
    assert.deepEqual(topics('The striker led the attack in the match.'), []);
  });

  it('reads through HTML remnants, and gives nothing for empty or unrelated text', () => {
    assert.deepEqual(topics('<p>Police&nbsp;<b>detained</b> men.</p><p>More arrests&hellip;</p>'), [
      'arrests:detained, arrests',
    ]);
    assert.deepEqual(topics(''), []);
    assert.deepEqual(topics('1 2 3 4 5 '.repeat(1_000)), []);
    assert.deepEqual(tagTopics(undefined as unknown as string, null as unknown as string, rules), []);
  });

  it('stays fast on 5 MB of text', () => {
    const big = 'Police detained men in Osh after the arrests. '.repeat(110_000);
    const started = performance.now();
    assert.deepEqual(topics(big), ['arrests:detained, arrests']);
    assert.ok(performance.now() - started < 2_000);
  });
});
