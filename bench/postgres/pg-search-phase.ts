/**
 * The query half of the PostgreSQL benchmark: every query through wirewatch (parse, PostgresStore.search,
 * snippets — what a front end calls, as in the SQLite bench) and as the hand-written SQL of
 * pg-raw-sql.ts, on the same database in the same process. The two sides alternate which goes first
 * from run to run, so that neither always finds the caches the other just warmed.
 */
import pg from 'pg';
import { searchArticles } from '../../src/search/search-articles.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { type Percentiles, percentiles, timeMs } from '../latency.ts';
import type { PgBenchQuery } from './pg-bench-queries.ts';
import { pgRawStatements, runPgRawPage } from './pg-raw-sql.ts';

/** One query's figures. */
export interface PgQueryResult {
  name: string;
  class: string;
  query: string;
  sort: string;
  page: number;
  total: number;
  rawTotal: number;
  /** True when both sides returned the same ids in the same order. */
  sameIds: boolean;
  ours: Percentiles;
  raw: Percentiles;
}

/** Times every query `runs` times each way (after one untimed warm-up run) on the archive at `url`. */
export async function pgSearchPhase(
  url: string,
  queries: PgBenchQuery[],
  runs: number,
): Promise<PgQueryResult[]> {
  const store = await openPostgresStore({ url, mustExist: true });
  // The baseline's pool: as many connections as the store's, in the same session time zone.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c TimeZone=UTC' });
  // As the store's pool does: an idle connection the server drops must not end the process; the next
  // query on it fails and says why.
  pool.on('error', () => {});
  try {
    const results: PgQueryResult[] = [];
    for (const query of queries) {
      const statements = pgRawStatements(query.pg);
      const ours: number[] = [];
      const direct: number[] = [];
      let ourIds: number[] = [];
      let rawIds: number[] = [];
      let total = 0;
      let rawTotal = 0;
      const runOurs = () =>
        timeMs(async () => {
          const page = await searchArticles(store, {
            q: query.query,
            sort: query.sort,
            page: query.page,
            perPage: 10,
          });
          total = page.total;
          ourIds = page.hits.map((hit) => hit.id);
        });
      const runRaw = () =>
        timeMs(async () => {
          const page = await runPgRawPage(pool, statements);
          rawTotal = page.total;
          rawIds = page.ids;
        });
      for (let run = 0; run <= runs; run++) {
        const oursFirst = run % 2 === 0;
        const first = await (oursFirst ? runOurs() : runRaw());
        const second = await (oursFirst ? runRaw() : runOurs());
        // The first run warms caches and connections for both sides; it is not counted.
        if (run > 0) {
          ours.push(oursFirst ? first : second);
          direct.push(oursFirst ? second : first);
        }
      }
      results.push({
        name: query.name,
        class: query.class,
        query: query.query,
        sort: query.sort,
        page: query.page,
        total,
        rawTotal,
        sameIds: ourIds.length === rawIds.length && ourIds.every((id, index) => id === rawIds[index]),
        ours: percentiles(ours),
        raw: percentiles(direct),
      });
    }
    return results;
  } finally {
    await pool.end();
    await store.close();
  }
}
