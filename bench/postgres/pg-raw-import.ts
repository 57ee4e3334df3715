/**
 * The import baseline on PostgreSQL: the same corpus written into the same tables (wirewatch's own
 * migration made them, so the generated tsvector, the GIN index and the unique indexes cost the same)
 * with the plainest fast SQL a developer would write through `pg`: one `INSERT … SELECT FROM unnest(…)`
 * of 500 rows per statement, each its own transaction as wirewatch's batches are. No dedup lookups, no
 * RETURNING, no savepoints, no worker thread; the next batch is parsed while the server writes this one.
 * COPY FROM STDIN (pg-copy-streams) would be no faster: in a trial, 20,000 articles took 29.5 s by
 * COPY and 29.7 s this way, since the server's tsvector and GIN work is nearly all of the cost.
 */
import { slugifySourceName } from '../../src/store/prepare-article.ts';
import type { BenchArticle } from '../corpus/generate-corpus.ts';
import { readJsonlLines } from '../corpus/read-jsonl.ts';
import { benchClient } from './pg-databases.ts';

/** Rows per statement (and transaction), as in the SQLite baseline and wirewatch's default batch. */
export const pgRawImportBatch = 500;

// The URL stands in for its canonical form (the corpus's URLs are canonical already) and the server
// hashes the text for content_hash (NOT NULL): the same columns filled, with the least work for them.
const insertSql = `INSERT INTO articles (source_id, url, canonical_url, content_hash, title, author, published_at, fetched_at, language, text)
  SELECT r.source_id, r.url, r.url, md5(r.text), r.title, r.author, r.published_at, now(), r.language, r.text
  FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
    AS r(source_id, url, title, author, published_at, language, text)`;

/**
 * Inserts every article of `jsonlPath` into the (migrated, empty) archive at `url`. Timed from
 * connecting to the last commit.
 */
export async function rawPostgresImport(
  jsonlPath: string,
  url: string,
): Promise<{ articles: number; seconds: number }> {
  const started = performance.now();
  const client = benchClient(url);
  await client.connect();
  try {
    const sourceIds = new Map<string, number>();
    const sourceId = async (name: string): Promise<number> => {
      const known = sourceIds.get(name);
      if (known !== undefined) return known;
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO sources (name, slug, created_at) VALUES ($1, $2, now()) RETURNING id',
        [name, slugifySourceName(name)],
      );
      const id = Number(rows[0]!.id);
      sourceIds.set(name, id);
      return id;
    };
    const lines = readJsonlLines(jsonlPath);
    let articles = 0;
    let writing: Promise<unknown> = Promise.resolve();
    for (;;) {
      const batch: BenchArticle[] = [];
      // next() rather than for…of, whose break would close the generator after the first batch.
      for (let line = lines.next(); !line.done; line = lines.next()) {
        batch.push(JSON.parse(line.value) as BenchArticle);
        if (batch.length === pgRawImportBatch) break;
      }
      await writing;
      if (batch.length === 0) break;
      const sources: number[] = [];
      for (const article of batch) sources.push(await sourceId(article.source));
      writing = client.query(insertSql, [
        sources,
        batch.map((a) => a.url),
        batch.map((a) => a.title),
        batch.map((a) => a.author),
        batch.map((a) => a.publishedAt),
        batch.map((a) => a.language),
        batch.map((a) => a.text),
      ]);
      articles += batch.length;
    }
    return { articles, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
