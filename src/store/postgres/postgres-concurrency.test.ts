/**
 * Server mode under load and faults, on a real PostgreSQL server: many writers and readers at once
 * lose nothing and store nothing twice; a server that goes away mid-import costs no half-written batch,
 * and the same import run again once it is back adds exactly what was missing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { startCutProxy } from '../../../test/support/cut-proxy.ts';
import { testDatabases } from '../../../test/support/test-postgres.ts';
import type { NewArticle, WriteOutcome } from '../../core/article.ts';
import { isAppError } from '../../core/errors.ts';
import { importFile } from '../../ingest/bulk/import-file.ts';
import { parseQuery } from '../../search/query-parser.ts';
import { openPostgresStore } from './postgres-store.ts';

const databases = await testDatabases();
const directory = mkdtempSync(join(tmpdir(), 'wirewatch-pg-concurrency-'));
after(() => rmSync(directory, { recursive: true, force: true }));

async function countArticles(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** Article `i` of a set where every third one has no URL (identified by its text). */
function numbered(i: number): NewArticle {
  return {
    url: i % 3 === 0 ? null : `https://outlet${i % 7}.example/news/${i}`,
    source: `Outlet ${i % 7}`,
    title: `Report ${i} on security in the region`,
    publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
    text: `Article number ${i}. Security services in Osh detained suspects; officials in Tashkent commented.`,
  };
}

/** A deterministic shuffle (a different order per writer). */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('PostgreSQL under concurrent writers and readers', { skip: databases.skip }, () => {
  it('stores each article once, gives every writer the same id for it, and keeps readers answering', async () => {
    const url = await databases.create();
    const articles = Array.from({ length: 600 }, (_, i) => numbered(i));
    const writers = await Promise.all(
      Array.from({ length: 6 }, () => openPostgresStore({ url, poolSize: 2 })),
    );
    const reader = await openPostgresStore({ url, poolSize: 2 });
    let writing = true;
    const totalsSeen: number[] = [];
    const reading = (async () => {
      while (writing) {
        const page = await reader.search({
          query: parseQuery('security Osh'),
          sort: 'relevance',
          page: 1,
          perPage: 10,
        });
        totalsSeen.push(page.total);
      }
    })();
    const results = await Promise.all(
      writers.map(async (store, w) => {
        const order = shuffled(
          articles.map((article, index) => ({ article, index })),
          w + 1,
        );
        const outcomes = new Map<number, WriteOutcome>();
        for (let start = 0; start < order.length; start += 40) {
          const batch = order.slice(start, start + 40);
          const written = await store.addArticles(batch.map((item) => item.article));
          for (const [k, item] of batch.entries()) outcomes.set(item.index, written[k]!);
        }
        return outcomes;
      }),
    );
    writing = false;
    await reading;
    await Promise.all([...writers, reader].map((store) => store.close()));

    assert.equal(await countArticles(url), articles.length);
    for (let i = 0; i < articles.length; i++) {
      const forArticle = results.map((outcomes) => outcomes.get(i)!);
      const ids = new Set(forArticle.map((outcome) => ('id' in outcome ? outcome.id : -1)));
      assert.equal(ids.size, 1, `article ${i} got different ids: ${JSON.stringify(forArticle)}`);
      assert.equal(forArticle.filter((outcome) => outcome.status === 'inserted').length, 1, `article ${i}`);
    }
    assert.ok(totalsSeen.length > 0, 'the reader ran during the writes');
    assert.deepEqual(
      totalsSeen,
      [...totalsSeen].sort((a, b) => a - b),
      'totals only grow while writers commit',
    );
    assert.equal(totalsSeen.at(-1)! <= articles.length, true);
  });

  it('loses no committed batch and writes no half batch when the server goes away mid-import; a rerun completes it', async () => {
    const url = await databases.create();
    const file = join(directory, 'many.jsonl');
    const articles = Array.from({ length: 1500 }, (_, i) => numbered(i));
    writeFileSync(file, `${articles.map((article) => JSON.stringify(article)).join('\n')}\n`);
    const target = new URL(url);
    const proxy = await startCutProxy({ host: target.hostname, port: Number(target.port || 5432) });
    try {
      const store = await openPostgresStore({ url: proxy.proxiedUrl(url), connectTimeoutMs: 3000 });
      try {
        // Cut every connection once about a third of the file has gone up the wire.
        const cutAt = proxy.bytesUp + 200_000;
        proxy.whenUpstreamPasses(cutAt, () => void proxy.cut());
        await assert.rejects(importFile(store, file, { batchSize: 100 }), (error: unknown) => {
          assert.ok(isAppError(error), String(error));
          assert.equal(error.code, 'STORE_UNAVAILABLE');
          assert.match(error.message, /connection to PostgreSQL at 127\.0\.0\.1:\d+\/\S+ was lost/);
          return true;
        });
        const kept = await countArticles(url);
        assert.ok(kept > 0 && kept < articles.length, `kept ${kept}`);
        assert.equal(kept % 100, 0, 'only whole batches were committed');

        await proxy.restore();
        const rerun = await importFile(store, file, { batchSize: 100 });
        assert.equal(rerun.imported, articles.length - kept);
        assert.equal(rerun.duplicates, kept);
        assert.equal(await countArticles(url), articles.length);
      } finally {
        await store.close();
      }
    } finally {
      await proxy.close();
    }
  });
});
