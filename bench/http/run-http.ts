/**
 * `npm run bench -- --http [--size 100k] [--connections 16] [--duration 10] [--warmup 2] [--runs 9] [--deep-runs 30] [--cache-entries 1000]`:
 * the web desk and API over HTTP on loopback. The real server runs in a child process on the 100k
 * bench archive (rate limit off, logging silent) and autocannon drives it from this one. Each scenario
 * is reported with its ratio to a baseline measured in the same run: a no-op route through the same
 * server, i.e. what the HTTP stack alone does on this machine. Then: page 1 against page 500, the
 * server's RSS while it streams an export of the whole archive, and where a search request's time
 * goes (a CPU profile of the slowest scenario, and each piece timed alone). Results go to stdout and
 * bench/out/results-http-<size>.json. The three search scenarios run twice: with the read cache off
 * (every request computed) and on (createCachingStore, --cache-entries; the mix repeats, so warm).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { option, sizeOption } from '../bench-args.ts';
import { defaultResponseCacheMb } from '../../src/config/load-config.ts';
import { benchOut, ensureBenchArchive, sampleArticleIds } from './bench-archive.ts';
import { summariseCpuProfile } from './cpu-profile.ts';
import { type LoadOptions, type LoadResult, runLoad, sequentialLatency } from './load.ts';
import {
  apiSearchPaths,
  deepPage,
  deepPageCases,
  htmlSearchPaths,
  mixQueryString,
  noopPath,
  searchMix,
} from './scenarios.ts';
import { startServerChild } from './server-process.ts';
import { measureStreamMemory } from './stream-memory.ts';

const { size } = sizeOption();
const load: LoadOptions = {
  connections: Number(option('connections', '16')),
  duration: Number(option('duration', '10')),
  warmup: Number(option('warmup', '2')),
};
const pieceRuns = Number(option('runs', '9'));
const cacheEntries = Number(option('cache-entries', '1000'));
const deepRuns = Number(option('deep-runs', '30'));
const log = (line: string) => process.stdout.write(`${line}\n`);
const load1 = () => loadavg()[0]!.toFixed(2);

log(
  `wirewatch HTTP benchmark: ${size} articles, ${load.connections} connections, ${load.warmup} s warm-up + ${load.duration} s per scenario, node ${process.version}, ${cpus().length} CPUs, load average ${load1()}`,
);
const dbPath = await ensureBenchArchive(size, log);
// Read the archive file once, so that every scenario meets it in the page cache: the figures are of
// the server's work, not of the disk (a run right after other big files were written measured 2-4x
// slower cold searches until the file was cached again).
const warmedMb = readWholeFile(dbPath) / 1_048_576;
log(`archive file read into the page cache: ${warmedMb.toFixed(0)} MB`);
const articleIds = sampleArticleIds(dbPath, 1000);
const articlePaths = articleIds.map((id) => `/articles/${id}`);
const loadAtStart = loadavg();

// 1. Throughput and latency at `connections` connections, baseline first and last.
let server = await startServerChild(dbPath);
log(`server child pid ${server.pid} at ${server.url} on ${dbPath}`);
const scenarioPaths: Array<[string, string[]]> = [
  ['baseline: no-op route', [noopPath]],
  ['API search, facets + timeline [cache off]', apiSearchPaths(true)],
  ['API search, facets=false&timeline=false [cache off]', apiSearchPaths(false)],
  ['HTML results page /search [cache off]', htmlSearchPaths()],
  ['HTML article page /articles/:id', articlePaths],
  ['baseline again (drift check)', [noopPath]],
];
// Every path answers 2xx before any load (a 4xx/5xx in the mix must fail here, loudly).
for (const [, paths] of scenarioPaths) {
  for (const path of new Set(paths.slice(0, 50))) {
    const response = await fetch(`${server.url}${path}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} before the load even started`);
  }
}

// The results page's size for 10 hits, raw and gzip'd (the server does not compress; a proxy would).
const htmlSizes = [];
for (const mix of searchMix) {
  const response = await fetch(`${server.url}/search?${mixQueryString(mix)}`);
  const body = Buffer.from(await response.arrayBuffer());
  htmlSizes.push({
    name: mix.name,
    q: mix.q,
    page: mix.page ?? 1,
    rawKb: body.length / 1024,
    gzipKb: gzipSync(body).length / 1024,
  });
}

/** Runs `paths` scenarios on a fresh server child with `caches`, each named with `label`. */
async function runAgain(
  paths: Array<[string, string[]]>,
  label: string,
  caches: { cacheEntries: number; responseCacheMb?: number },
): Promise<LoadResult[]> {
  const child = await startServerChild(dbPath, [], caches);
  const results: LoadResult[] = [];
  for (const [name, scenario] of paths) {
    const result = await runLoad(`${name.replace(' [cache off]', '')} [${label}]`, child.url, scenario, load);
    results.push(result);
    log(
      `  ${result.name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms (load average ${load1()})`,
    );
  }
  await child.stop();
  return results;
}

