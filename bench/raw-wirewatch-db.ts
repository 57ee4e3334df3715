/**
 * Builds a database with wirewatch's real schema straight from generated articles, without going
 * through wirewatch's store: the fixture the raw-SQL query baselines run against in tests, and a
 * way to get a comparable archive when the store itself is what is being debugged.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { slugifySourceName } from '../src/store/prepare-article.ts';
import { migration001 } from '../src/store/sqlite/migrations/001-initial.ts';
import type { BenchArticle } from './corpus/generate-corpus.ts';

/** Creates (replacing any file there) a wirewatch-schema database at `dbPath` holding `articles`. */
export function createWirewatchSchemaDb(dbPath: string, articles: Iterable<BenchArticle>): Database.Database {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(migration001.sql);
  const insertSource = db
    .prepare('INSERT INTO sources (name, slug, created_at) VALUES (?, ?, ?) RETURNING id')
    .pluck();
  const insertArticle = db.prepare(
    `INSERT INTO articles (source_id, url, canonical_url, content_hash, title, author, published_at, fetched_at, language, text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sourceIds = new Map<string, number>();
  const insertBatch = db.transaction((batch: BenchArticle[]) => {
    for (const article of batch) {
      let sourceId = sourceIds.get(article.source);
      if (sourceId === undefined) {
        sourceId = insertSource.get(
          article.source,
          slugifySourceName(article.source),
          article.publishedAt,
        ) as number;
        sourceIds.set(article.source, sourceId);
      }
      // The URL is unique per article, so it doubles as the identity the content hash would give.
      insertArticle.run(
        sourceId,
        article.url,
        article.url,
        article.url,
        article.title,
        article.author,
        article.publishedAt,
        article.publishedAt,
        article.language,
        article.text,
      );
    }
  });
  let batch: BenchArticle[] = [];
  for (const article of articles) {
    batch.push(article);
    if (batch.length === 500) {
      insertBatch(batch);
      batch = [];
    }
  }
  insertBatch(batch);
  return db;
}
