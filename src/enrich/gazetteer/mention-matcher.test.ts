import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadGazetteer } from './load-gazetteer.ts';
import { createMentionMatcher, type Mention } from './mention-matcher.ts';

/** A small gazetteer written for these tests (the shipped one is tested in shipped-gazetteer.test.ts). */
const gazetteer = loadGazetteer([
  {
    name: 'test.yaml',
    text: `version: 1
entities:
  - { id: kyrgyzstan, type: place, subtype: country, name: Kyrgyzstan, aliases: [Кыргызстан, Киргизия] }
  - { id: china, type: place, subtype: country, name: China, aliases: [Китай] }
  - { id: osh, type: place, subtype: republican-city, name: Osh, parent: kyrgyzstan, aliases: [Ош, Оше] }
  - { id: osh-region, type: place, subtype: region, name: Osh Region, parent: kyrgyzstan, aliases: [Ошская область], sharedAliases: [Osh] }
  - { id: jalal-abad, type: place, subtype: city, name: Jalal-Abad, parent: kyrgyzstan, aliases: [Джалал-Абад] }
  - { id: uzbekistan, type: place, subtype: country, name: Uzbekistan, aliases: [O'zbekiston] }
  - { id: tokayev, type: person, subtype: head-of-state, name: Kassym-Jomart Tokayev, aliases: [Tokayev, Токаев] }
  - { id: mirziyoyev, type: person, subtype: head-of-state, name: Shavkat Mirziyoyev, aliases: [Mirziyoyev, Мирзиёев] }
  - { id: gknb, type: organisation, subtype: security-body, name: GKNB, aliases: [ГКНБ, Государственный комитет национальной безопасности] }
  - { id: supreme-court-kz, type: organisation, subtype: court, name: Supreme Court of Kazakhstan, aliases: [Верховный суд РК] }
  - { id: hizb, type: organisation, subtype: designated-group, name: Hizb ut-Tahrir, aliases: [HT, Хизб ут-Тахрир] }
  - { id: is, type: organisation, subtype: designated-group, name: Islamic State, aliases: [IS, ISIS, ИГ, ИГИЛ, Islamic State of Iraq and the Levant, Исламское государство] }
  - { id: iskp, type: organisation, subtype: designated-group, name: Islamic State Khorasan Province, aliases: [ISIS-K, IS-K, ИГИЛ-Хорасан] }
  - { id: petersburg, type: place, subtype: city, name: St. Petersburg }
  - { id: japarov, type: person, subtype: head-of-state, name: Sadyr Japarov, aliases: [Japarov] }
`,
  },
]);

const matcher = createMentionMatcher(gazetteer);

/** The mentions of `text` as 'entityId:surface' strings, for compact assertions. */
function found(text: string, using = matcher): string[] {
  return using.findMentions(text).map((mention) => `${mention.entityId}:${mention.surface}`);
}

describe('createMentionMatcher: plain aliases', () => {
  it('finds aliases in an English sentence with their offsets and the alias that matched', () => {
    const text = 'Kyrgyzstan’s GKNB detained Hizb ut-Tahrir members in Osh and Jalal-Abad.';
    const mentions = matcher.findMentions(text);
    assert.deepEqual(
      mentions.map((m) => [m.entityId, m.surface, m.via]),
      [
        ['kyrgyzstan', 'Kyrgyzstan', 'exact'],
        ['gknb', 'GKNB', 'exact'],
        ['hizb', 'Hizb ut-Tahrir', 'exact'],
        ['osh', 'Osh', 'exact'],
        ['jalal-abad', 'Jalal-Abad', 'exact'],
      ],
    );
    for (const mention of mentions) assert.equal(text.slice(mention.start, mention.end), mention.surface);
    assert.equal(mentions[2]?.alias, 'Hizb ut-Tahrir');
  });

  it('finds aliases in a Russian sentence', () => {
    assert.deepEqual(found('ГКНБ сообщил о задержании в Киргизия и Китай.'), [
      'gknb:ГКНБ',
      'kyrgyzstan:Киргизия',
      'china:Китай',
    ]);
  });

  it('ignores case (beyond short aliases), ё/е, Latin diacritics, and hyphen against space', () => {
    assert.deepEqual(found('KYRGYZSTAN, jalal abad, МИРЗИЕЕВ, Mirzíyoyev, HIZB-UT-TAHRIR'), [
      'kyrgyzstan:KYRGYZSTAN',
      'jalal-abad:jalal abad',
      'mirziyoyev:МИРЗИЕЕВ',
      'mirziyoyev:Mirzíyoyev',
      'hizb:HIZB-UT-TAHRIR',
    ]);
  });

  it("reads Uzbek and English apostrophes alike (O'zbekiston, Oʻzbekiston, Tokayev's)", () => {
    assert.deepEqual(found("Oʻzbekiston and O‘zbekiston; Tokayev's visit"), [
      'uzbekistan:Oʻzbekiston',
      'uzbekistan:O‘zbekiston',
      'tokayev:Tokayev',
    ]);
  });

  it('matches whole words only', () => {
    assert.deepEqual(found('Oshkosh, Toshkent, Kyrgyzstani, ISISes, Tokayevich, Ошибка'), []);
  });

  it('does not join words across commas or full stops, but does across a short abbreviation', () => {
    assert.deepEqual(found('An Islamic, State-run paper'), []);
    assert.deepEqual(found('Islamic State. Iraq and the Levant'), ['is:Islamic State']);
    assert.deepEqual(found('in St. Petersburg and St Petersburg'), [
      'petersburg:St. Petersburg',
      'petersburg:St Petersburg',
    ]);
  });
});