const scenarios: LoadResult[] = [];
for (const [name, paths] of scenarioPaths) {
  const result = await runLoad(name, server.url, paths, load);
  scenarios.push(result);
  log(
    `  ${name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms (load average ${load1()})`,
  );
}
await server.stop();

// 1b. The search scenarios again with the read cache on (createCachingStore). The mix cycles 16
// requests, so after the warm-up nearly every request is a repeat: these are warm-cache figures, an
// upper bound for a server whose users repeat queries, not what a new query costs (that is above).
const warmScenarios = await runAgain(scenarioPaths.slice(1, 4), 'cache on, warm', { cacheEntries });

// 1c. And as `wirewatch serve` runs by default: the answer cache and the response cache
// (response-cache.ts), so a repeated request is sent as the bytes it got last time.
const servedScenarios = await runAgain(scenarioPaths.slice(1, 5), 'as served: both caches, warm', {
  cacheEntries,
  responseCacheMb: defaultResponseCacheMb,
});
server = await startServerChild(dbPath);

const baselineRps = (scenarios[0]!.requestsPerSecond + scenarios.at(-1)!.requestsPerSecond) / 2;
const baselineP50 = (scenarios[0]!.latencyMs.p50 + scenarios.at(-1)!.latencyMs.p50) / 2;

// 2. Deep pages: one connection, page 1 against page 500, each asked `deepRuns` times.
const deep = [];
const variants: Array<{ name: string; extra: Record<string, string> }> = [
  { name: 'facets=false&timeline=false', extra: { facets: 'false', timeline: 'false' } },
  { name: 'facets + timeline', extra: {} },
];
for (const variant of variants) {
  for (const deepCase of deepPageCases) {
    const path = (page: number) =>
      `/api/v1/search?${mixQueryString({ name: deepCase.name, q: deepCase.q, page, sort: deepCase.sort }, variant.extra)}`;
    const first = await sequentialLatency(server.url, path(1), deepRuns);
    const deepest = await sequentialLatency(server.url, path(deepPage), deepRuns);
    deep.push({
      case: deepCase.name,
      variant: variant.name,
      page1: first,
      deep: deepest,
      ratio: deepest.p50 / first.p50,
    });
  }
}
await server.stop();

// 3. Memory while streaming every article of the archive as JSON Lines, and a tenth of them: flat
// memory means about the same peak for both, no rise from the first half of the stream to the second,
// and the whole export still fitting in a 48 MB old space.
const streams = [
  await measureStreamMemory(dbPath, '/search.jsonl?q='),
  // With V8's old space capped at 48 MB a stream that held its articles would die on the way.
  await measureStreamMemory(dbPath, '/search.jsonl?q=', ['--max-old-space-size=48']),
  await measureStreamMemory(
    dbPath,
    `/search.jsonl?${new URLSearchParams({ q: 'security source:"Steppe Times"' })}`,
  ),
];

