/**
 * Where a common-word query spends its time on PostgreSQL (direct SQL, p50 ms), as the SQLite bench
 * breaks down FTS5's: the exact count as the planner runs it, the same count forced through the GIN
 * index, the top ten by ts_rank_cd, and ts_headline of those ten. The planner prices `vector @@ query`
 * as a cheap filter, without the cost of reading each row's TOASTed tsvector, so for words in most
 * articles it prefers a sequential scan that reads every vector; the GIN bitmap needs none of them
 * (a plain word's match is exact, nothing to recheck). The two counts side by side show what that costs.
 */
import { percentiles, timeMs } from '../latency.ts';
import type { PgBenchQuery } from './pg-bench-queries.ts';
import { benchClient } from './pg-databases.ts';

/** One query's steps, p50 ms each. */
export interface PgBreakdown {
  query: string;
  countMs: number;
  countThroughGinMs: number;
  topTenByRankMs: number;
  headlineTenMs: number;
}

const config = `'wirewatch_text'`;
const headlineOptions = 'StartSel=\u0002, StopSel=\u0003, HighlightAll=true';

/** Times each step `runs` times (after one warm-up) for every query of class `common`. */
export async function pgBreakdown(
  url: string,
  queries: PgBenchQuery[],
  runs: number,
): Promise<PgBreakdown[]> {
  const planned = benchClient(url);
  // A session of its own, so that the planner setting touches nothing else.
  const throughGin = benchClient(url);
  await planned.connect();
  await throughGin.connect();
  try {
    await throughGin.query('SET enable_seqscan = off');
    const step = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let run = 0; run <= runs; run++) {
        const ms = await timeMs(work);
        if (run > 0) samples.push(ms);
      }
      return percentiles(samples).p50;
    };
    const results: PgBreakdown[] = [];
    for (const query of queries.filter((each) => each.class === 'common')) {
      const tsquery = query.pg.tsquery!;
      const count = `SELECT count(*)::int AS n FROM articles a WHERE a.search_vector @@ to_tsquery(${config}, $1)`;
      const topTen = `SELECT a.id FROM articles a, to_tsquery(${config}, $1) q WHERE a.search_vector @@ q
        ORDER BY ts_rank_cd('{0.25, 0.25, 0.25, 1.0}', a.search_vector, q, 8) DESC, a.id LIMIT 10`;
      const ids = (await planned.query<{ id: string }>(topTen, [tsquery])).rows.map((row) => row.id);
      const headline = `SELECT ts_headline(${config}, a.title, q, $3), ts_headline(${config}, a.text, q, $3)
        FROM articles a, to_tsquery(${config}, $2) q WHERE a.id = ANY($1::bigint[])`;
      results.push({
        query: query.query,
        countMs: await step(() => planned.query(count, [tsquery])),
        countThroughGinMs: await step(() => throughGin.query(count, [tsquery])),
        topTenByRankMs: await step(() => planned.query(topTen, [tsquery])),
        headlineTenMs: await step(() => planned.query(headline, [ids, tsquery, headlineOptions])),
      });
    }
    return results;
  } finally {
    await planned.end();
    await throughGin.end();
  }
}
