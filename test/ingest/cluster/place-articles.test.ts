/**
 * Clustering through the store: the fixture set imported into a real SQLite archive (in the shuffled
 * order the quality test uses), then placed by placeUnplacedArticles, scored by pairs as the quality
 * test scores the detector alone.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { placeUnplacedArticles } from '../../../src/ingest/cluster/place-articles.ts';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { readFixtureArticles } from './cluster-stream.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-clusters-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** A seeded shuffle (mulberry32), so the arrival order is the same on every run. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('placing articles into story clusters through the store', () => {
  it('groups the copies of each story and keeps different stories apart, resumably', async () => {
    const fixtures = shuffled(readFixtureArticles(), 7);
    const store = await openSqliteStore({ path: join(directory, 'archive.db') });
    try {
      const outcomes = await store.addArticles(
        fixtures.map((article, i) => ({
          source: article.source,
          title: article.title,
          text: article.text,
          url: `https://fixtures.example/${i}`,
        })),
      );
      const labelOf = new Map(
        outcomes.map((outcome, i) => [(outcome as { id: number }).id, fixtures[i]!.cluster]),
      );
      assert.equal(labelOf.size, fixtures.length);

      // The newer half first, then the rest in a second pass (as after an interrupted pass), then nothing.
      const half = [...labelOf.keys()].sort((a, b) => a - b)[Math.floor(labelOf.size / 2)]!;
      const first = await placeUnplacedArticles(store, { afterId: half });
      const second = await placeUnplacedArticles(store);
      assert.equal(first.placed + second.placed, labelOf.size);
      assert.ok(first.placed > 0 && second.placed > 0);
      assert.equal((await placeUnplacedArticles(store)).placed, 0, 'nothing is placed twice');

      const clusterOf = new Map<number, number | null>();
      for (const id of labelOf.keys()) clusterOf.set(id, (await store.getArticle(id))!.clusterId);
      let expected = 0;
      let predicted = 0;
      let correct = 0;
      const ids = [...labelOf.keys()];
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const same = labelOf.get(ids[i]!) === labelOf.get(ids[j]!);
          const together = clusterOf.get(ids[i]!) === clusterOf.get(ids[j]!);
          if (same) expected++;
          if (together) predicted++;
          if (same && together) correct++;
        }
      }
      const precision = correct / predicted;
      const recall = correct / expected;
      process.stdout.write(
        `# clusters through the store: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${correct}/${predicted} pairs together, ${expected} expected), ${first.joined + second.joined} joined, ${first.merged + second.merged} merged\n`,
      );
      assert.ok(precision >= 0.99, `precision ${precision}`);
      assert.ok(recall >= 0.97, `recall ${recall}`);

      // The article page's view: every member of a story's cluster, and the sizes the results page shows.
      const someId = ids.find((id) => clusterOf.get(id) !== id)!;
      const cluster = clusterOf.get(someId)!;
      const members = await store.clusters.members(cluster);
      assert.ok(members.some((member) => member.id === someId));
      const sizes = await store.clusters.sizes([cluster]);
      assert.equal(sizes.get(cluster)?.articles, members.length);
    } finally {
      await store.close();
    }
  });
});
