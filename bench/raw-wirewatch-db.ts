/**
 * Builds a wirewatch archive from generated articles through the real store, then opens it with
 * better-sqlite3 directly: the fixture the raw-SQL query baselines run against in tests.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import type { BenchArticle } from './corpus/generate-corpus.ts';

/** Creates (replacing any file there) an archive at `dbPath` holding `articles`, opened for direct SQL. */
export async function createWirewatchSchemaDb(
  dbPath: string,
  articles: Iterable<BenchArticle>,
): Promise<Database.Database> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const store = await openSqliteStore({ path: dbPath });
  let batch: BenchArticle[] = [];
  for (const article of articles) {
    batch.push(article);
    if (batch.length === 500) {
      await store.addArticles(batch);
      batch = [];
    }
  }
  await store.addArticles(batch);
  await store.close();
  return new Database(dbPath);
}
