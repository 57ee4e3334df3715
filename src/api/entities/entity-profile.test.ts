/** The parts of an entity profile read from stored JSON and spellings: designations checked one by one, spellings by script. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupSpellings, readDesignations, regionName } from './entity-profile.ts';

describe('readDesignations', () => {
  it('keeps valid designations, oldest first and undated last, with the name of who made them', () => {
    const designations = readDesignations({
      designations: [
        { by: 'KG', as: 'extremist' },
        { by: 'UN', as: 'terrorist', since: '2001', note: 'Listed under 1267.' },
        { by: 'RU', as: 'terrorist', since: '2003-02-14' },
        { by: 'DE', as: 'banned', since: '2003', until: '2010-05' },
      ],
    });
    assert.deepEqual(
      designations.map((item) => [item.by, item.byName, item.since ?? null]),
      [
        ['UN', 'United Nations', '2001'],
        ['DE', 'Germany', '2003'],
        ['RU', 'Russia', '2003-02-14'],
        ['KG', 'Kyrgyzstan', null],
      ],
    );
    assert.equal(designations[0]?.note, 'Listed under 1267.');
    assert.equal(designations[1]?.until, '2010-05');
  });

  it('leaves out what the stored JSON gets wrong instead of showing it or failing', () => {
    const hostile = [
      null,
      'KG',
      { by: '<script>', as: 'terrorist' },
      { by: 'KG', as: '<b>hero</b>' },
      { by: 'KG', as: 'banned', since: 'yesterday' },
      { by: 'KG', as: 'banned', note: 'x'.repeat(5_000) },
      { by: 'TJ', as: 'banned' },
    ];
    assert.deepEqual(
      readDesignations({ designations: hostile }).map((item) => item.by),
      ['TJ'],
    );
    assert.deepEqual(readDesignations({ designations: 'all of them' }), []);
    assert.deepEqual(readDesignations(undefined), []);
  });
});

describe('groupSpellings', () => {
  it('groups by the script of the first letter, Latin then Cyrillic then Arabic then the rest, each sorted once', () => {
    assert.deepEqual(
      groupSpellings([
        'Хизб ут-Тахрир',
        'Hizb ut-Tahrir',
        'HuT',
        'حزب التحرير',
        '1HT',
        'Hizb ut-Tahrir',
        '東',
      ]),
      [
        { script: 'Latin', spellings: ['1HT', 'Hizb ut-Tahrir', 'HuT'] },
        { script: 'Cyrillic', spellings: ['Хизб ут-Тахрир'] },
        { script: 'Arabic', spellings: ['حزب التحرير'] },
        { script: 'Other', spellings: ['東'] },
      ],
    );
    assert.deepEqual(groupSpellings([]), []);
  });
});

describe('regionName', () => {
  it('names countries, the UN and the EU, and gives back codes it cannot name', () => {
    assert.deepEqual(['KG', 'UN', 'EU', 'ZZ', 'nope'].map(regionName), [
      'Kyrgyzstan',
      'United Nations',
      'European Union',
      'ZZ',
      'nope',
    ]);
  });
});
