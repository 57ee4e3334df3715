/**
 * The query half of the benchmark, run in its own process so that its peak RSS is the search
 * process's own. Each query runs through wirewatch (parse, plan, FTS5, snippets) and as hand-written
 * SQL on the same file, interleaved so that machine noise hits both alike. Prints JSON on stdout.
 */
import Database from 'better-sqlite3';
import { searchArticles } from '../src/search/search-articles.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
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
await store.close();
raw.close();
process.stdout.write(JSON.stringify({ results, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