describe('createMentionMatcher: longest match first', () => {
  it('takes the longest alias at a position', () => {
    assert.deepEqual(found('the Islamic State of Iraq and the Levant claimed it'), [
      'is:Islamic State of Iraq and the Levant',
    ]);
    assert.deepEqual(found('Islamic State Khorasan Province and the Islamic State'), [
      'iskp:Islamic State Khorasan Province',
      'is:Islamic State',
    ]);
    assert.deepEqual(found('ISIS-K, ИГИЛ-Хорасан, ИГИЛ'), ['iskp:ISIS-K', 'iskp:ИГИЛ-Хорасан', 'is:ИГИЛ']);
  });

  it('falls back to the shorter alias when the longer one is cut short', () => {
    assert.deepEqual(found('Osh Region and Osh, region'), ['osh-region:Osh Region', 'osh:Osh']);
  });
});

describe('createMentionMatcher: short aliases match only as written', () => {
  it('never reads the English word "is" as the Islamic State', () => {
    assert.deepEqual(found('This is what IS said; Is it? is IS-K'), ['is:IS', 'iskp:IS-K']);
  });

  it('applies to Cyrillic short aliases too', () => {
    assert.deepEqual(found('ИГ и иг; Ош, ош, ОШ; в Оше'), ['is:ИГ', 'osh:Ош', 'osh:Оше']);
  });

  it('keeps HT to its capitals', () => {
    assert.deepEqual(found('HT members, ht, Ht'), ['hizb:HT']);
  });
});

describe('createMentionMatcher: Russian case endings', () => {
  it('matches declined surnames and names (Токаева, Токаеву, Токаевым, о Токаеве)', () => {
    const mentions = matcher.findMentions('Токаева, Токаеву, Токаевым, о Токаеве');
    assert.deepEqual(
      mentions.map((m) => [m.entityId, m.surface, m.via]),
      [
        ['tokayev', 'Токаева', 'inflection'],
        ['tokayev', 'Токаеву', 'inflection'],
        ['tokayev', 'Токаевым', 'inflection'],
        ['tokayev', 'Токаеве', 'inflection'],
      ],
    );
  });

  it('declines every word of a multi-word alias, adjectives included', () => {
    assert.deepEqual(
      found(
        'в Ошской области; Исламского государства; членов Хизб ут-Тахрира; Государственного комитета национальной безопасности; Верховного суда РК; в Кыргызстане, Киргизии, Китае, Китаем',
      ),
      [
        'osh-region:Ошской области',
        'is:Исламского государства',
        'hizb:Хизб ут-Тахрира',
        'gknb:Государственного комитета национальной безопасности',
        'supreme-court-kz:Верховного суда РК',
        'kyrgyzstan:Кыргызстане',
        'kyrgyzstan:Киргизии',
        'china:Китае',
        'china:Китаем',
      ],
    );
  });

  it('accepts only the listed endings', () => {
    assert.deepEqual(found('Токаевский, Токаевщина, Токаевых-Токаевов'), ['tokayev:Токаевых']);
  });

  it('needs a capital where the alias has one, so a common word is not a name', () => {
    assert.deepEqual(found('мясо кита, Китая'), ['china:Китая']);
  });

  it('does not decline abbreviations (ГКНБ, ИГИЛ)', () => {
    assert.deepEqual(found('ГКНБА, ИГИЛА'), []);
  });
});