// 4. Where the time goes: a CPU profile of the server child under the slowest search scenario.
const searchScenarios = scenarios.slice(1, 4);
const slowest = searchScenarios.reduce((a, b) => (b.requestsPerSecond < a.requestsPerSecond ? b : a));
const slowestPaths = scenarioPaths.find(([name]) => name === slowest.name)![1];
const profileDir = join(benchOut, 'tmp', `http-cpu-profile-${size}`);
rmSync(profileDir, { recursive: true, force: true });
mkdirSync(profileDir, { recursive: true });
server = await startServerChild(dbPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
// Warm up outside the timed run, and leave start-up and warm-up out of the profile's summary.
await runLoad('profile warm-up', server.url, slowestPaths, { ...load, duration: load.warmup, warmup: 0 });
const skipMs = Number(process.hrtime.bigint() - server.spawnedAt) / 1e6;
const profiled = await runLoad(`${slowest.name} (profiled)`, server.url, slowestPaths, {
  ...load,
  warmup: 0,
});
await server.stop();
const profileFile = join(profileDir, readdirSync(profileDir).find((file) => file.endsWith('.cpuprofile'))!);
const profile = summariseCpuProfile(profileFile, skipMs);

// 5. And each piece timed alone, in a process of its own, on the same archive.
const pieces = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./pieces.ts', import.meta.url)),
      dbPath,
      String(pieceRuns),
      articleIds.slice(0, 8).join(','),
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  ),
) as {
  runs: number;
  rows: Array<Record<string, number | string>>;
  articleRows: Array<{
    id: number;
    textKb: number;
    getArticleMs: number;
    similarMs: number;
    pageMs: number;
    renderMs: number;
  }>;
};
const loadAtEnd = loadavg();

// The report.
const f1 = (value: number) => value.toFixed(1);
const f2 = (value: number) => value.toFixed(2);
log(
  `\nbaseline (no-op route, mean of first and last run): ${baselineRps.toFixed(0)} req/s, p50 ${f1(baselineP50)} ms`,
);
log(`load average at start ${loadAtStart.map(f2).join(' ')}, at end ${loadAtEnd.map(f2).join(' ')}`);
log(
  '\n| scenario | req/s | ratio to baseline | p50 ms | p97.5 ms | p99 ms | max ms | mean body KB | errors / non-2xx |',
);
log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of [...scenarios, ...warmScenarios, ...servedScenarios]) {
  log(
    `| ${s.name} | ${s.requestsPerSecond.toFixed(0)} | ${(s.requestsPerSecond / baselineRps).toPrecision(2)} | ${s.latencyMs.p50} | ${s.latencyMs.p97_5} | ${s.latencyMs.p99} | ${s.latencyMs.max} | ${f1(s.meanBytes / 1024)} | ${s.errors} / ${s.non2xx} |`,
  );
}
const targets = [...searchScenarios, ...warmScenarios, ...servedScenarios.slice(0, 3)].map(
  (s) =>
    `${s.name}: ${s.requestsPerSecond >= 1500 ? 'meets' : 'MISSES'} >= 1,500 req/s, ${s.latencyMs.p99 <= 50 ? 'meets' : 'MISSES'} p99 <= 50 ms`,
);
log(`\ntargets at ${load.connections} connections:\n  ${targets.join('\n  ')}`);

const maxHtml = htmlSizes.reduce((a, b) => (b.rawKb > a.rawKb ? b : a));
log('\nresults page HTML for 10 hits (KB, raw / gzip):');
log(htmlSizes.map((h) => `${h.name} ${f1(h.rawKb)} / ${f1(h.gzipKb)}`).join('; '));
log(`largest: ${maxHtml.name} ${f1(maxHtml.rawKb)} KB raw, ${f1(maxHtml.gzipKb)} KB gzip (target < 60 KB)`);

log(`\ndeep pages over HTTP, one connection, p50 of ${deepRuns} (ms):`);
log(`| query | API variant | page 1 p50 | page ${deepPage} p50 | ratio |`);
log('|---|---|---:|---:|---:|');
for (const d of deep)
  log(`| ${d.case} | ${d.variant} | ${f2(d.page1.p50)} | ${f2(d.deep.p50)} | ${f2(d.ratio)} |`);

