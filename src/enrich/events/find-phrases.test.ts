import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  choosePlace,
  findAgent,
  findBanTarget,
  findPlaces,
  findSubject,
  findTarget,
} from './find-phrases.ts';

/** The span of `word` in `sentence`. */
function at(sentence: string, word: string): { start: number; end: number } {
  const start = sentence.indexOf(word);
  assert.ok(start >= 0, word);
  return { start, end: start + word.length };
}

const whole = (sentence: string) => ({ start: 0, end: sentence.length });

describe('findPlaces and choosePlace', () => {
  it('finds English and Russian place phrases, hyphenated names and region nouns whole', () => {
    assert.deepEqual(
      findPlaces('In Jalal-Abad, 14 members were detained in the Osh region near Kara-Suu.').map(
        (place) => place.text,
      ),
      ['Jalal-Abad', 'the Osh region', 'Kara-Suu'],
    );
    assert.deepEqual(
      findPlaces('В Джалал-Абадской области и в г. Ош задержаны 6 человек.').map((place) => place.text),
      ['Джалал-Абадской области', 'Ош'],
    );
  });

  it('skips months, weekdays and acronyms after "in"/"в"', () => {
    assert.deepEqual(findPlaces('In January and on Monday, staff in ГКНБ and в ГКНБ met.'), []);
  });

  it('prefers the first place after the trigger, then the last before it', () => {
    const sentence = 'Police in Dushanbe detained 5 people in Vahdat.';
    const places = findPlaces(sentence);
    assert.equal(choosePlace(places, at(sentence, 'detained'), whole(sentence)), 'Vahdat');
    const before = 'In Osh, police detained 5 people.';
    assert.equal(choosePlace(findPlaces(before), at(before, 'detained'), whole(before)), 'Osh');
  });
});

describe('findTarget and findBanTarget', () => {
  it('reads the group after "members of", a quoted name after a group word, or a Russian group phrase', () => {
    const english = 'Officers detained 14 suspected members of Hizb ut-Tahrir in Osh.';
    assert.equal(findTarget(english, whole(english)), 'Hizb ut-Tahrir');
    const lower = '22 active members of the organization were detained.';
    assert.equal(findTarget(lower, whole(lower)), 'the organization');
    const quoted = 'задержали 22 члена организации «Хизб ут-Тахрир».';
    assert.equal(findTarget(quoted, whole(quoted)), 'Хизб ут-Тахрир');
    const russian = 'арестованы пятеро сторонников террористической организации.';
    assert.equal(findTarget(russian, whole(russian)), 'террористической организации');
    const operation = 'В рамках операции «Мехр» возвращены 98 детей.';
    assert.equal(findTarget(operation, whole(operation)), undefined);
  });

  it('reads the banned name after the verb, else the nearest name before it, never the category', () => {
    const active = 'Tajikistan banned the Islamic Renaissance Party in 2015.';
    assert.equal(findBanTarget(active, at(active, 'banned'), whole(active)), 'Islamic Renaissance Party');
    const passive = 'Hizb ut-Tahrir is an organization banned in Kyrgyzstan since 2003.';
    assert.equal(findBanTarget(passive, at(passive, 'banned'), whole(passive)), 'Hizb ut-Tahrir');
    const labelled = 'Katibat al Tawhid wal Jihad, designated a terror group by the U.S. State Department.';
    assert.equal(
      findBanTarget(labelled, at(labelled, 'designated'), whole(labelled)),
      'Katibat al Tawhid wal Jihad',
    );
  });
});

describe('findSubject and findAgent', () => {
  it('reads the subject run before an active verb, stepping over places and adverbs', () => {
    const sentence = 'Officers of the National Security Committee detained 14 people.';
    assert.equal(
      findSubject(sentence, at(sentence, 'detained'), whole(sentence), []),
      'Officers of the National Security Committee',
    );
    const withPlace = 'Police in Dushanbe have detained a dozen men.';
    const place = at(withPlace, 'in Dushanbe');
    assert.equal(findSubject(withPlace, at(withPlace, 'detained'), whole(withPlace), [place]), 'Police');
    const russian = 'В Джалал-Абадской области сотрудники ГКНБ задержали 22 человека.';
    const region = at(russian, 'В Джалал-Абадской области');
    assert.equal(findSubject(russian, at(russian, 'задержали'), whole(russian), [region]), 'сотрудники ГКНБ');
    const pronoun = 'The KNB said it had arrested 20 people.';
    assert.equal(findSubject(pronoun, at(pronoun, 'arrested'), whole(pronoun), []), undefined);
  });

  it('reads the agent of a passive verb', () => {
    const sentence = 'The group was designated a terror group by the U.S. State Department in 2022.';
    assert.equal(
      findAgent(sentence, at(sentence, 'designated'), whole(sentence)),
      'the U.S. State Department',
    );
    const russian = 'Они задержаны сотрудниками ГКНБ в Оше.';
    assert.equal(findAgent(russian, at(russian, 'задержаны'), whole(russian)), 'сотрудниками ГКНБ');
  });
});
