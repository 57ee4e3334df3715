/**
 * One fetch pass (runFetchPass, unchanged) timed from outside: wall time, this process's CPU time and
 * peak RSS, and where the wall time went. runFetchPass calls onFeed after each feed and places the new
 * articles into story clusters only once the last feed is done, so the last onFeed splits the pass into
 * fetching + parsing + writing, and placement.
 */
import type { FetchClient } from '../../src/ingest/fetch/fetch-client.ts';
import { type FetchPassSummary, runFetchPass } from '../../src/ingest/poll/fetch-pass.ts';
import type { Store } from '../../src/store/store.ts';
import { measurePeakRss, type PeakMemory } from './peak-memory.ts';

/** A pass and its measurements. */
export interface TimedPass {
  summary: Omit<FetchPassSummary, 'results'>;
  /** Feeds that failed, with their error, and feeds with warnings (the bench expects none of either). */
  problems: string[];
  ms: number;
  /** From the start to the last feed done: fetch, parse, sanitise, write, record. */
  feedsMs: number;
  /** From the last feed done to the end: placing the new articles into story clusters. */
  placementMs: number;
  /** This process's CPU time (user + system) over the pass, and over its placement part. */
  cpuSeconds: number;
  placementCpuSeconds: number;
  memory: PeakMemory;
}

/** Runs one fetch pass over every subscription of `store`. */
export async function timeFetchPass(store: Store, client: FetchClient): Promise<TimedPass> {
  const subscriptions = await store.subscriptions.list();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let lastFeedAt = started;
  let lastFeedCpu = cpuBefore;
  const { value: summary, memory } = await measurePeakRss(() =>
    runFetchPass(store, client, subscriptions, {
      onFeed: () => {
        lastFeedAt = performance.now();
        lastFeedCpu = process.cpuUsage();
      },
    }),
  );
  const ended = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const placementCpu = process.cpuUsage(lastFeedCpu);
  const { results, ...totals } = summary;
  const problems = results.flatMap((result) => [
    ...(result.error
      ? [`${result.subscription.feedUrl}: ${result.error.code}: ${result.error.message}`]
      : []),
    ...result.warnings.map((warning) => `${result.subscription.feedUrl}: ${warning}`),
  ]);
  return {
    summary: totals,
    problems,
    ms: ended - started,
    feedsMs: lastFeedAt - started,
    placementMs: ended - lastFeedAt,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    placementCpuSeconds: (placementCpu.user + placementCpu.system) / 1e6,
    memory,
  };
}
