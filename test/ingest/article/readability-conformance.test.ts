/**
 * Keeps extractArticle's agreement with Readability's 126 test pages (../shared, read in place) at or
 * above the floors measured when it was written, and checks the similarity measure itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  readabilityCorpusPath,
  runReadabilityConformance,
  tokenF1,
  words,
} from '../../../conformance/readability.ts';
import { requireSharedFile } from '../../support/shared-data.ts';

/**
 * Floors just under the values measured on the full corpus (125 of 126 pages at F1 ≥ 0.9, mean 0.996;
 * titles 121/126, the misses being 3 untitled pages and 2 title rules newer than Readability 0.6.0;
 * bylines 72/72, languages 69/69, dates 32/32).
 */
const floors = { share: 0.98, mean: 0.98, title: 0.95, byline: 0.97, language: 0.97, published: 0.9 };

describe('Readability conformance', () => {
  it('scores at or above the measured floors on every page of the corpus', {
    timeout: 180_000,
  }, async (t) => {
    if (!requireSharedFile(t, readabilityCorpusPath)) return;
    const report = await runReadabilityConformance();
    const { metadata, timing } = report;
    t.diagnostic(
      `${report.passed}/${report.pages} pages at F1 >= 0.9 (${(report.share * 100).toFixed(1)}%), ` +
        `mean ${report.meanSimilarity.toFixed(3)}, median ${report.medianSimilarity.toFixed(3)}; ` +
        `extract p50 ${timing.p50Ms.toFixed(0)} ms, p95 ${timing.p95Ms.toFixed(0)} ms`,
    );
    const failing = report.rows
      .filter((row) => row.similarity < 0.9)
      .map((row) => `${row.page} ${row.similarity.toFixed(3)}`);
    assert.equal(report.pages, 126, 'the corpus has 126 pages');
    assert.ok(
      report.share >= floors.share,
      `share ${report.share.toFixed(3)} under ${floors.share}: ${failing.join(', ')}`,
    );
    assert.ok(report.meanSimilarity >= floors.mean, `mean ${report.meanSimilarity.toFixed(3)}`);
    assert.ok(metadata.title.share >= floors.title, `titles ${metadata.title.matched}/${metadata.title.of}`);
    assert.ok(
      metadata.byline.share >= floors.byline,
      `bylines ${metadata.byline.matched}/${metadata.byline.of}`,
    );
    assert.ok(
      metadata.language.share >= floors.language,
      `languages ${metadata.language.matched}/${metadata.language.of}`,
    );
    assert.ok(
      metadata.publishedTime.share >= floors.published,
      `dates ${metadata.publishedTime.matched}/${metadata.publishedTime.of}`,
    );
  });
});

describe('the similarity measure', () => {
  it('cuts text into lower-case words, ignoring punctuation and markup spacing', () => {
    assert.deepEqual(words('The  cat, the HAT!\n3.5 cafés'), ['the', 'cat', 'the', 'hat', '3', '5', 'cafés']);
  });

  it('counts each Han or kana character as a word and keeps other scripts whole', () => {
    assert.deepEqual(words('宇航员 in Москве'), ['宇', '航', '员', 'in', 'москве']);
  });

  it('is token-level F1 over multisets: order-free, duplicates counted', () => {
    assert.deepEqual(tokenF1(['a', 'b'], ['b', 'a']), { f1: 1, precision: 1, recall: 1 });
    // ours: a a b; expected: a b c → 2 words in common.
    const score = tokenF1(['a', 'a', 'b'], ['a', 'b', 'c']);
    assert.equal(score.precision, 2 / 3);
    assert.equal(score.recall, 2 / 3);
    assert.equal(score.f1, 4 / 6);
  });

  it('scores empty against empty as 1 and anything against empty as 0', () => {
    assert.equal(tokenF1([], []).f1, 1);
    assert.equal(tokenF1(['a'], []).f1, 0);
    assert.equal(tokenF1([], ['a']).f1, 0);
  });
});
