/**
 * `npm run bench -- --store postgres [--size 100000|1m] [--runs 15] [--url postgres://…] [--keep]`:
 * the PostgreSQL benchmark. Imports the corpus through wirewatch and through plain SQL into two
 * databases of its own on the server, then times every benchmark query through wirewatch and as
 * hand-written SQL on wirewatch's database, all in one run, and reports ratios (as the SQLite bench
 * does, because these machines are noisy) beside the SQLite figures when an SQLite run left them.
 *
 * The server comes from --url, else WIREWATCH_BENCH_POSTGRES_URL, else the test server of
 * scripts/start-test-postgres.sh; its role needs CREATEDB. The databases wirewatch_bench_<size> and
 * wirewatch_bench_raw_<size> are dropped and created afresh each run; --keep reuses them when they
 * already hold the whole corpus (the import is then not measured). Results go to stdout and
 * bench/out/results-postgres-<size>.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option, runsOption, sizeOption } from '../bench-args.ts';
import { writeCorpusJsonl } from '../corpus/generate-corpus.ts';
import { pgBenchQueries } from './pg-bench-queries.ts';
import { pgBreakdown } from './pg-breakdown.ts';
import {
  databaseMb,
  databaseUrl,
  defaultBenchPostgresUrl,
  describeServer,
  storedArticles,
  vacuumAnalyze,
} from './pg-databases.ts';
import { type ImportFigures, importOrder, pgImportPhase } from './pg-import-phase.ts';
import {
  classFigures,
  printBreakdown,
  printClasses,
  printOverall,
  printQueries,
  readSqliteFigures,
  targetRatio,
} from './pg-report.ts';
import { pgSearchPhase } from './pg-search-phase.ts';

const { size } = sizeOption();
const runs = runsOption();
const serverUrl = option('url', process.env.WIREWATCH_BENCH_POSTGRES_URL ?? defaultBenchPostgresUrl);
const keep = flag('keep');

const repo = fileURLToPath(new URL('../..', import.meta.url));
const out = join(repo, 'bench', 'out');
mkdirSync(out, { recursive: true });
const corpus = join(out, `corpus-${size}-seed42.jsonl`);
const ourDatabase = `wirewatch_bench_${size}`;
const rawDatabase = `wirewatch_bench_raw_${size}`;
const ourUrl = databaseUrl(serverUrl, ourDatabase);
const rawUrl = databaseUrl(serverUrl, rawDatabase);
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The commit measured, and whether src/ had changes besides: results are only comparable by code. */
function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'src') === ''
      ? commit
      : `${commit} with uncommitted changes in src/`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
const code = codeVersion();

log(
  `wirewatch benchmark on PostgreSQL: ${size} articles, ${runs} timed runs per query, node ${process.version}, code ${code}`,
);
const server = await describeServer(serverUrl);
log(`server: ${server.url} (connected as ${server.user} to ${server.address})`);
log(`        ${server.version}`);
log(
  `        ${Object.entries(server.settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ')}`,
);
log(`databases: ${ourDatabase} (wirewatch), ${rawDatabase} (plain SQL import baseline)`);

if (!existsSync(corpus)) {
  const started = Date.now();
  const bytes = await writeCorpusJsonl(corpus, size, 42);
  log(
    `corpus: generated ${(bytes / 1_048_576).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

let imported: ImportFigures | null = null;
const kept =
  keep &&
  (await storedArticles(serverUrl, ourDatabase)) === size &&
  (await storedArticles(serverUrl, rawDatabase)) === size;
if (kept) {
  log(`import: not measured (--keep, both databases already hold ${size} articles)`);
} else {
  if (keep)
    log('import: --keep given, but the databases do not both hold the whole corpus; importing afresh');
  imported = await pgImportPhase({
    serverUrl,
    corpus,
    ourDatabase,
    rawDatabase,
    order: importOrder(size),
    log,
  });
  log(
    `import rate: wirewatch ${imported.wirewatch.rate.toFixed(0)} articles/s, plain SQL ${imported.raw.rate.toFixed(0)} articles/s, ratio ${imported.ratio.toFixed(2)} (order ${imported.order.join(' ')})`,
  );
}
const vacuumSeconds = await vacuumAnalyze(ourUrl);
log(`VACUUM ANALYZE of ${ourDatabase}: ${vacuumSeconds.toFixed(1)} s`);
const sizeMb = { wirewatch: await databaseMb(ourUrl), raw: await databaseMb(rawUrl) };
log(
  `database size: wirewatch ${sizeMb.wirewatch.toFixed(0)} MB, plain SQL ${sizeMb.raw.toFixed(0)} MB, corpus ${(statSync(corpus).size / 1_048_576).toFixed(0)} MB`,
);

const queries = pgBenchQueries();
const results = await pgSearchPhase(ourUrl, queries, runs);
// A diagnosis rather than a figure to compare: five runs a step are enough to tell 100 ms from 1 s.
const breakdown = await pgBreakdown(ourUrl, queries, Math.min(runs, 5));
const sqlitePath = join(out, `results-${size}.json`);
const sqlite = readSqliteFigures(sqlitePath);
log(
  sqlite
    ? `\nSQLite figures from ${sqlitePath} (an earlier SQLite run, not re-run now)`
    : `\n(no ${sqlitePath}: run the SQLite bench at this size to see its figures beside these)`,
);
printQueries(results, sqlite, log);
const classes = classFigures(results);
printClasses(classes, log);
const ratios = printOverall(results, log);
const overClasses = classes
  .filter((c) => Math.max(c.ratio.p50, c.ratio.p95) > targetRatio)
  .map((c) => c.class);
log(`classes over ${targetRatio}: ${overClasses.length === 0 ? 'none' : overClasses.join(', ')}`);
printBreakdown(breakdown, log);

const report = {
  size,
  runs,
  node: process.version,
  code,
  server,
  databases: { wirewatch: ourDatabase, raw: rawDatabase, kept },
  import: imported,
  vacuumSeconds,
  sizeMb,
  queries: results.map((r) => ({ ...r, sqlite: sqlite?.get(r.name) ?? null })),
  classes,
  ratios,
  breakdown,
};
const written = join(out, `results-postgres-${size}.json`);
writeFileSync(written, `${JSON.stringify(report, null, 2)}\n`);
log(`\nwritten: ${written}`);
