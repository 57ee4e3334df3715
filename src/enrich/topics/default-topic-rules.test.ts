import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTopicRules } from './default-topic-rules.ts';
import { tagTopics } from './tag-topics.ts';

const tagged = (text: string, title = '') => [
  ...new Set(tagTopics(text, title, defaultTopicRules()).map((tag) => tag.topic)),
];

describe('the shipped topic rules', () => {
  it('load, and cover the topics the issue names', () => {
    const topics = new Set(defaultTopicRules().rules.map((rule) => rule.topic));
    for (const topic of [
      'extremism',
      'terrorism',
      'arrests',
      'repatriation',
      'legislation',
      'foreign-fighters',
      'elections',
    ])
      assert.ok(topics.has(topic), topic);
  });

  it('tag English and Russian security news', () => {
    assert.deepEqual(
      tagged(
        'Officers detained 22 members of Hizb ut-Tahrir, a banned extremist organization, in Jalal-Abad. The detention…',
      ),
      ['extremism', 'arrests'],
    );
    assert.deepEqual(tagged('Из Сирии на родину возвращены 98 женщин и детей в ходе операции «Мехр».'), [
      'repatriation',
    ]);
    assert.deepEqual(tagged('Мажилис принял законопроект и поправки в Уголовный кодекс.'), ['legislation']);
    assert.deepEqual(tagged('Turnout was 61% as voters cast ballots at 2,000 polling stations.'), [
      'elections',
    ]);
    assert.deepEqual(tagged('Сотни боевиков из Центральной Азии воевали в Сирии.'), ['foreign-fighters']);
    assert.deepEqual(
      tagged('Теракт в Москве: погибли 140 человек, ответственность взяло «Исламское государство».'),
      ['terrorism'],
    );
  });

  it('leave unrelated news untagged', () => {
    assert.deepEqual(
      tagged('The weather in Almaty was sunny, and the markets were calm.', 'Markets calm'),
      [],
    );
    assert.deepEqual(tagged('Футбольный клуб «Кайрат» выиграл матч со счётом 2:1.'), []);
  });
});
