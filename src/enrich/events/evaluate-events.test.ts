import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventFact } from './event-fact.ts';
import { type EventFixture, evaluateEvents, formatEventEvaluation } from './evaluate-events.ts';

function fact(type: EventFact['type'], count?: number, extra: Partial<EventFact> = {}): EventFact {
  return { type, ...(count === undefined ? {} : { count }), sentence: 's', start: 0, end: 10, ...extra };
}

/** An extractor answering from a table, so the scoring is tested on its own. */
function answering(table: Record<string, EventFact[]>) {
  return (text: string) => table[text] ?? [];
}

describe('evaluateEvents', () => {
  it('matches on type and on count when labelled; null means "no count"', () => {
    const fixtures: EventFixture[] = [
      { id: 'a', text: 'a', labels: [{ type: 'arrest', count: 22 }] },
      { id: 'b', text: 'b', labels: [{ type: 'arrest', count: 5 }] },
      { id: 'c', text: 'c', labels: [{ type: 'conviction', count: null }] },
      { id: 'd', text: 'd', labels: [{ type: 'attack' }] },
      { id: 'e', text: 'e', labels: [] },
    ];
    const evaluation = evaluateEvents(
      fixtures,
      answering({
        a: [fact('arrest', 22)],
        b: [fact('arrest', 50)],
        c: [fact('conviction', 7)],
        d: [fact('attack', 3)],
        e: [fact('ban')],
      }),
    );
    const arrest = evaluation.perType.find((row) => row.type === 'arrest')!;
    assert.deepEqual([arrest.truePositives, arrest.falsePositives, arrest.falseNegatives], [1, 1, 1]);
    const conviction = evaluation.perType.find((row) => row.type === 'conviction')!;
    assert.deepEqual(
      [conviction.truePositives, conviction.falsePositives, conviction.falseNegatives],
      [0, 1, 1],
    );
    assert.deepEqual(
      [
        evaluation.overall.truePositives,
        evaluation.overall.falsePositives,
        evaluation.overall.falseNegatives,
      ],
      [2, 3, 2],
    );
    assert.equal(evaluation.overall.precision, 2 / 5);
    assert.equal(evaluation.overall.recall, 2 / 4);
    assert.equal(evaluation.mismatches.filter((mismatch) => mismatch.kind === 'extra').length, 3);
  });

  it('requires the fact’s sentence to contain the label’s offset when one is given', () => {
    const fixtures: EventFixture[] = [{ id: 'seed', text: 'x', labels: [{ type: 'ban', at: 50 }] }];
    const early = evaluateEvents(fixtures, answering({ x: [fact('ban', undefined, { start: 0, end: 40 })] }));
    const covering = evaluateEvents(
      fixtures,
      answering({ x: [fact('ban', undefined, { start: 45, end: 90 })] }),
    );
    assert.equal(early.overall.truePositives, 0);
    assert.equal(covering.overall.truePositives, 1);
  });

  it('gives a counted label first pick, and scores phrase agreement on matched pairs only', () => {
    const fixtures: EventFixture[] = [
      {
        id: 'two',
        text: 't',
        labels: [
          { type: 'attack', place: 'Osh' },
          { type: 'attack', count: 14, date: '2017' },
        ],
      },
    ];
    const evaluation = evaluateEvents(
      fixtures,
      answering({
        t: [
          fact('attack', 14, { date: '2017', place: 'Osh' }),
          fact('attack', undefined, { place: 'Bishkek' }),
        ],
      }),
    );
    assert.equal(evaluation.overall.truePositives, 2);
    assert.deepEqual(
      evaluation.fields.filter((field) => field.labelled > 0),
      [
        { field: 'place', agreed: 0, labelled: 1 },
        { field: 'date', agreed: 1, labelled: 1 },
      ],
    );
    assert.match(formatEventEvaluation(evaluation), /overall\s+2\s+0\s+0\s+1\.000\s+1\.000\s+1\.000/);
  });
});
