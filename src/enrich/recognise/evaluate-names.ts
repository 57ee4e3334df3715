/**
 * Scoring name finding against hand labels: what the gazetteer matcher and the recogniser find
 * together (as enrichment runs them) against every person, organisation and place a reader labelled,
 * per type and overall, with the recogniser's share of the hits. A found name matches a label of the
 * same type whose place in the text overlaps it; each label matches once.
 */
import type { EntityType } from '../../store/enrichment.ts';
import type { MentionMatcher } from '../gazetteer/mention-matcher.ts';
import type { Morphology } from './morphology.ts';
import { recogniseNames } from './recognise-names.ts';

/** A sentence and the names a reader found in it (each `text` as written; repeated names listed again). */
export interface NameFixture {
  id: string;
  text: string;
  names: { type: EntityType; text: string }[];
}

/** Counts and rates for one type, or all. */
export interface NameScore {
  type: EntityType | 'overall';
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** True positives found by the recogniser (the rest by the gazetteer). */
  byRecogniser: number;
}

/** A label nobody found, or a name found where no label is. */
export interface NameMismatch {
  fixture: string;
  kind: 'missed' | 'extra';
  type: EntityType;
  text: string;
  by?: 'gazetteer' | 'recogniser';
}

interface Found {
  type: EntityType;
  start: number;
  end: number;
  by: 'gazetteer' | 'recogniser';
}

/** What finds names: the gazetteer's matcher and each of its entities' types, and the recogniser's dictionary. */
export interface NameFinders {
  matcher: MentionMatcher;
  typeOf: (entityId: string) => EntityType | undefined;
  morphology: Morphology;
}

/** Every name found in `text`: the gazetteer's mentions first, the recogniser's outside them. */
export function findAllNames(text: string, finders: NameFinders): Found[] {
  const mentions = finders.matcher.findMentions(text);
  const found: Found[] = [];
  for (const mention of mentions) {
    const type = finders.typeOf(mention.entityId);
    if (type !== undefined) found.push({ type, start: mention.start, end: mention.end, by: 'gazetteer' });
  }
  for (const occurrence of recogniseNames(text, finders.morphology, mentions))
    found.push({ type: occurrence.type, start: occurrence.start, end: occurrence.end, by: 'recogniser' });
  return found;
}

const types: EntityType[] = ['person', 'organisation', 'place'];

/** Scores `fixtures`. */
export function evaluateNames(
  fixtures: readonly NameFixture[],
  finders: NameFinders,
): { perType: NameScore[]; overall: NameScore; mismatches: NameMismatch[] } {
  const counts = new Map(types.map((type) => [type, { tp: 0, fp: 0, fn: 0, byRecogniser: 0 }]));
  const mismatches: NameMismatch[] = [];
  for (const fixture of fixtures) {
    const labels = placeLabels(fixture);
    const found = findAllNames(fixture.text, finders);
    const used = new Set<number>();
    for (const name of found) {
      const index = labels.findIndex(
        (label, i) =>
          !used.has(i) && label.type === name.type && label.start < name.end && name.start < label.end,
      );
      const count = counts.get(name.type)!;
      if (index >= 0) {
        used.add(index);
        count.tp += 1;
        if (name.by === 'recogniser') count.byRecogniser += 1;
      } else {
        count.fp += 1;
        mismatches.push({
          fixture: fixture.id,
          kind: 'extra',
          type: name.type,
          text: fixture.text.slice(name.start, name.end),
          by: name.by,
        });
      }
    }
    labels.forEach((label, i) => {
      if (used.has(i)) return;
      counts.get(label.type)!.fn += 1;
      mismatches.push({ fixture: fixture.id, kind: 'missed', type: label.type, text: label.text });
    });
  }
  const score = (type: EntityType | 'overall', tp: number, fp: number, fn: number, byRecogniser: number) => ({
    type,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    byRecogniser,
  });
  const perType = types.map((type) => {
    const c = counts.get(type)!;
    return score(type, c.tp, c.fp, c.fn, c.byRecogniser);
  });
  const sum = (pick: (s: NameScore) => number) => perType.reduce((total, s) => total + pick(s), 0);
  return {
    perType,
    overall: score(
      'overall',
      sum((s) => s.truePositives),
      sum((s) => s.falsePositives),
      sum((s) => s.falseNegatives),
      sum((s) => s.byRecogniser),
    ),
    mismatches,
  };
}

/** Each label at its place in the text: the n-th label of a text at its n-th occurrence. */
function placeLabels(fixture: NameFixture): { type: EntityType; text: string; start: number; end: number }[] {
  const seen = new Map<string, number>();
  return fixture.names.map((name) => {
    let from = seen.get(name.text) ?? 0;
    const start = fixture.text.indexOf(name.text, from);
    if (start < 0) throw new Error(`${fixture.id}: the label "${name.text}" is not in the text`);
    from = start + name.text.length;
    seen.set(name.text, from);
    return { ...name, start, end: from };
  });
}

/** The scores as a table. */
export function formatNameScores(result: { perType: NameScore[]; overall: NameScore }): string {
  const rows = [...result.perType, result.overall].map(
    (row) =>
      `${row.type.padEnd(13)}${String(row.truePositives).padStart(5)}${String(row.falsePositives).padStart(5)}${String(row.falseNegatives).padStart(5)}` +
      `${row.precision.toFixed(3).padStart(11)}${row.recall.toFixed(3).padStart(8)}${String(row.byRecogniser).padStart(12)}`,
  );
  return [`${'type'.padEnd(13)}   TP   FP   FN  precision  recall  recogniser`, ...rows].join('\n');
}