for (const stream of streams) {
  log(
    `\nstreaming ${stream.path}${stream.nodeFlags.length > 0 ? ` (server run with ${stream.nodeFlags.join(' ')})` : ''}: ${stream.lines} lines, ${stream.megabytes.toFixed(0)} MB in ${f1(stream.seconds)} s`,
  );
  log(
    `  server RSS at idle ${f1(stream.idleRssMb)} MB, peak while streaming ${f1(stream.peakRssMb)} MB (${stream.peakWasReset ? 'VmHWM reset before the stream' : 'sampled VmRSS, VmHWM could not be reset'}), growth ${f1(stream.growthMb)} MB; sampled max RSS in the first half ${f1(stream.firstHalfMaxRssMb)} MB, in the second half ${f1(stream.secondHalfMaxRssMb)} MB`,
  );
}
log(
  `\nCPU profile of the server under "${slowest.name}" (${profiled.requestsPerSecond.toFixed(0)} req/s while profiled; ${profileFile}):`,
);
log(`busy ${f1(profile.busyMs / 1000)} s of ${f1(profile.totalMs / 1000)} s`);
log('| area (self time) | s | share of busy |');
log('|---|---:|---:|');
for (const a of profile.byArea.slice(0, 14))
  log(`| ${a.name} | ${f2(a.ms / 1000)} | ${(a.share * 100).toFixed(1)}% |`);
log('| step (inclusive time) | s | share of busy |');
log('|---|---:|---:|');
for (const a of profile.steps) log(`| ${a.name} | ${f2(a.ms / 1000)} | ${(a.share * 100).toFixed(1)}% |`);
log('| function (self time) | s | share of busy |');
log('|---|---:|---:|');
for (const a of profile.topFunctions.slice(0, 12))
  log(`| ${a.name} | ${f2(a.ms / 1000)} | ${(a.share * 100).toFixed(1)}% |`);

const pieceColumns = [
  'searchMs',
  'pageSearchMs',
  'facetsMs',
  'timelineMs',
  'topWordsMs',
  'broaderMs',
  'apiJsonMs',
  'renderMs',
  'htmlPageMs',
] as const;
log(`\neach piece alone, in-process, p50 of ${pieces.runs} (ms):`);
log(`| query | hits | ${pieceColumns.map((c) => c.replace(/Ms$/, '')).join(' | ')} |`);
log(`|---|---:|${pieceColumns.map(() => '---:').join('|')}|`);
for (const row of pieces.rows) {
  log(`| ${row.name} | ${row.total} | ${pieceColumns.map((c) => f2(row[c] as number)).join(' | ')} |`);
}
const sums = pieceColumns.map((c) => pieces.rows.reduce((sum, row) => sum + (row[c] as number), 0));
log(`| **sum over the mix** | | ${sums.map(f1).join(' | ')} |`);

log(`\nthe article page, piece by piece, in-process, p50 of ${pieces.runs} (ms):`);
log('| id | text KB | getArticle | more like this | render | whole page |');
log('|---:|---:|---:|---:|---:|---:|');
for (const row of pieces.articleRows) {
  log(
    `| ${row.id} | ${f1(row.textKb)} | ${f2(row.getArticleMs)} | ${f2(row.similarMs)} | ${f2(row.renderMs)} | ${f2(row.pageMs)} |`,
  );
}

const report = {
  size,
  node: process.version,
  cpus: cpus().length,
  load,
  loadAverage: { start: loadAtStart, end: loadAtEnd },
  baseline: { requestsPerSecond: baselineRps, p50Ms: baselineP50 },
  scenarios: scenarios.map((s) => ({ ...s, ratioToBaseline: s.requestsPerSecond / baselineRps })),
  cacheEntries,
  warmCacheScenarios: warmScenarios.map((s) => ({
    ...s,
    ratioToBaseline: s.requestsPerSecond / baselineRps,
  })),
  servedScenarios: servedScenarios.map((s) => ({ ...s, ratioToBaseline: s.requestsPerSecond / baselineRps })),
  htmlSizes,
  deepPages: deep,
  streams,
  profile: {
    scenario: slowest.name,
    requestsPerSecond: profiled.requestsPerSecond,
    file: profileFile,
    ...profile,
  },
  pieces,
};
const reportPath = join(benchOut, `results-http-${size}.json`);
writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
log(`\nwritten: ${reportPath}`);

/** Reads a file from start to end in 8 MiB chunks; returns its size. */
function readWholeFile(path: string): number {
  const buffer = Buffer.alloc(8 * 1024 * 1024);
  const fd = openSync(path, 'r');
  let total = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) return total;
      total += read;
    }
  } finally {
    closeSync(fd);
  }
}
