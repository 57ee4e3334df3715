/**
 * Event extraction scored against the hand labels: the invented sentences the rules were tuned on, the
 * development set and the three held-out sets (each scored once before the rules were fixed for it: see the
 * fixtures' README for those first-run figures), and the seed page's six articles (read in place). Prints the precision/recall tables
 * and fails when the overall figures fall below the issue's targets (precision 0.85, recall 0.7).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { attackTriggers } from '../../../src/enrich/events/attack-rules.ts';
import {
  type EventEvaluation,
  type EventFixture,
  evaluateEvents,
  formatEventEvaluation,
} from '../../../src/enrich/events/evaluate-events.ts';
import { triggerRules } from '../../../src/enrich/events/event-triggers.ts';
import { extractEvents } from '../../../src/enrich/events/extract-events.ts';
import { lowercaseSameLength } from '../../../src/enrich/events/word-pattern.ts';
import { requireSharedFile, seedPath } from '../../support/shared-data.ts';
import { readArticle, readSeedFixture, readSentenceFixtures } from './event-fixtures.ts';

const targetPrecision = 0.85;
const targetRecall = 0.7;

function report(name: string, evaluation: EventEvaluation): void {
  console.log(`\n${name}\n${formatEventEvaluation(evaluation)}`);
  for (const mismatch of evaluation.mismatches)
    console.log(`  ${mismatch.kind} ${mismatch.fixture}: ${mismatch.type} count=${mismatch.count ?? '-'}`);
}

function assertTargets(evaluation: EventEvaluation): void {
  assert.ok(evaluation.overall.precision >= targetPrecision, `precision ${evaluation.overall.precision}`);
  assert.ok(evaluation.overall.recall >= targetRecall, `recall ${evaluation.overall.recall}`);
}

describe('event extraction quality', () => {
  const tuned = readSentenceFixtures('sentences.jsonl');
  const heldOut = readSentenceFixtures('held-out.jsonl');
  const heldOutFinal = readSentenceFixtures('held-out-final.jsonl');
  const development = readSentenceFixtures('dev-2.jsonl');
  const heldOutThird = readSentenceFixtures('held-out-3.jsonl');

  it('has the fixture set the issue asks for: 60+ written sentences with hard negatives, both languages', () => {
    const all = [...tuned, ...heldOut, ...heldOutFinal, ...development, ...heldOutThird];
    assert.ok(all.length >= 60);
    assert.ok(all.filter((fixture) => fixture.labels.length === 0).length >= 20);
    assert.ok(all.filter((fixture) => fixture.language === 'ru').length >= 30);
  });

  it('meets the targets on the sentences the rules were tuned on', () => {
    const evaluation = evaluateEvents(tuned);
    report('invented sentences (tuned on)', evaluation);
    assertTargets(evaluation);
  });

  it('meets the targets on the held-out sentences', () => {
    const evaluation = evaluateEvents(heldOut);
    report('held-out sentences', evaluation);
    assertTargets(evaluation);
  });

  it('meets the targets on the second development set', () => {
    const evaluation = evaluateEvents(development);
    report('second development set', evaluation);
    assertTargets(evaluation);
  });

  it('meets the targets on the third held-out set', () => {
    const evaluation = evaluateEvents(heldOutThird);
    report('third held-out set', evaluation);
    assertTargets(evaluation);
  });

  it('meets the targets on the final held-out sentences', () => {
    const evaluation = evaluateEvents(heldOutFinal);
    report('final held-out sentences', evaluation);
    assertTargets(evaluation);
  });

  it('meets the targets on the seed page and on everything together', (t) => {
    if (!requireSharedFile(t, seedPath)) return;
    const seed: EventFixture = readSeedFixture(readFileSync(seedPath, 'utf8'));
    assert.equal(seed.labels.length, 11);
    const seedEvaluation = evaluateEvents([seed]);
    report('seed page (six articles)', seedEvaluation);
    assertTargets(seedEvaluation);
    const all = evaluateEvents([
      ...tuned,
      ...heldOut,
      ...heldOutFinal,
      ...development,
      ...heldOutThird,
      seed,
    ]);
    report('all labelled facts', all);
    assertTargets(all);
  });

  it('never hides a trigger behind its stems (each match has one of its stems at a word start)', () => {
    const texts = [...tuned, ...heldOut, ...heldOutFinal, ...development, ...heldOutThird].map(
      (fixture) => fixture.text,
    );
    texts.push(readArticle('article-en.txt'), readArticle('article-ru.txt'));
    for (const text of texts) {
      const lower = lowercaseSameLength(text);
      for (const rule of [...triggerRules, ...attackTriggers]) {
        rule.pattern.lastIndex = 0;
        const found = rule.pattern.exec(lower);
        if (found !== null)
          assert.ok(
            rule.stems.some(
              (stem) =>
                found[0].startsWith(stem) || found[0].includes(` ${stem}`) || found[0].includes(`-${stem}`),
            ),
            `${rule.pattern.source.slice(0, 60)} matched "${found[0]}" without a stem at a word start`,
          );
      }
    }
  });

  it('extracts an invented 3 KB article in bounded time (prints µs CPU per article)', () => {
    for (const file of ['article-en.txt', 'article-ru.txt'] as const) {
      const text = readArticle(file);
      for (let i = 0; i < 300; i++) extractEvents(text);
      const rounds = 300;
      const cpu = process.cpuUsage();
      for (let i = 0; i < rounds; i++) extractEvents(text);
      const used = process.cpuUsage(cpu);
      const micros = (used.user + used.system) / rounds;
      console.log(`${file} (${text.length} chars): ${micros.toFixed(0)} µs CPU per article`);
      // Generous: a shared CI machine is noisy; this catches a regression by an order of magnitude.
      assert.ok(micros < 5_000, `${file}: ${micros} µs`);
    }
  });
});
