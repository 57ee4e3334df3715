/**
 * How well near-duplicate clustering groups re-publications of one story and keeps different stories
 * apart, on the invented fixture set (test/fixtures/clusters): articles arrive one at a time in seeded
 * shuffled orders, each placed with assignCluster against the band index of those before it. The floors
 * sit just under the figures measured when the constants were chosen; the figures are printed as test
 * diagnostics.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fingerprintArticle } from '../../../src/ingest/cluster/fingerprint.ts';
import { encodeFingerprint } from '../../../src/ingest/cluster/fingerprint-codec.ts';
import { formatArticles, makeArticles, storiesPath } from '../../fixtures/clusters/make-articles.ts';
import {
  type ClusteringQuality,
  clusterStream,
  fingerprintAll,
  readFixtureArticles,
} from './cluster-stream.ts';

const articles = readFixtureArticles();
const fingerprints = fingerprintAll(articles);
const orderSeeds = [1, 2, 3, 4, 5, 6, 7, 8];

function describeQuality(seed: number, quality: ClusteringQuality): string {
  return (
    `order ${seed}: precision ${quality.precision.toFixed(3)} recall ${quality.recall.toFixed(3)} ` +
    `(${quality.correctPairs} of ${quality.predictedPairs} pairs right, ${quality.expectedPairs} expected; ` +
    `${quality.mergedTopicPairs} of ${quality.topicPairs} same-topic pairs merged)`
  );
}

describe('story clustering on the fixture set', () => {
  it('uses the fixture make-articles.ts builds from stories.txt', () => {
    const rebuilt = formatArticles(makeArticles(readFileSync(storiesPath, 'utf8')));
    assert.equal(
      rebuilt,
      formatArticles(articles),
      'articles.jsonl is stale: run node --import tsx test/fixtures/clusters/make-articles.ts',
    );
  });

  it('holds the stories the evaluation needs', () => {
    const originals = articles.filter((article) => article.id.endsWith('/0'));
    const sizes = new Map<string, number>();
    for (const article of articles) sizes.set(article.cluster, (sizes.get(article.cluster) ?? 0) + 1);
    const retold = originals.filter((article) => {
      const words = article.text.split(/\s+/).length;
      const copies = sizes.get(article.cluster)! - 1;
      return words >= 150 && words <= 400 && copies >= 2 && copies <= 5;
    });
    assert.ok(retold.filter((article) => article.language === 'en').length >= 12, 'English stories');
    assert.ok(retold.filter((article) => article.language === 'ru').length >= 2, 'Russian stories');
    const storiesPerTopic = new Map<string, number>();
    for (const article of originals)
      storiesPerTopic.set(article.topic, (storiesPerTopic.get(article.topic) ?? 0) + 1);
    const topicPairs = [...storiesPerTopic.values()].reduce(
      (sum, count) => sum + (count * (count - 1)) / 2,
      0,
    );
    assert.ok(topicPairs >= 10, `${topicPairs} same-topic pairs of different stories`);
  });

  it('groups copies with pairwise precision ≥ 0.99 and recall ≥ 0.95 in every arrival order', (t) => {
    const runs = orderSeeds.map((seed) => clusterStream(articles, fingerprints, seed).quality);
    for (const [i, quality] of runs.entries()) t.diagnostic(describeQuality(orderSeeds[i]!, quality));
    const mean = (pick: (q: ClusteringQuality) => number) =>
      runs.reduce((sum, q) => sum + pick(q), 0) / runs.length;
    t.diagnostic(
      `mean precision ${mean((q) => q.precision).toFixed(3)}, mean recall ${mean((q) => q.recall).toFixed(3)}, ` +
        `${mean((q) => q.candidatesPerArticle).toFixed(2)} candidates an article (${mean((q) => q.falseCandidatesPerArticle).toFixed(2)} from other stories)`,
    );
    for (const [i, quality] of runs.entries()) {
      assert.ok(quality.precision >= 0.99, describeQuality(orderSeeds[i]!, quality));
      assert.ok(quality.recall >= 0.95, describeQuality(orderSeeds[i]!, quality));
      assert.equal(quality.mergedTopicPairs, 0, describeQuality(orderSeeds[i]!, quality));
    }
    assert.ok(mean((q) => q.recall) >= 0.97);
  });

  it('reaches recall ≥ 0.99 when the clusters a new article bridges are merged', (t) => {
    for (const seed of orderSeeds) {
      const { quality } = clusterStream(articles, fingerprints, seed, { mergeBridged: true });
      t.diagnostic(`merged, ${describeQuality(seed, quality)}`);
      assert.ok(quality.precision >= 0.99 && quality.recall >= 0.99, describeQuality(seed, quality));
    }
  });

  it('signs a 600-word article in milliseconds, into 524 bytes', (t) => {
    const text = articles
      .map((article) => article.text)
      .join('\n\n')
      .split(/\s+/)
      .slice(0, 600)
      .join(' ');
    for (let i = 0; i < 30; i++) fingerprintArticle({ text });
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      fingerprintArticle({ text });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[100]!;
    const bytes = encodeFingerprint(fingerprintArticle({ text })).byteLength;
    t.diagnostic(
      `signing 600 words: median ${median.toFixed(3)} ms, p90 ${times[180]!.toFixed(3)} ms; fingerprint ${bytes} bytes`,
    );
    assert.equal(bytes, 12 + 128 * 4);
    // Generous: the machine may be busy; a regression to per-shingle string work or a slower hash shows up as tens of ms.
    assert.ok(median < 10, `median ${median.toFixed(2)} ms`);
  });
});
