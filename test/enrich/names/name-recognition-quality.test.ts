/**
 * Names found by enrichment — the shipped gazetteer's matches and the recogniser's — scored against
 * hand labels (test/fixtures/names/README.md): per type and overall, with the gazetteer alone beside,
 * so the recogniser's share is visible. Fails when precision falls below 0.85 or the recogniser adds
 * less than it does now.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  evaluateNames,
  formatNameScores,
  type NameFinders,
} from '../../../src/enrich/recognise/evaluate-names.ts';
import { readNameFixtures, shippedFinders } from './name-fixtures.ts';

describe('name recognition quality', () => {
  let finders: NameFinders;
  before(async () => {
    finders = await shippedFinders();
  });

  for (const [file, minimumRecall] of [
    ['dev.jsonl', 0.75],
    ['held-out.jsonl', 0.6],
  ] as const) {
    it(`finds the labelled names of ${file} precisely, the recogniser adding what the gazetteer lacks`, () => {
      const result = evaluateNames(readNameFixtures(file), finders);
      const { overall } = result;
      const gazetteerAlone =
        (overall.truePositives - overall.byRecogniser) / (overall.truePositives + overall.falseNegatives);
      console.log(
        `\n${file}\n${formatNameScores(result)}\ngazetteer alone: recall ${gazetteerAlone.toFixed(3)}`,
      );
      assert.ok(overall.precision >= 0.85, `precision ${overall.precision}`);
      assert.ok(overall.recall >= minimumRecall, `recall ${overall.recall}`);
      assert.ok(overall.recall - gazetteerAlone >= 0.15, 'the recogniser adds at least 15 points of recall');
    });
  }
});
