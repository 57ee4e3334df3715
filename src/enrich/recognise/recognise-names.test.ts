import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { nameKey } from '../language/index.ts';
import { groupRecognised, recognisedSlug } from './group-recognised.ts';
import { loadMorphology, type Morphology } from './morphology.ts';
import { recogniseNames } from './recognise-names.ts';

describe('recogniseNames (with the real az dictionaries)', () => {
  let morphology: Morphology;
  before(async () => {
    morphology = await loadMorphology();
  });
  const found = (text: string, covered: { start: number; end: number }[] = []) =>
    recogniseNames(text, morphology, covered).map((o) => [o.type, o.surface, o.name]);

  it('finds a person by given name and surname, in either script, in their dictionary form', () => {
    assert.deepEqual(found('Police in Osh detained Bakyt Toktosunov on Tuesday.'), [
      ['person', 'Bakyt Toktosunov', 'Bakyt Toktosunov'],
    ]);
    assert.deepEqual(found('Сотрудники задержали Бакыта Токтосунова в пятницу.'), [
      ['person', 'Бакыта Токтосунова', 'Бакыт Токтосунов'],
    ]);
    const [latin] = recogniseNames('Bakyt Toktosunov spoke.', morphology);
    const [russian] = recogniseNames('Говорит Бакыт Токтосунов.', morphology);
    assert.equal(latin?.key, russian?.key, 'one key for both scripts');
  });

  it('drops a patronymic and reads a surname as a surname (Каримов, not the given name Карим)', () => {
    assert.deepEqual(found('Задержан Алишер Усманович Каримов.'), [
      ['person', 'Алишер Усманович Каримов', 'Алишер Каримов'],
    ]);
  });

  it('takes a title or role as the sign of a person, and links a surname alone to the full name', () => {
    assert.deepEqual(found('Interior Minister Ulan Niyazbekov said so. Niyazbekov added nothing.'), [
      ['person', 'Ulan Niyazbekov', 'Ulan Niyazbekov'],
      ['person', 'Niyazbekov', 'Ulan Niyazbekov'],
    ]);
    const [alone] = recogniseNames('По словам блогера Ниязбекова, всё спокойно.', morphology);
    assert.deepEqual([alone?.type, alone?.name, alone?.surnameOnly], ['person', 'Ниязбеков', true]);
    assert.equal(alone?.surnameKey, nameKey('Niyazbekov'));
  });

  it('finds organisations by head noun, quoted names after a Russian group noun, and acronyms', () => {
    assert.deepEqual(found('The State Commission on Religious Affairs met the OSCE mission.'), [
      ['organisation', 'State Commission on Religious Affairs', 'State Commission on Religious Affairs'],
      ['organisation', 'OSCE', 'OSCE'],
    ]);
    assert.deepEqual(found('Он состоял в организации «Таблиги Джамаат».'), [
      ['organisation', 'Таблиги Джамаат', 'Таблиги Джамаат'],
    ]);
  });

  it('finds places by preposition and settlement words, and English "village of"', () => {
    assert.deepEqual(found('Его задержали в селе Кок-Жар.'), [['place', 'Кок-Жар', 'Кок-Жар']]);
    assert.deepEqual(found('Observers left the village of Kara-Suu.'), [['place', 'Kara-Suu', 'Kara-Suu']]);
  });

  it('leaves what the gazetteer matched, common capitalised words and title-case headlines alone', () => {
    const text = 'Police detained Bakyt Toktosunov.';
    const start = text.indexOf('Bakyt');
    assert.deepEqual(found(text, [{ start, end: start + 'Bakyt Toktosunov'.length }]), []);
    assert.deepEqual(found('Residents said on Tuesday that Police were calm. Officers left in March.'), []);
    assert.deepEqual(
      recogniseNames('Court Jails Five for Spreading Extremist Leaflets', morphology, [], { headline: true }),
      [],
    );
  });

  it('never throws on hostile text and bounds what it keeps', () => {
    const junk = `${'Aaa Bbb '.repeat(5000)} ${'«'.repeat(1000)} ${'ЖЖЖЖ '.repeat(3000)}`;
    const occurrences = recogniseNames(junk, morphology);
    assert.ok(Array.isArray(occurrences));
    assert.ok(groupRecognised([], occurrences).length <= 100);
  });

  it('gives two spellings of one name one slug, and different names different slugs', () => {
    const latin = recognisedSlug('person', 'Bakyt Toktosunov', nameKey('Bakyt Toktosunov'));
    assert.match(latin, /^bakyt-toktosunov-[0-9a-f]{6}$/);
    const russian = recognisedSlug('person', 'Бакыт Токтосунов', nameKey('Бакыт Токтосунов'));
    assert.match(russian, /^[a-z0-9-]+$/, 'Latin letters only');
    assert.equal(russian.slice(-6), latin.slice(-6), 'the hash is of type and key, the same for both');
    assert.notEqual(
      recognisedSlug('person', 'Bakyt Toktosunov', 'one'),
      recognisedSlug('person', 'Bakyt Toktosunov', 'two'),
    );
  });
});
