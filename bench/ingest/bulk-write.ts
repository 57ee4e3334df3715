/**
 * The write baseline: the same articles a fetch pass archives (bench-feeds.ts, the same fields),
 * written straight into a fresh archive with store.addArticles in batches of 500, one transaction
 * each, as a bulk import writes. Building the articles is left out of the time; only the writes count.
 * No placement into story clusters here: the pass's placement is reported on its own.
 */
import type { NewArticle } from '../../src/core/article.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { benchFeedItems, benchNewArticle } from './bench-feeds.ts';

/** Articles per write. */
export const bulkBatchSize = 500;

/** What the bulk write did. */
export interface BulkWriteResult {
  articles: number;
  inserted: number;
  ms: number;
  cpuSeconds: number;
}

/** Writes the bench's feeds×items articles into a new archive at `path` (which must not exist yet). */
export async function timeBulkWrite(options: {
  path: string;
  port: number;
  feeds: number;
  items: number;
  seed: number;
}): Promise<BulkWriteResult> {
  const store = await openSqliteStore({ path: options.path });
  const result: BulkWriteResult = { articles: 0, inserted: 0, ms: 0, cpuSeconds: 0 };
  const fetchedAt = new Date().toISOString();
  let batch: NewArticle[] = [];
  const write = async () => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const outcomes = await store.addArticles(batch);
    result.ms += performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    result.cpuSeconds += (cpu.user + cpu.system) / 1e6;
    result.articles += batch.length;
    result.inserted += outcomes.filter((outcome) => outcome.status === 'inserted').length;
    batch = [];
  };
  try {
    for (const entry of benchFeedItems(options.feeds, options.items, options.seed)) {
      batch.push(benchNewArticle(options.port, entry, fetchedAt));
      if (batch.length === bulkBatchSize) await write();
    }
    if (batch.length > 0) await write();
  } finally {
    await store.close();
  }
  return result;
}
