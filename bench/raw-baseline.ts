/**
 * The baselines wirewatch is benchmarked against, using better-sqlite3 directly: the floor cost of
 * indexing (a bare FTS5 table fed from the same JSONL) and hand-written SQL for every benchmark query.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { BenchArticle } from './corpus/generate-corpus.ts';
import { readJsonlLines } from './corpus/read-jsonl.ts';

export { type BenchQuery, type BenchQueryClass, benchQueries } from './bench-queries.ts';
export { pageSize, type RawPageSpec, type RawResult, runRawPage } from './raw-sql.ts';

/** Rows per transaction in the import baseline. */
export const rawImportBatch = 500;

/**
 * Imports title and text of every article in `jsonlPath` into a bare FTS5 table in a fresh database
 * at `dbPath`, with wirewatch's pragmas and tokenizer: no metadata, no dedup, no triggers. Timed
 * from opening the file to the last commit.
 */
export function rawFtsImport(jsonlPath: string, dbPath: string): { articles: number; seconds: number } {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      "CREATE VIRTUAL TABLE raw_fts USING fts5(title, text, tokenize = 'porter unicode61 remove_diacritics 2')",
    );
    const insert = db.prepare('INSERT INTO raw_fts (title, text) VALUES (?, ?)');
    const insertBatch = db.transaction((rows: Array<[string, string]>) => {
      for (const [title, text] of rows) insert.run(title, text);
    });
    let articles = 0;
    let rows: Array<[string, string]> = [];
    for (const line of readJsonlLines(jsonlPath)) {
      const article = JSON.parse(line) as BenchArticle;
      rows.push([article.title, article.text]);
      if (rows.length === rawImportBatch) {
        insertBatch(rows);
        articles += rows.length;
        rows = [];
      }
    }
    insertBatch(rows);
    articles += rows.length;
    return { articles, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}
