import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AppError, isAppError } from '../../core/errors.ts';
import { findEntityByAlias, loadGazetteer } from './load-gazetteer.ts';

const countries = `version: 1
entities:
  - id: kyrgyzstan
    type: place
    subtype: country
    name: Kyrgyzstan
    country: KG
    aliases: [Kyrgyz Republic, Кыргызстан]
`;

const regions = `version: 1
entities:
  - { id: kg-osh-region, type: place, subtype: region, name: Osh Region, country: KG, parent: kyrgyzstan, aliases: [Ошская область], sharedAliases: [Osh] }
  - { id: kg-osh, type: place, subtype: republican-city, name: Osh, country: KG, parent: kyrgyzstan, aliases: [Ош] }
`;

/** The GAZETTEER_INVALID error loading `files` throws (fails the test when none is thrown). */
function rejection(files: { name: string; text: string }[]): AppError {
  try {
    loadGazetteer(files);
  } catch (error) {
    assert.ok(isAppError(error, 'GAZETTEER_INVALID'), `expected GAZETTEER_INVALID, got ${String(error)}`);
    return error;
  }
  assert.fail('the gazetteer loaded');
}

describe('loadGazetteer', () => {
  it('loads entities from several files, with their sources and a folded alias index', () => {
    const gazetteer = loadGazetteer([
      { name: 'countries.yaml', text: countries },
      { name: 'regions.yaml', text: regions },
    ]);
    assert.equal(gazetteer.entities.length, 3);
    assert.deepEqual(gazetteer.sourceOf.get('kg-osh'), { file: 'regions.yaml', line: 4 });
    assert.equal(gazetteer.byId.get('kg-osh-region')?.parent, 'kyrgyzstan');
    assert.equal(findEntityByAlias(gazetteer, 'KYRGYZ-REPUBLIC')?.id, 'kyrgyzstan');
    assert.equal(findEntityByAlias(gazetteer, 'osh')?.id, 'kg-osh');
    assert.equal(findEntityByAlias(gazetteer, 'Oshkosh'), undefined);
  });

  it('names the file and line of a YAML syntax error', () => {
    const broken = `version: 1\nentities:\n  - { id: a, type: place, subtype: city, name: [Osh }\n  - id: b\n`;
    const error = rejection([{ name: 'broken.yaml', text: broken }]);
    assert.match(error.message, /broken\.yaml line [34]: YAML syntax error/);
    assert.ok(error.location?.line === 3 || error.location?.line === 4);
  });

  it('names the line of a missing field and of a misspelt one', () => {
    const text = `version: 1\nentities:\n  - id: kg-talas\n    type: place\n    subtype: city\n  - id: kg-naryn\n    type: place\n    subtype: city\n    name: Naryn\n    alias: [Нарын]\n`;
    const error = rejection([{ name: 'cities.yaml', text }]);
    assert.match(error.message, /cities\.yaml line 3: entities\.0\.name: is required/);
    assert.match(error.message, /cities\.yaml line 6: .*alias/);
  });

  it('refuses a subtype that does not belong to the type', () => {
    const text = `version: 1\nentities:\n  - { id: x, type: person, subtype: country, name: Someone }\n`;
    assert.match(
      rejection([{ name: 'people.yaml', text }]).message,
      /people\.yaml line 3: entities\.0\.subtype: a person has subtype/,
    );
  });

  it('refuses an unknown parent with the line of the parent field', () => {
    const text = `version: 1\nentities:\n  - id: kg-osh\n    type: place\n    subtype: city\n    name: Osh\n    parent: kyrgyzstan\n`;
    const error = rejection([{ name: 'cities.yaml', text }]);
    assert.match(error.message, /cities\.yaml line 7: unknown parent 'kyrgyzstan' of kg-osh/);
    assert.equal(error.location?.line, 7);
  });

  it('refuses a duplicate alias and names both places', () => {
    const clash = `version: 1\nentities:\n  - id: kg-osh-district\n    type: place\n    subtype: district\n    name: Osh District\n    aliases:\n      - Ош\n`;
    const error = rejection([
      { name: 'countries.yaml', text: countries },
      { name: 'regions.yaml', text: regions },
      { name: 'districts.yaml', text: clash },
    ]);
    assert.match(error.message, /districts\.yaml line 8: duplicate alias 'Ош' of kg-osh-district/);
    assert.match(error.message, /'Ош' at regions\.yaml line 4 already names kg-osh/);
  });

  it('treats spellings that fold alike (case, hyphen, ё, diacritics) as one alias', () => {
    const text = `version: 1\nentities:\n  - { id: a, type: organisation, subtype: designated-group, name: Hizb ut-Tahrir, aliases: [HIZB UT TAHRIR] }\n  - { id: b, type: person, subtype: official, name: Мирзиёев, aliases: [Türkmen] }\n  - { id: c, type: person, subtype: official, name: Мирзиеев, aliases: [Turkmen] }\n`;
    const error = rejection([{ name: 'x.yaml', text }]);
    assert.match(error.message, /alias 'HIZB UT TAHRIR' of a repeats 'Hizb ut-Tahrir'/);
    assert.match(error.message, /duplicate alias 'Мирзиеев' of c/);
    assert.match(error.message, /duplicate alias 'Turkmen' of c/);
  });

  it('refuses a duplicate id, a parent loop and a shared alias nobody holds', () => {
    const text = `version: 1
entities:
  - { id: a, type: place, subtype: region, name: Alpha, parent: b }
  - { id: b, type: place, subtype: region, name: Beta, parent: a, sharedAliases: [Gamma] }
  - { id: a, type: place, subtype: region, name: Delta }
`;
    const message = rejection([{ name: 'x.yaml', text }]).message;
    assert.match(message, /x\.yaml line 5: duplicate id 'a' \(first defined at x\.yaml line 3\)/);
    assert.match(message, /parent chain of b loops back/);
    assert.match(message, /shared alias 'Gamma' of b is no other entity's alias/);
  });

  it('refuses a wrong version, bad designations and an empty file', () => {
    const text = `version: 2\nentities:\n  - id: g\n    type: organisation\n    subtype: designated-group\n    name: Group\n    designations:\n      - { by: Kyrgyzstan, as: banned, since: 2003-13 }\n`;
    const message = rejection([{ name: 'g.yaml', text }]).message;
    assert.match(message, /g\.yaml line 1: version: must be 1/);
    assert.match(message, /g\.yaml line 8: entities\.0\.designations\.0\.by: must be an ISO country code/);
    assert.match(message, /entities\.0\.designations\.0\.since: must be 'YYYY' or 'YYYY-MM-DD'/);
    assert.match(rejection([{ name: 'empty.yaml', text: '' }]).message, /empty\.yaml line 1: file: /);
  });

  it('reads a year written as a bare number as the year', () => {
    const text = `version: 1\nentities:\n  - { id: g, type: organisation, subtype: designated-group, name: Group, designations: [{ by: RU, as: terrorist, since: 2003 }] }\n`;
    assert.equal(loadGazetteer([{ name: 'g.yaml', text }]).byId.get('g')?.designations?.[0]?.since, '2003');
  });

  it('keeps a YAML alias bomb inert', () => {
    const lines = ['version: 1', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 12; level += 1) {
      const previous = `*a${level - 1}`;
      lines.push(`a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]`);
    }
    lines.push('entities: []');
    assert.match(rejection([{ name: 'bomb.yaml', text: lines.join('\n') }]).message, /bomb\.yaml line 1: /);
  });
});
