import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { EventFact } from './event-fact.ts';
import { extractEvents } from './extract-events.ts';

/** The facts without their sentence and offsets, for comparing. */
function facts(
  text: string,
  options: Parameters<typeof extractEvents>[1] = {},
): Omit<EventFact, 'sentence' | 'start' | 'end'>[] {
  return extractEvents(text, options).map(
    ({ sentence: _sentence, start: _start, end: _end, ...fact }) => fact,
  );
}

describe('extractEvents', () => {
  it('extracts an arrest with count, target and place, and the sentence with its offsets', () => {
    const text =
      'In Jalal-Abad, officers of the SCNS acted. According to the SCNS, 22 active members of the organization were detained, including the leader.';
    const [fact] = extractEvents(text);
    assert.equal(fact?.type, 'arrest');
    assert.equal(fact.count, 22);
    assert.equal(fact.target, 'the organization');
    assert.equal(text.slice(fact.start, fact.end), fact.sentence);
    assert.ok(fact.sentence.startsWith('According to the SCNS'));
  });

  it('extracts each type in English and Russian', () => {
    assert.deepEqual(facts('Uzbekistan repatriated 98 women and children.'), [
      { type: 'repatriation', count: 98, actor: 'Uzbekistan' },
    ]);
    assert.deepEqual(facts('Gunmen killed about 140 people at a concert hall in Krasnogorsk.'), [
      { type: 'attack', count: 140, actor: 'Gunmen', place: 'Krasnogorsk' },
    ]);
    assert.deepEqual(facts('A court sentenced him to 7 years.'), [{ type: 'conviction', actor: 'A court' }]);
    assert.deepEqual(facts('The Supreme Court banned the Jashtar Kuchu movement as extremist.'), [
      { type: 'ban', actor: 'The Supreme Court', target: 'Jashtar Kuchu' },
    ]);
    assert.deepEqual(facts('В Бишкеке задержаны более 20 человек.'), [
      { type: 'arrest', count: 20, place: 'Бишкеке' },
    ]);
    assert.deepEqual(facts('В результате теракта погибли 145 человек.'), [{ type: 'attack', count: 145 }]);
    assert.deepEqual(facts('Восемь членов ячейки осуждены на сроки от 5 до 12 лет.'), [
      { type: 'conviction', count: 8, target: 'ячейки' },
    ]);
    assert.deepEqual(facts('Из Сирии возвращены 98 женщин и детей.'), [{ type: 'repatriation', count: 98 }]);
    assert.deepEqual(facts('Суд признал экстремистской организацию «Ак Жол».'), [
      { type: 'ban', actor: 'Суд', target: 'Ак Жол' },
    ]);
  });

  it('finds two facts in "detained and later convicted", and separate attacks joined by "as well as"', () => {
    assert.deepEqual(
      facts('All 37 repatriated men were detained and later convicted.').map((fact) => [
        fact.type,
        fact.count,
      ]),
      [
        ['arrest', 37],
        ['conviction', 37],
      ],
    );
    assert.deepEqual(
      facts(
        'The group carried out an attack that killed 14, as well as a bombing that injured three people.',
      ).map((fact) => [fact.type, fact.count]),
      [
        ['attack', 14],
        ['attack', undefined],
      ],
    );
  });

  it('finds nothing in negations, plans, statistics, metaphors and attributive uses', () => {
    for (const sentence of [
      'Police said no one was detained.',
      'The government plans to repatriate another 300 citizens next year.',
      'Arrests for extremism fell by 20% last year.',
      'Kairat striker Aimbetov led the attack and scored twice.',
      'Critics attacked the new law.',
      'A heart attack killed the 67-year-old former minister.',
      'The banned group’s leaflets were found in three villages.',
      'If convicted, the 12 defendants face up to 20 years.',
      'Никто не был задержан.',
      'Запрещённая в России организация взяла на себя ответственность.',
      'The explosion, which officials blamed on a gas leak, killed four people.',
    ])
      assert.deepEqual(facts(sentence), [], sentence);
  });

  it('resolves relative dates only with a publication date', () => {
    const sentence = 'Police detained 5 people in Osh on Tuesday.';
    assert.equal(facts(sentence)[0]?.date, undefined);
    assert.equal(facts(sentence, { publishedAt: new Date('2024-03-14') })[0]?.date, '2024-03-12');
  });

  it('runs only one language’s rules when asked', () => {
    const mixed = 'Police detained 5 people. В Оше задержаны 3 человека.';
    assert.deepEqual(
      facts(mixed).map((fact) => fact.count),
      [5, 3],
    );
    assert.deepEqual(
      facts(mixed, { language: 'ru' }).map((fact) => fact.count),
      [3],
    );
    assert.deepEqual(
      facts(mixed, { language: 'en' }).map((fact) => fact.count),
      [5],
    );
  });

  it('reads through HTML remnants and keeps offsets into the raw text', () => {
    const html = '<p>Police detained&nbsp;7 people in <b>Osh</b>.</p><p>The attack on Friday killed 3.</p>';
    const found = extractEvents(html);
    assert.deepEqual(
      found.map((fact) => [fact.type, fact.count, fact.place]),
      [
        ['arrest', 7, 'Osh'],
        ['attack', 3, undefined],
      ],
    );
    assert.ok(html.slice(found[0]!.start, found[0]!.end).startsWith('Police detained&nbsp;7'));
    assert.equal(found[0]!.sentence, 'Police detained 7 people in Osh .');
  });

  it('returns nothing for empty text, numbers only, or text with no trigger', () => {
    assert.deepEqual(extractEvents(''), []);
    assert.deepEqual(extractEvents('1 2 3 2017 1,200 45% 3:1 '.repeat(200)), []);
    assert.deepEqual(extractEvents('The weather in Almaty was sunny. '.repeat(100)), []);
    assert.deepEqual(extractEvents('Қазақстан Республикасы Ўзбекистон Тоҷикистон 中文 العربية'), []);
  });

  it('bounds work on 5 MB of text: reads maxChars, returns at most maxFacts, and stays fast', () => {
    const big = 'Police detained 5 people in Osh. Gunmen killed 3 people in Khorog. '.repeat(80_000);
    const started = performance.now();
    const found = extractEvents(big);
    const elapsed = performance.now() - started;
    assert.equal(found.length, 200);
    assert.ok(elapsed < 3_000, `took ${elapsed} ms`);
    assert.equal(extractEvents(big, { maxFacts: 3 }).length, 3);
    assert.ok(extractEvents(big, { maxChars: 1_000 }).every((fact) => fact.end <= 1_000));
    for (const hostile of [
      'x'.repeat(5_000_000),
      '<'.repeat(5_000_000),
      '&amp'.repeat(1_250_000),
      '. '.repeat(2_500_000),
    ]) {
      const start = performance.now();
      assert.deepEqual(extractEvents(hostile), []);
      assert.ok(performance.now() - start < 3_000);
    }
  });

  it('never throws, and every fact points at a sentence of the input', () => {
    const words = fc.constantFrom(
      'Police',
      'detained',
      'задержаны',
      '22',
      'twenty-two',
      'people',
      'человек',
      'in',
      'в',
      'Osh',
      'Оше',
      'killed',
      'attack',
      'теракт',
      'banned',
      'the',
      'group',
      '«Ак',
      'Жол»',
      '.',
      ',',
      ';',
      'Mr.',
      'U.S.',
      '&nbsp;',
      '<p>',
      '\n\n',
      'on',
      'Tuesday',
      '2017',
      'were',
      'sentenced',
      'to',
      '7',
      'years',
      'repatriated',
      'not',
      'no one',
      'İstanbul',
    );
    fc.assert(
      fc.property(
        fc.array(words, { maxLength: 60 }),
        fc.date({ noInvalidDate: false }),
        (parts, publishedAt) => {
          const text = parts.join(' ');
          for (const fact of extractEvents(text, { publishedAt })) {
            assert.ok(fact.start >= 0 && fact.start < fact.end && fact.end <= text.length);
            assert.ok(fact.sentence.length > 0);
            if (fact.count !== undefined) assert.ok(Number.isInteger(fact.count) && fact.count > 0);
            if (fact.date !== undefined) assert.match(fact.date, /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
