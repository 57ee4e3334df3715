import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { loadSampleArticles } from '../../../test/support/sample-articles.ts';
import { describeIngestEnrichment, type EnricherCache, enrichAfterIngest } from './enrich-after-ingest.ts';

describe('enrichAfterIngest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirewatch-enrich-after-ingest-'));
  let store: SqliteStore;
  // 42 copies of the 14 sample articles: 588, more than one batch of 500.
  const articles = Array.from({ length: 42 }, (_, copy) =>
    loadSampleArticles().map((article, i) => ({
      ...article,
      url: `https://copies.example/${copy}/${i}`,
      text: `${article.text} (copy ${copy})`,
    })),
  ).flat();

  before(async () => {
    store = await openSqliteStore({ path: join(dir, 'archive.db') });
    await store.addArticles(articles);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops after the batch in progress when its signal is aborted, and the next run takes the rest', async () => {
    const stop = new AbortController();
    stop.abort();
    const cache: EnricherCache = {};
    const first = await enrichAfterIngest(store, { signal: stop.signal, cache });
    assert.ok(first.ok);
    assert.deepEqual([first.enriched, first.stopped, first.gazetteerLoaded], [500, true, true]);
    assert.match(describeIngestEnrichment(first), /^500 articles enriched in .*stopped before the end/);
    assert.equal(await store.enrichment.countToEnrich(first.version), articles.length - 500);
    const builtOnce = cache.enricher;
    const rest = await enrichAfterIngest(store, { cache });
    assert.ok(rest.ok);
    assert.deepEqual(
      [rest.enriched, rest.stopped, rest.gazetteerLoaded],
      [articles.length - 500, false, false],
    );
    assert.equal(cache.enricher, builtOnce, 'the enricher is kept while the gazetteer version stays');
    assert.equal(await store.enrichment.countToEnrich(rest.version), 0);
  });
});
