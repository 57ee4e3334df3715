/**
 * The PostgreSQL baselines answer what wirewatch answers: for every benchmark query, the hand-written
 * SQL counts the same articles and returns the same page in the same order as PostgresStore, on 2,000
 * generated articles; and the plain-SQL import fills the same tables with the whole corpus.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { searchArticles } from '../../src/search/search-articles.ts';
import { openPostgresPool } from '../../src/store/postgres/open-postgres.ts';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { testDatabases } from '../../test/support/test-postgres.ts';
import { generateArticles, writeCorpusJsonl } from '../corpus/generate-corpus.ts';
import { pgBenchQueries } from './pg-bench-queries.ts';
import { rawPostgresImport } from './pg-raw-import.ts';
import { pgRawStatements, runPgRawPage } from './pg-raw-sql.ts';

const count = 2_000;
const databases = await testDatabases();

describe('the PostgreSQL benchmark baselines', { skip: databases.skip }, () => {
  let store: PostgresStore;
  let pool: pg.Pool;
  let directory: string;

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-pg-baseline-'));
    const url = await databases.create();
    store = await openPostgresStore({ url });
    const articles = [...generateArticles(count, 42)];
    for (let start = 0; start < articles.length; start += 500) {
      await store.addArticles(articles.slice(start, start + 500));
    }
    pool = new pg.Pool({ connectionString: url, max: 4, options: '-c TimeZone=UTC' });
    // pool.end() resolves before its sockets close; the database dropped just after the tests ends
    // them with an error that, unheard, would fail the file (the store's pool listens likewise).
    pool.on('error', () => {});
  });

  after(async () => {
    // Fresh statistics leave autovacuum nothing to do here: a worker busy on the database when it is
    // dropped makes DROP DATABASE … WITH (FORCE) fail (42501), since the test role may not end it.
    await pool?.query('VACUUM ANALYZE articles');
    await pool?.end();
    await store?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers every query with wirewatch’s count and page', async () => {
    for (const query of pgBenchQueries()) {
      const ours = await searchArticles(store, {
        q: query.query,
        sort: query.sort,
        page: query.page,
        perPage: 10,
      });
      const raw = await runPgRawPage(pool, pgRawStatements(query.pg));
      assert.equal(raw.total, ours.total, `${query.name}: count`);
      assert.deepEqual(
        raw.ids,
        ours.hits.map((hit) => hit.id),
        `${query.name}: page`,
      );
    }
  });

  it('imports the whole corpus into wirewatch’s tables with plain SQL', async () => {
    const jsonl = join(directory, 'corpus.jsonl');
    writeCorpusJsonl(jsonl, count, 42);
    const url = await databases.create();
    await (await openPostgresPool({ url })).end();
    const result = await rawPostgresImport(jsonl, url);
    assert.equal(result.articles, count);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number; sources: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT source_id)::int AS sources FROM articles',
      );
      assert.equal(rows[0]!.n, count);
      assert.ok(rows[0]!.sources > 10, `${rows[0]!.sources} sources`);
      await client.query('VACUUM ANALYZE articles'); // as in after(): nothing left for autovacuum
    } finally {
      await client.end();
    }
  });
});
