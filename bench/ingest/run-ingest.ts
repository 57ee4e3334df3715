/**
 * `npm run bench -- --ingest [--feeds 200] [--items 50] [--seed 42]`: a fetch pass over a local
 * fixture server, as `wirewatch fetch` runs it. The server (a child process, so its CPU and memory stay
 * out of the figures) serves `feeds` RSS feeds of `items` full-content items of 300–600 words, each
 * feed on a host name of its own. Measured here, on a fresh SQLite archive in bench/out/tmp: pass 1
 * (every article new: articles/s, peak RSS, the share spent placing articles into story clusters) and
 * pass 2 (every feed answers 304). Beside them, from the same run because these machines are noisy:
 * the raw HTTP cost (the same feeds fetched with undici alone, before and after the passes) and the
 * write cost (the same articles written with store.addArticles in batches). Results go to stdout and
 * bench/out/results-ingest-<feeds>x<items>.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createFetchClient } from '../../src/ingest/fetch/fetch-client.ts';
import { defaultFeedConcurrency } from '../../src/ingest/poll/fetch-pass.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { option } from '../bench-args.ts';
import { benchOut } from '../http/bench-archive.ts';
import { readMemoryMb } from '../http/server-process.ts';
import { feedSourceName, feedUrl, maxItemWords, minItemWords } from './bench-feeds.ts';
import { bulkBatchSize, timeBulkWrite } from './bulk-write.ts';
import { startFeedServerChild, statsBetween } from './feed-server-process.ts';
import { measurePeakRss } from './peak-memory.ts';
import { fetchFeedsRaw } from './raw-fetch.ts';
import { timeFetchPass } from './timed-pass.ts';

/** A whole-number option within [min, max]. */
function countOption(name: string, fallback: number, min: number, max: number): number {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number ${min}..${max}, not ${option(name, '')}`);
  }
  return value;
}

const feeds = countOption('feeds', 200, 1, 10_000);
const items = countOption('items', 50, 1, 1_000);
const seed = countOption('seed', 42, 0, 2 ** 31);
const expectedArticles = feeds * items;
const concurrency = defaultFeedConcurrency;
const log = (line: string) => process.stdout.write(`${line}\n`);
const f1 = (value: number) => value.toFixed(1);
const f2 = (value: number) => value.toFixed(2);
const ratio = (value: number) => value.toPrecision(3);
const tmp = join(benchOut, 'tmp');
mkdirSync(tmp, { recursive: true });
const passDb = join(tmp, `ingest-${feeds}x${items}-${process.pid}.db`);
const bulkDb = join(tmp, `ingest-bulk-${feeds}x${items}-${process.pid}.db`);
const removeDb = (path: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};
/** Stops the bench with every failed check listed: a wrong figure is worse than none. */
const check = (failures: string[]) => {
  if (failures.length > 0)
    throw new Error(`the ingestion bench measured the wrong thing:\n  ${failures.join('\n  ')}`);
};

log(
  `wirewatch ingestion benchmark: ${feeds} feeds x ${items} items (${minItemWords}-${maxItemWords} words, full content), seed ${seed}, ${concurrency} feeds at a time, node ${process.version}, ${cpus().length} CPUs, load average ${f2(loadavg()[0]!)}`,
);
const loadAtStart = loadavg();
// This process with its code loaded and nothing done yet: what every peak below starts from.
const idleRssMb = readMemoryMb(process.pid).rss;
const server = await startFeedServerChild(feeds, items, seed);
log(
  `fixture server child pid ${server.pid} on 127.0.0.1:${server.port}: ${f1(server.totalFeedBytes / 1_048_576)} MB of feeds, ${(server.totalWords / expectedArticles).toFixed(0)} words an item on average`,
);
try {
  removeDb(passDb);
  removeDb(bulkDb);

  // Baselines first (raw HTTP, fresh connections each round, 200s then 304s), after two untimed rounds
  // of each (the first timed round was still several times slower after one); the same rounds again
  // after the passes show how far the machine drifted.
  for (let round = 0; round < 2; round++) {
    const warm = await fetchFeedsRaw({ port: server.port, feeds, concurrency });
    await fetchFeedsRaw({ port: server.port, feeds, concurrency, etags: warm.etags });
  }
  const rawBefore = await measurePeakRss(() => fetchFeedsRaw({ port: server.port, feeds, concurrency }));
  const etags = rawBefore.value.etags;
  const raw304Before = await fetchFeedsRaw({ port: server.port, feeds, concurrency, etags });
  log(
    `raw HTTP (undici alone): ${rawBefore.value.ok} feeds in ${f1(rawBefore.value.ms)} ms; all 304: ${f1(raw304Before.ms)} ms`,
  );

  // The archive, its subscriptions and the client, as `wirewatch fetch` would have them.
  const store = await openSqliteStore({ path: passDb });
  for (let feed = 0; feed < feeds; feed++) {
    await store.subscriptions.add({ feedUrl: feedUrl(server.port, feed), sourceName: feedSourceName(feed) });
  }
  const client = createFetchClient({
    allowPrivate: ['127.0.0.0/8'],
    // The invented host names resolve to loopback here and nowhere else.
    resolveHost: async (name) => {
      if (!/^feed-\d+\.bench\.test$/.test(name))
        throw new Error(`ingestion bench: ${name} is not a bench host`);
      return ['127.0.0.1'];
    },
  });
  const statsAtStart = await server.stats();
  const pass1 = await timeFetchPass(store, client);
  const statsAfterPass1 = await server.stats();
  log(
    `pass 1: ${pass1.summary.newArticles} new articles in ${f1(pass1.ms)} ms (placement ${f1(pass1.placementMs)} ms), peak RSS ${f1(pass1.memory.peakRssMb)} MB`,
  );
  const pass2 = await timeFetchPass(store, client);
  const statsAfterPass2 = await server.stats();
  log(`pass 2: ${pass2.summary.notModified} feeds not modified in ${f1(pass2.ms)} ms`);
  await client.close();
  const archived = (await store.stats()).articleCount;
  await store.close();
  const served1 = statsBetween(statsAtStart, statsAfterPass1);
  const served2 = statsBetween(statsAfterPass1, statsAfterPass2);

  const raw304After = await fetchFeedsRaw({ port: server.port, feeds, concurrency, etags });
  const rawAfter = await measurePeakRss(() => fetchFeedsRaw({ port: server.port, feeds, concurrency }));
  log(`raw HTTP again: ${f1(rawAfter.value.ms)} ms; all 304: ${f1(raw304After.ms)} ms`);

  const bulk = await timeBulkWrite({ path: bulkDb, port: server.port, feeds, items, seed });
  log(`bulk write: ${bulk.inserted} articles in ${f1(bulk.ms)} ms`);
  const loadAtEnd = loadavg();

  check([
    ...pass1.problems.slice(0, 5),
    ...(pass1.summary.newArticles === expectedArticles
      ? []
      : [`pass 1 archived ${pass1.summary.newArticles} articles, not ${expectedArticles}`]),
    ...(archived === expectedArticles ? [] : [`the archive holds ${archived} articles`]),
    ...(served1.feeds === feeds && served1.requests === feeds
      ? []
      : [`pass 1 made ${served1.requests} requests (${served1.feeds} feeds) for ${feeds} feeds`]),
    ...(served1.notFound === 0 ? [] : [`pass 1 asked for ${served1.notFound} pages or unknown paths`]),
    ...(served2.notModified === feeds && served2.requests === feeds && pass2.summary.notModified === feeds
      ? []
      : [`pass 2 got ${served2.notModified} 304s in ${served2.requests} requests for ${feeds} feeds`]),
    ...(pass2.summary.newArticles === 0 ? [] : [`pass 2 archived ${pass2.summary.newArticles} articles`]),
    ...(bulk.inserted === expectedArticles ? [] : [`the bulk write inserted ${bulk.inserted} articles`]),
  ]);

  // The figures.
  const articles = pass1.summary.newArticles;
  const perSecond = (ms: number) => articles / (ms / 1000);
  const rawMs = (rawBefore.value.ms + rawAfter.value.ms) / 2;
  const raw304Ms = (raw304Before.ms + raw304After.ms) / 2;
  // The round before the passes: after them the heap they grew is still there.
  const rawPeakMb = rawBefore.memory.peakRssMb;
  const pass1Rate = perSecond(pass1.ms);
  const feedsRate = perSecond(pass1.feedsMs);
  const bulkRate = bulk.inserted / (bulk.ms / 1000);
  const rows: Array<[string, string, string, string, string]> = [
    [
      'pass 1: articles/s, whole pass',
      f1(pass1Rate),
      f1(bulkRate),
      `bulk write (store.addArticles, ${bulkBatchSize} a batch)`,
      ratio(pass1Rate / bulkRate),
    ],
    [
      'pass 1: articles/s, placement left out',
      f1(feedsRate),
      f1(bulkRate),
      'bulk write',
      ratio(feedsRate / bulkRate),
    ],
    [
      'pass 1: CPU s of this process (busy machine: steadier than wall time)',
      f2(pass1.cpuSeconds),
      f2(bulk.cpuSeconds),
      'bulk write CPU s',
      ratio(pass1.cpuSeconds / bulk.cpuSeconds),
    ],
    [
      'pass 1: wall ms',
      f1(pass1.ms),
      f1(rawMs),
      'raw HTTP fetch of the same feeds (undici alone; mean of before and after)',
      ratio(pass1.ms / rawMs),
    ],
    [
      'pass 1: placement into story clusters, ms',
      f1(pass1.placementMs),
      f1(pass1.ms),
      'pass 1 wall ms (share)',
      ratio(pass1.placementMs / pass1.ms),
    ],
    [
      'pass 1: placement into story clusters, CPU s',
      f2(pass1.placementCpuSeconds),
      f2(pass1.cpuSeconds),
      'pass 1 CPU s (share)',
      ratio(pass1.placementCpuSeconds / pass1.cpuSeconds),
    ],
    [
      'pass 1: peak RSS MB',
      f1(pass1.memory.peakRssMb),
      f1(rawPeakMb),
      'peak RSS during a raw HTTP fetch (the round before the passes)',
      ratio(pass1.memory.peakRssMb / rawPeakMb),
    ],
    ['pass 2 (all 304): wall ms', f1(pass2.ms), f1(pass1.ms), 'pass 1 wall ms', ratio(pass2.ms / pass1.ms)],
    [
      'pass 2 (all 304): wall ms',
      f1(pass2.ms),
      f1(raw304Ms),
      'raw conditional HTTP fetch, all 304 (mean of before and after)',
      ratio(pass2.ms / raw304Ms),
    ],
  ];
  log('\n| figure | wirewatch | baseline | baseline is | ratio |');
  log('|---|---:|---:|---|---:|');
  for (const row of rows) log(`| ${row.join(' | ')} |`);
  log(
    `\npass 1: ${articles} articles from ${pass1.summary.feeds} feeds, ${served1.requests} requests (${f1(served1.bodyBytes / 1_048_576)} MB), no page fetched; fetch+parse+write ${f1(pass1.feedsMs)} ms, placement ${f1(pass1.placementMs)} ms (${pass1.summary.joinedClusters} joined a cluster)`,
  );
  log(
    `  RSS: ${f1(idleRssMb)} MB with the code loaded; peak during the first raw HTTP fetch ${f1(rawPeakMb)} MB; pass 1 adds ${f1(pass1.memory.peakRssMb - pass1.memory.startRssMb)} MB to the RSS it started from`,
  );
  log(
    `  CPU: this process ${f2(pass1.cpuSeconds)} s, the fixture server ${f2(served1.cpuSeconds)} s; RSS ${f1(pass1.memory.startRssMb)} MB before, peak ${f1(pass1.memory.peakRssMb)} MB (${pass1.memory.peakWasReset ? 'VmHWM reset before the pass' : 'sampled VmRSS, VmHWM could not be reset'}; sampled max ${f1(pass1.memory.sampledMaxRssMb)} MB), ${f1(pass1.memory.endRssMb)} MB after`,
  );
  log(
    `pass 2: ${served2.requests} requests, ${served2.notModified} answered 304, ${f1(pass2.ms)} ms (${f2(pass2.ms / feeds)} ms a feed); CPU this process ${f2(pass2.cpuSeconds)} s, server ${f2(served2.cpuSeconds)} s; placement ${f1(pass2.placementMs)} ms`,
  );
  log(
    `raw HTTP: ${f1(rawBefore.value.ms)} ms before, ${f1(rawAfter.value.ms)} ms after (drift ${ratio(rawAfter.value.ms / rawBefore.value.ms)}); all 304: ${f1(raw304Before.ms)} / ${f1(raw304After.ms)} ms`,
  );
  log(
    `bulk write: ${bulk.inserted} articles in ${f1(bulk.ms)} ms = ${f1(bulkRate)} articles/s (CPU ${f2(bulk.cpuSeconds)} s)`,
  );
  log(`load average at start ${loadAtStart.map(f2).join(' ')}, at end ${loadAtEnd.map(f2).join(' ')}`);

  const report = {
    feeds,
    items,
    seed,
    concurrency,
    node: process.version,
    cpus: cpus().length,
    loadAverage: { start: loadAtStart, end: loadAtEnd },
    idleRssMb,
    fixtures: {
      totalFeedBytes: server.totalFeedBytes,
      meanWordsPerItem: server.totalWords / expectedArticles,
      wordRange: [minItemWords, maxItemWords],
    },
    pass1: {
      ...pass1,
      articlesPerSecond: pass1Rate,
      articlesPerSecondWithoutPlacement: feedsRate,
      served: served1,
    },
    pass2: { ...pass2, served: served2 },
    baselines: {
      rawHttp: { before: rawBefore, after: rawAfter, meanMs: rawMs, peakRssMb: rawPeakMb },
      rawHttp304: { before: raw304Before, after: raw304After, meanMs: raw304Ms },
      bulkWrite: { ...bulk, batchSize: bulkBatchSize, articlesPerSecond: bulkRate },
    },
    ratios: {
      pass1RateToBulkWrite: pass1Rate / bulkRate,
      pass1RateWithoutPlacementToBulkWrite: feedsRate / bulkRate,
      pass1CpuToBulkWrite: pass1.cpuSeconds / bulk.cpuSeconds,
      pass1MsToRawHttp: pass1.ms / rawMs,
      placementCpuShareOfPass1: pass1.placementCpuSeconds / pass1.cpuSeconds,
      placementShareOfPass1: pass1.placementMs / pass1.ms,
      pass1PeakRssToRawHttp: pass1.memory.peakRssMb / rawPeakMb,
      pass2MsToPass1: pass2.ms / pass1.ms,
      pass2MsToRaw304: pass2.ms / raw304Ms,
    },
  };
  // The ETags are kept out of the report: 2 × feeds strings that say nothing.
  for (const round of [rawBefore.value, rawAfter.value, raw304Before, raw304After]) round.etags = [];
  const reportPath = join(benchOut, `results-ingest-${feeds}x${items}.json`);
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nwritten: ${reportPath}`);
} finally {
  await server.stop();
  removeDb(passDb);
  removeDb(bulkDb);
}