describe('createMentionMatcher: transliteration keys', () => {
  // A stand-in for src/enrich/language's nameKey: Cyrillic to Latin, then y and j dropped, zh → j.
  const latin: Record<string, string> = {
    а: 'a',
    е: 'e',
    ж: 'zh',
    к: 'k',
    о: 'o',
    в: 'v',
    т: 't',
    р: 'r',
    п: 'p',
  };
  const keyOf = (word: string) =>
    [...word]
      .map((letter) => latin[letter] ?? letter)
      .join('')
      .replace(/zh/g, 'j')
      .replace(/[yj]/g, '');
  const keyed = createMentionMatcher(gazetteer, { keyOf });

  it('matches a spelling that is not listed through its key, in either script', () => {
    const mentions = keyed.findMentions('Tokaev met Жапаров and Zhaparov; Токаевым');
    assert.deepEqual(
      mentions.map((m) => [m.entityId, m.surface, m.via]),
      [
        ['tokayev', 'Tokaev', 'key'],
        ['japarov', 'Жапаров', 'key'],
        ['japarov', 'Zhaparov', 'key'],
        ['tokayev', 'Токаевым', 'inflection'],
      ],
    );
  });

  it('needs a capital at the start of a key match, and prefers a listed spelling', () => {
    assert.deepEqual(found('tokaev said; Tokayev said', keyed), ['tokayev:Tokayev']);
  });

  it('leaves the key out unless it is given', () => {
    assert.deepEqual(found('Tokaev met Zhaparov'), []);
  });
});

describe('createMentionMatcher: ambiguity and bad input', () => {
  it('reports and skips a stem two entities share', () => {
    const clash = loadGazetteer([
      {
        name: 'clash.yaml',
        text: `version: 1\nentities:\n  - { id: a, type: place, subtype: city, name: Алма }\n  - { id: b, type: place, subtype: city, name: Алмы }\n`,
      },
    ]);
    const clashing = createMentionMatcher(clash);
    assert.deepEqual(clashing.ambiguities, [
      { via: 'inflection', aliases: ['Алма', 'Алмы'], entityIds: ['a', 'b'] },
    ]);
    assert.deepEqual(found('Алма, Алмы, Алме', clashing), ['a:Алма', 'b:Алмы']);
  });

  it('returns nothing for empty or alias-free text, numbers and markup remnants', () => {
    assert.deepEqual(matcher.findMentions(''), []);
    assert.deepEqual(found('12 345 678 &nbsp; <div class="x"> --- ,,, ...'), []);
    assert.deepEqual(found('<p>Osh</p>&nbsp;Kyrgyzstan'), ['osh:Osh', 'kyrgyzstan:Kyrgyzstan']);
  });

  it('stops at maxMentions and says so', () => {
    const capped = createMentionMatcher(gazetteer, { maxMentions: 3 });
    const scan = capped.scanMentions('Osh Osh Osh Osh Osh');
    assert.equal(scan.mentions.length, 3);
    assert.equal(scan.truncated, true);
    assert.equal(capped.scanMentions('Osh Osh Osh').truncated, false);
    assert.throws(() => createMentionMatcher(gazetteer, { maxMentions: 0 }), RangeError);
  });

  it('scans 5 MB of hostile text within a few seconds', () => {
    const pieces = [
      'Islamic State of Iraq and the ',
      'Oshkosh ',
      'x'.repeat(5000),
      ' Токаевым ',
      '12345 ',
      'Ош-Ош-Ош ',
    ];
    let text = '';
    while (text.length < 5_000_000) text += pieces.join('');
    const started = performance.now();
    const scan = matcher.scanMentions(text);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 8000, `took ${Math.round(elapsed)} ms`);
    assert.ok(scan.mentions.length > 1000);
    assert.ok(scan.mentions.every((m: Mention) => text.slice(m.start, m.end) === m.surface));
  });

  it('survives one enormous word and a long run of joinable gaps', () => {
    assert.deepEqual(found(`${'a'.repeat(1_000_000)} Osh`), ['osh:Osh']);
    assert.deepEqual(found(`${'Islamic - '.repeat(100_000)}State`), ['is:Islamic - State']);
  });

  it('on any text, reports mentions in order, apart, and exactly as written (property)', () => {
    // Pieces of aliases, their neighbours and awkward characters, shuffled into texts.
    const pieces = [
      'Osh',
      'Ош',
      'Оше',
      'Region',
      'Islamic',
      'State',
      'of',
      'Iraq',
      'IS',
      'is',
      '-K',
      'ИГИЛ',
      '-Хорасан',
      'Токаевым',
      'Tokayev',
      "'s",
      'Hizb',
      'ut',
      '-',
      'Tahrir',
      'St',
      '.',
      ',',
      ' ',
      '  ',
      '\n',
      'ё',
      'İ',
      'ʻ',
      '\u0301',
      '😀',
      '\ud800',
      '12',
      'Oʻzbekiston',
      'Киргизии',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const mentions = matcher.findMentions(text);
        let previousEnd = 0;
        for (const mention of mentions) {
          assert.ok(mention.start >= previousEnd && mention.end > mention.start);
          assert.equal(text.slice(mention.start, mention.end), mention.surface);
          previousEnd = mention.end;
        }
      }),
      { numRuns: 400 },
    );
  });
});
