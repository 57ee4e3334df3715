/**
 * createWorkerEnricher with a real worker thread and the shipped gazetteer (from a real SQLite archive):
 * it finds exactly what the same Enricher finds on this thread, keeps batch order, and once its worker
 * is gone (a batch past its time limit, close()) every batch rejects with ENRICH_WORKER_FAILED at once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSampleArticles } from '../../test/support/sample-articles.ts';
import type { ArticleToEnrich, StoredEntity } from '../store/enrichment.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { ensureShippedGazetteer } from './enrich-archive.ts';
import { createWorkerEnricher } from './enrich-in-worker.ts';
import { createEnricher } from './enricher.ts';
import { loadMorphology } from './recognise/morphology.ts';

const isWorkerFailure = (error: unknown) => (error as { code?: string }).code === 'ENRICH_WORKER_FAILED';

describe('enrichment in a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirewatch-enrich-worker-'));
  let store: SqliteStore;
  let entities: StoredEntity[];
  let version: number;
  const articles: ArticleToEnrich[] = loadSampleArticles().map((article, i) => ({
    id: i + 1,
    title: article.title,
    text: article.text ?? '',
    language: article.language ?? null,
    publishedAt: article.publishedAt ?? null,
  }));

  before(async () => {
    store = await openSqliteStore({ path: join(dir, 'archive.db') });
    version = (await ensureShippedGazetteer(store)).version;
    entities = await store.enrichment.listEntities();
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds what the same enricher finds on this thread, batch after batch, in order', async () => {
    const here = createEnricher(entities, version, undefined, await loadMorphology());
    const worker = createWorkerEnricher(entities, version);
    try {
      assert.equal(worker.version, version);
      const halves = [articles.slice(0, 7), articles.slice(7)];
      const [first, second] = await Promise.all(halves.map((half) => worker.enrichBatch(half)));
      const found = [...first!, ...second!];
      assert.deepEqual(
        found,
        articles.map((article) => here.enrich(article)),
      );
      assert.ok(
        found.some((finding) => finding.mentions.length > 0),
        'the sample names entities of the gazetteer',
      );
    } finally {
      await worker.close();
    }
  });

  it('stops a batch past its time limit, and is spent after it', async () => {
    const worker = createWorkerEnricher(entities, version, { timeoutMs: 1 });
    const many = Array.from({ length: 40 }, () => articles).flat();
    await assert.rejects(worker.enrichBatch(many), (error) => {
      assert.ok(isWorkerFailure(error));
      assert.match((error as Error).message, /took longer than 1 ms/);
      return true;
    });
    await assert.rejects(worker.enrichBatch(articles.slice(0, 1)), isWorkerFailure);
    await worker.close();
  });

  it('rejects every batch after close()', async () => {
    const worker = createWorkerEnricher(entities, version);
    await worker.close();
    await assert.rejects(worker.enrichBatch(articles.slice(0, 1)), isWorkerFailure);
  });
});
