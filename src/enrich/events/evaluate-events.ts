/**
 * Scoring event extraction against hand labels: per type precision, recall and F1, and overall. A fact
 * matches a label on type, on count when the label gives one (`null` meaning "no count"), and on position
 * when the label says where its sentence is. Actor, target, place and date are scored apart, as agreement
 * on matched pairs, and never decide a match.
 */
import { type EventFact, type EventLanguage, type EventType, eventTypes } from './event-fact.ts';
import { extractEvents } from './extract-events.ts';

/** One labelled fact. */
export interface LabelledEvent {
  type: EventType;
  /** A number the fact must carry; null: it must carry none; absent: not checked. */
  count?: number | null;
  actor?: string;
  target?: string;
  place?: string;
  date?: string;
  /** An offset in the fixture text that the matching fact's sentence must contain. */
  at?: number;
}

/** A text and the facts a reader finds in it. */
export interface EventFixture {
  id: string;
  text: string;
  language?: EventLanguage;
  publishedAt?: Date;
  labels: LabelledEvent[];
}

/** Counts and rates for one type (or all). Rates are 1 when nothing was expected or found. */
export interface EventScore {
  type: EventType | 'overall';
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Agreement on a phrase field over matched pairs whose label gives it. */
export interface FieldAgreement {
  field: 'actor' | 'target' | 'place' | 'date';
  agreed: number;
  labelled: number;
}

/** A label no fact matched, or a fact no label matched. */
export interface EventMismatch {
  fixture: string;
  kind: 'missed' | 'extra';
  type: EventType;
  count: number | null | undefined;
  sentence?: string;
}

/** The result of evaluateEvents. */
export interface EventEvaluation {
  perType: EventScore[];
  overall: EventScore;
  fields: FieldAgreement[];
  mismatches: EventMismatch[];
}

const phraseFields = ['actor', 'target', 'place', 'date'] as const;

/** Runs `extract` (extractEvents by default) over every fixture and scores it against the labels. */
export function evaluateEvents(
  fixtures: EventFixture[],
  extract: (
    text: string,
    options: { language?: EventLanguage; publishedAt?: Date },
  ) => EventFact[] = extractEvents,
): EventEvaluation {
  const tallies = new Map(eventTypes.map((type) => [type, { tp: 0, fp: 0, fn: 0 }]));
  const fields = phraseFields.map((field) => ({ field, agreed: 0, labelled: 0 }));
  const mismatches: EventMismatch[] = [];
  for (const fixture of fixtures) {
    const options = {
      ...(fixture.language === undefined ? {} : { language: fixture.language }),
      ...(fixture.publishedAt === undefined ? {} : { publishedAt: fixture.publishedAt }),
    };
    const facts = extract(fixture.text, options);
    const used = new Set<number>();
    // Labels with a count first, so a countless label cannot take the fact a counted one needs.
    const labels = [...fixture.labels].sort(
      (a, b) => Number(typeof b.count === 'number') - Number(typeof a.count === 'number'),
    );
    for (const label of labels) {
      const index = facts.findIndex((fact, i) => !used.has(i) && matches(fact, label));
      if (index < 0) {
        tallies.get(label.type)!.fn++;
        mismatches.push({ fixture: fixture.id, kind: 'missed', type: label.type, count: label.count });
        continue;
      }
      used.add(index);
      tallies.get(label.type)!.tp++;
      for (const agreement of fields) {
        const expected = label[agreement.field];
        if (expected === undefined) continue;
        agreement.labelled++;
        if (fieldAgrees(agreement.field, facts[index]![agreement.field], expected)) agreement.agreed++;
      }
    }
    facts.forEach((fact, i) => {
      if (used.has(i)) return;
      tallies.get(fact.type)!.fp++;
      mismatches.push({
        fixture: fixture.id,
        kind: 'extra',
        type: fact.type,
        count: fact.count,
        sentence: fact.sentence,
      });
    });
  }
  const perType = eventTypes.map((type) => score(type, tallies.get(type)!));
  const sum = (key: 'tp' | 'fp' | 'fn') =>
    [...tallies.values()].reduce((total, tally) => total + tally[key], 0);
  return {
    perType,
    overall: score('overall', { tp: sum('tp'), fp: sum('fp'), fn: sum('fn') }),
    fields,
    mismatches,
  };
}

/** The evaluation as a plain-text table (type, TP, FP, FN, precision, recall, F1), then field agreement. */
export function formatEventEvaluation(evaluation: EventEvaluation): string {
  const rows = [...evaluation.perType, evaluation.overall].map(
    (row) =>
      `${row.type.padEnd(13)}${String(row.truePositives).padStart(5)}${String(row.falsePositives).padStart(5)}${String(row.falseNegatives).padStart(5)}` +
      `${row.precision.toFixed(3).padStart(11)}${row.recall.toFixed(3).padStart(8)}${row.f1.toFixed(3).padStart(8)}`,
  );
  const fields = evaluation.fields
    .filter((field) => field.labelled > 0)
    .map((field) => `${field.field} ${field.agreed}/${field.labelled}`)
    .join(', ');
  return [
    `${'type'.padEnd(13)}   TP   FP   FN  precision  recall      F1`,
    ...rows,
    `phrase agreement on matched facts: ${fields}`,
  ].join('\n');
}

function matches(fact: EventFact, label: LabelledEvent): boolean {
  if (fact.type !== label.type) return false;
  if (label.count === null && fact.count !== undefined) return false;
  if (typeof label.count === 'number' && fact.count !== label.count) return false;
  return label.at === undefined || (fact.start <= label.at && label.at < fact.end);
}

function fieldAgrees(
  field: (typeof phraseFields)[number],
  found: string | undefined,
  expected: string,
): boolean {
  if (found === undefined) return false;
  if (field === 'date') return found === expected;
  return found.toLowerCase().includes(expected.toLowerCase());
}

function score(type: EventScore['type'], tally: { tp: number; fp: number; fn: number }): EventScore {
  const precision = tally.tp + tally.fp === 0 ? 1 : tally.tp / (tally.tp + tally.fp);
  const recall = tally.tp + tally.fn === 0 ? 1 : tally.tp / (tally.tp + tally.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    type,
    truePositives: tally.tp,
    falsePositives: tally.fp,
    falseNegatives: tally.fn,
    precision,
    recall,
    f1,
  };
}
