/**
 * The story-cluster part of the Store contract (src/store/clusters.ts), run by store-contract.ts on
 * every implementation: fingerprints and band keys in, candidates out, placing, merging, sizes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseQuery } from '../../src/search/query-parser.ts';
import type { Store } from '../../src/store/store.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

/** Runs the cluster tests on stores from `openEmpty`. */
export function runClusterContract(openEmpty: () => Promise<Store>): void {
  describe('story clusters (fingerprints, candidates, placing)', () => {
    let store: Store;
    let ids: number[];
    before(async () => {
      store = await openEmpty();
      const outcomes = await store.addArticles(
        ['Wire', 'Herald', 'Valley', 'Herald'].map((source, i) => ({
          source,
          title: `Story copy ${i + 1}`,
          text: `The body of copy ${i + 1}.`,
          url: `https://copies.example/${i + 1}`,
          publishedAt: `2025-05-0${i + 1}T08:00:00Z`,
        })),
      );
      ids = outcomes.map((outcome) => (outcome as { id: number }).id);
    });
    after(async () => store.close());

    it('lists the articles never placed, in id order, from a given id', async () => {
      assert.deepEqual(
        (await store.clusters.unplaced(0, 10)).map((a) => [a.id, a.title]),
        ids.map((id, i) => [id, `Story copy ${i + 1}`]),
      );
      assert.deepEqual(
        (await store.clusters.unplaced(ids[1]!, 1)).map((a) => a.id),
        [ids[2]],
      );
      assert.equal((await store.getArticle(ids[0]!))?.clusterId, null);
    });

    it('finds placed articles by any shared band key, with their fingerprint bytes and cluster', async () => {
      const [a, b, c] = ids as [number, number, number];
      await store.clusters.place({
        articleId: a,
        clusterId: a,
        fingerprint: bytes(1, 2, 3),
        bandKeys: ['k1', 'k2'],
      });
      await store.clusters.place({
        articleId: b,
        clusterId: a,
        fingerprint: bytes(4, 5),
        bandKeys: ['k2', 'k3'],
      });
      await store.clusters.place({ articleId: c, clusterId: c, fingerprint: bytes(6), bandKeys: ['k9'] });

      const found = await store.clusters.candidates(['k1', 'k3', 'nothing'], 10);
      assert.deepEqual(
        found.map((x) => [x.articleId, x.clusterId, [...x.fingerprint]]),
        [
          [b, a, [4, 5]],
          [a, a, [1, 2, 3]],
        ],
        'newest first, each article once',
      );
      assert.equal(found[0]!.sourceId, (await store.getArticle(b))!.sourceId);
      assert.equal((await store.clusters.candidates(['k2'], 1)).length, 1, 'the limit holds');
      assert.deepEqual(await store.clusters.candidates([], 10), []);
      assert.equal((await store.getArticle(b))?.clusterId, a);
      assert.deepEqual(
        (await store.clusters.unplaced(0, 10)).map((x) => x.id),
        [ids[3]],
      );
    });

    it('merges the clusters a new copy bridges, and counts articles and outlets', async () => {
      const [a, b, c, d] = ids as [number, number, number, number];
      await store.clusters.place({
        articleId: d,
        clusterId: a,
        fingerprint: bytes(7),
        bandKeys: ['k3', 'k9'],
        mergeClusterIds: [c],
      });
      assert.deepEqual(
        (await store.clusters.members(a)).map((m) => [m.id, m.source]),
        [
          [a, 'Wire'],
          [b, 'Herald'],
          [c, 'Valley'],
          [d, 'Herald'],
        ],
      );
      assert.deepEqual(await store.clusters.members(c), []);
      assert.deepEqual([...(await store.clusters.sizes([a, c, a, -4]))], [[a, { articles: 4, sources: 3 }]]);
      const hit = await store.search({ query: parseQuery('copy'), sort: 'oldest', page: 1, perPage: 10 });
      assert.deepEqual(
        hit.hits.map((h) => h.article.clusterId),
        [a, a, a, a],
        'search hits carry their cluster',
      );
    });

    it('places an article again without keeping its old keys', async () => {
      const [a] = ids as [number];
      await store.clusters.place({ articleId: a, clusterId: a, fingerprint: bytes(9), bandKeys: ['k5'] });
      assert.deepEqual(
        (await store.clusters.candidates(['k1'], 10)).map((x) => x.articleId),
        [],
      );
      assert.deepEqual(
        (await store.clusters.candidates(['k5'], 10)).map((x) => [x.articleId, [...x.fingerprint]]),
        [[a, [9]]],
      );
    });

    it('prunes the keys of old articles, which stay placed and in their cluster', async () => {
      const [a, b, , d] = ids as [number, number, number, number];
      // Published 1 to 4 May: the first two are older than the 3rd.
      assert.equal(await store.clusters.pruneIndex('2025-05-03T00:00:00.000Z'), 2);
      assert.deepEqual(await store.clusters.candidates(['k5', 'k2'], 10), []);
      assert.deepEqual(
        (await store.clusters.candidates(['k3'], 10)).map((x) => x.articleId),
        [d],
      );
      assert.deepEqual(await store.clusters.unplaced(0, 10), [], 'pruned articles are not placed again');
      assert.equal((await store.getArticle(b))?.clusterId, a);
      assert.equal((await store.clusters.members(a)).length, 4);
      assert.equal(await store.clusters.pruneIndex('2025-05-03T00:00:00.000Z'), 0, 'nothing left to prune');
    });
  });
}
