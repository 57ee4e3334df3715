/**
 * `npm run bench [-- --size 100000|1m] [--runs 15]` (the default --store sqlite of bench.ts): builds a
 * deterministic corpus, imports it through wirewatch and through bare FTS5, then times ~40 queries
 * through wirewatch and as direct SQL on the same file. Every figure is reported beside its baseline
 * from the same run, as a ratio, because these machines are noisy. Results go to stdout and
 * bench/out/results-<size>.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../src/ingest/bulk/import-file.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { runsOption, sizeOption } from './bench-args.ts';
import { writeCorpusJsonl } from './corpus/generate-corpus.ts';
import { type DeepPageResult, deepPagesTable } from './deep-pages.ts';
import type { Percentiles } from './latency.ts';
import { rawFtsImport } from './raw-baseline.ts';

const { size } = sizeOption();
const runs = runsOption();

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, 'out');
mkdirSync(out, { recursive: true });
const corpus = join(out, `corpus-${size}-seed42.jsonl`);
const rawDb = join(out, `raw-fts-${size}.db`);
const ourDb = join(out, `wirewatch-${size}.db`);
const log = (line: string) => process.stdout.write(`${line}\n`);
const removeDb = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};
const fileMb = (path: string) =>
  ['', '-wal'].reduce((sum, s) => sum + (existsSync(path + s) ? statSync(path + s).size : 0), 0) / 1_048_576;

log(`wirewatch benchmark: ${size} articles, ${runs} timed runs per query, node ${process.version}`);
if (!existsSync(corpus)) {
  const started = Date.now();
  const bytes = await writeCorpusJsonl(corpus, size, 42);
  log(
    `corpus: generated ${(bytes / 1_048_576).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

// Import both ways in the order A B B A (A B at 1M and over), so that a machine that speeds up or slows
// down during the run weighs on both sides alike; each side's rate is its total over its rounds.
const order = size >= 1_000_000 ? ['raw', 'ours'] : ['raw', 'ours', 'ours', 'raw'];
const spent = { raw: 0, ours: 0 };
const imported = { raw: 0, ours: 0 };
for (const side of order) {
  if (side === 'raw') {
    removeDb(rawDb);
    const raw = rawFtsImport(corpus, rawDb);
    spent.raw += raw.seconds;
    imported.raw += raw.articles;
    log(
      `import (bare FTS5 baseline): ${raw.articles} articles in ${raw.seconds.toFixed(1)} s = ${(raw.articles / raw.seconds).toFixed(0)} articles/s`,
    );
  } else {
    removeDb(ourDb);
    const store = await openSqliteStore({ path: ourDb });
    const started = process.hrtime.bigint();
    const summary = await importFile(store, corpus, {});
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await store.close();
    spent.ours += seconds;
    imported.ours += summary.imported;
    log(
      `import (wirewatch): ${summary.imported} articles in ${seconds.toFixed(1)} s = ${(summary.imported / seconds).toFixed(0)} articles/s`,
    );
  }
}
const rawRate = imported.raw / spent.raw;
const ourRate = imported.ours / spent.ours;
log(
  `import rate: wirewatch ${ourRate.toFixed(0)} articles/s, bare FTS5 ${rawRate.toFixed(0)} articles/s, ratio ${(ourRate / rawRate).toFixed(2)} (target >= 0.70)`,
);
log(
  `database size: wirewatch ${fileMb(ourDb).toFixed(0)} MB, bare FTS5 ${fileMb(rawDb).toFixed(0)} MB, corpus ${(statSync(corpus).size / 1_048_576).toFixed(0)} MB`,
);

const phase = execFileSync(
  process.execPath,
  ['--import', 'tsx', join(here, 'search-phase.ts'), ourDb, String(runs)],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const { results, breakdown, deepPages, maxRssMb } = JSON.parse(phase) as {
  maxRssMb: number;
  deepPages: DeepPageResult[];
  breakdown: Array<{
    query: string;
    countMs: number;
    firstTenUnrankedMs: number;
    topTenByBm25Ms: number;
    highlightTenMs: number;
  }>;
  results: Array<{
    name: string;
    class: string;
    query: string;
    total: number;
    rawTotal: number;
    ours: Percentiles;
    raw: Percentiles;
  }>;
};

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
log(
  '\n| query | class | hits | wirewatch p50 / p95 / p99 ms | direct SQL p50 / p95 / p99 ms | ratio p50 | ratio p95 |',
);
log('|---|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  const warn = r.total !== r.rawTotal ? ` (direct SQL counted ${r.rawTotal})` : '';
  log(
    `| \`${r.query.replaceAll('|', '\\|')}\` | ${r.class} | ${r.total}${warn} | ${ms(r.ours.p50)} / ${ms(r.ours.p95)} / ${ms(r.ours.p99)} | ${ms(r.raw.p50)} / ${ms(r.raw.p95)} / ${ms(r.raw.p99)} | ${(r.ours.p50 / r.raw.p50).toFixed(2)} | ${(r.ours.p95 / r.raw.p95).toFixed(2)} |`,
  );
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const byClass = new Map<string, typeof results>();
for (const r of results) byClass.set(r.class, [...(byClass.get(r.class) ?? []), r]);
log(
  '\n| class | queries | sum of p50 ms (wirewatch / direct) | ratio | sum of p95 ms (wirewatch / direct) | ratio |',
);
log('|---|---:|---:|---:|---:|---:|');
for (const [name, group] of byClass) {
  const o50 = sum(group.map((r) => r.ours.p50));
  const r50 = sum(group.map((r) => r.raw.p50));
  const o95 = sum(group.map((r) => r.ours.p95));
  const r95 = sum(group.map((r) => r.raw.p95));
  log(
    `| ${name} | ${group.length} | ${ms(o50)} / ${ms(r50)} | ${(o50 / r50).toFixed(2)} | ${ms(o95)} / ${ms(r95)} | ${(o95 / r95).toFixed(2)} |`,
  );
}
const all50 = sum(results.map((r) => r.ours.p50)) / sum(results.map((r) => r.raw.p50));
const all95 = sum(results.map((r) => r.ours.p95)) / sum(results.map((r) => r.raw.p95));
const over = results
  .filter((r) => r.ours.p50 / r.raw.p50 > 1.3 || r.ours.p95 / r.raw.p95 > 1.3)
  .map((r) => r.name);
log(
  `\nall queries: p50 ratio ${all50.toFixed(2)}, p95 ratio ${all95.toFixed(2)} (target <= 1.30 each); over 1.3 on their own: ${over.length === 0 ? 'none' : over.join(', ')}`,
);
log('\nwhere a common-word query spends its time (direct SQL, p50 ms):');
log(
  '| query | count(*) of all matches | first 10 matches, unranked | top 10 by bm25 | highlight() of 10 hits |',
);
log('|---|---:|---:|---:|---:|');
for (const b of breakdown) {
  log(
    `| \`${b.query}\` | ${ms(b.countMs)} | ${ms(b.firstTenUnrankedMs)} | ${ms(b.topTenByBm25Ms)} | ${ms(b.highlightTenMs)} |`,
  );
}
log('\ndeep pages (10 hits a page, p50 ms): page 500 by number and by cursor against page 1');
log(deepPagesTable(deepPages));
log(`peak RSS of the search process: ${maxRssMb.toFixed(0)} MB (target <= 400 MB at 1M)`);

const report = {
  size,
  runs,
  node: process.version,
  import: {
    order,
    raw: { articles: imported.raw, seconds: spent.raw, rate: rawRate },
    wirewatch: { articles: imported.ours, seconds: spent.ours, rate: ourRate },
    ratio: ourRate / rawRate,
  },
  sizeMb: { wirewatch: fileMb(ourDb), raw: fileMb(rawDb) },
  queries: results,
  ratios: { p50: all50, p95: all95 },
  breakdown,
  deepPages,
  maxRssMb,
};
writeFileSync(join(out, `results-${size}.json`), `${JSON.stringify(report, null, 2)}\n`);
log(`\nwritten: ${join(out, `results-${size}.json`)}`);
