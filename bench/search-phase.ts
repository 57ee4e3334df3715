/**
 * The query half of the benchmark, run in its own process so that its peak RSS is the search
 * process's own. Each query runs through wirewatch (parse, plan, FTS5, snippets) and as hand-written
 * SQL on the same file, interleaved so that machine noise hits both alike. Prints JSON on stdout.
 */
import Database from 'better-sqlite3';
import { planQuery } from '../src/search/plan-query.ts';
import { parseQuery } from '../src/search/query-parser.ts';
import { searchArticles } from '../src/search/search-articles.ts';
import { translateToFts5 } from '../src/search/translate-fts5.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { measureDeepPages } from './deep-pages.ts';
import { percentiles, timeMs } from './latency.ts';
import { benchQueries } from './raw-baseline.ts';

const [dbPath, runsArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: search-phase.ts DB [RUNS]');
const runs = Number(runsArg ?? 15);

const store = await openSqliteStore({ path: dbPath, mustExist: true });
const raw = new Database(dbPath, { readonly: true });
const results = [];
for (const query of benchQueries) {
  const ours: number[] = [];
  const direct: number[] = [];
  let total = 0;
  let rawTotal = 0;
  for (let run = 0; run <= runs; run++) {
    const oursMs = await timeMs(async () => {
      total = (
        await searchArticles(store, { q: query.query, sort: query.sort, page: query.page ?? 1, perPage: 10 })
      ).total;
    });
    const rawMs = await timeMs(() => {
      rawTotal = query.raw(raw).total;
    });
    // The first run warms caches and prepares statements for both sides; it is not counted.
    if (run > 0) {
      ours.push(oursMs);
      direct.push(rawMs);
    }
  }
  results.push({
    name: query.name,
    class: query.class,
    query: query.query,
    total,
    rawTotal,
    ours: percentiles(ours),
    raw: percentiles(direct),
  });
}
// Where the time of a common-word query goes: FTS5 walks every match to count it, and computes bm25()
// for every match before it can return the best ten.
const breakdown = [];
for (const query of benchQueries.filter((q) => q.class === 'common')) {
  const plan = planQuery(parseQuery(query.query));
  const match = translateToFts5(plan.include, plan.exclude);
  const step = async (sql: string, ...params: unknown[]) => {
    const statement = raw.prepare(sql);
    const samples: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const ms = await timeMs(() => statement.all(...params));
      if (run > 0) samples.push(ms);
    }
    return percentiles(samples).p50;
  };
  const top = raw
    .prepare('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10')
    .pluck()
    .all(match) as number[];
  const highlight = raw.prepare(
    'SELECT highlight(articles_fts, 1, char(2), char(3)) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = CAST(? AS INTEGER)',
  );
  const step10Highlights = async () => {
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      samples.push(
        await timeMs(() => {
          for (const id of top) highlight.get(match, id);
        }),
      );
    }
    return percentiles(samples).p50;
  };
  breakdown.push({
    query: query.query,
    countMs: await step('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?', match),
    firstTenUnrankedMs: await step(
      'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 10',
      match,
    ),
    topTenByBm25Ms: await step(
      'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 10',
      match,
    ),
    highlightTenMs: await step10Highlights(),
  });
}
const deepPages = await measureDeepPages(store, runs);
await store.close();
raw.close();
process.stdout.write(
  JSON.stringify({ results, breakdown, deepPages, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
