/**
 * The timeline of a query as the web desk and the API draw it: matches per period with the empty
 * periods filled in, beside the whole archive's volume in the same periods and the query's share of
 * it, so that a rise in coverage can be told from a rise in everything archived.
 */
import { foldTimeline } from '../store/facet-counts.ts';
import type { Store, TimelineBucket, TimelineInterval } from '../store/store.ts';
import type { ParsedQuery } from './query-ast.ts';

/** One period of a timeline. */
export interface TimelinePoint {
  /** The period's first day, `YYYY-MM-DD` (a Monday for weeks), UTC. */
  period: string;
  /** Articles matching the query in the period. */
  count: number;
  /** All archived articles in the period. */
  archiveCount: number;
  /** count / archiveCount, 0 when the archive has nothing in the period. */
  share: number;
}

/** A query's timeline: every period from its first match to its last, oldest first. */
export interface Timeline {
  interval: TimelineInterval;
  buckets: TimelinePoint[];
}

/** The most periods 'auto' accepts before it moves to a wider interval (it aims for 12..120). */
export const maxAutoBuckets = 120;

/** The interval 'auto' gives a query without dated matches. */
const defaultInterval: TimelineInterval = 'month';

const intervals: readonly TimelineInterval[] = ['day', 'week', 'month', 'year'];

const emptyQuery: ParsedQuery = { source: '', root: null };

/** The start of the period after `period` (a period start), in UTC. */
export function nextPeriod(period: string, interval: TimelineInterval): string {
  const date = new Date(`${period}T00:00:00Z`);
  if (interval === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (interval === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else if (interval === 'month') date.setUTCMonth(date.getUTCMonth() + 1);
  else date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

/** Every period start from `first` to `last`, both included. */
function periodsBetween(first: string, last: string, interval: TimelineInterval): string[] {
  const periods: string[] = [];
  for (let period = first; period <= last; period = nextPeriod(period, interval)) periods.push(period);
  return periods;
}

/** How many periods of `interval` the days from `first` to `last` span. */
function spanIn(first: string, last: string, interval: TimelineInterval): number {
  const start = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  if (interval === 'day') return days + 1;
  if (interval === 'week') return Math.floor(days / 7) + 2;
  if (interval === 'month') return months + 1;
  return end.getUTCFullYear() - start.getUTCFullYear() + 1;
}

/** The narrowest interval that draws the span of `days` in at most maxAutoBuckets periods. */
export function chooseInterval(days: TimelineBucket[]): TimelineInterval {
  if (days.length === 0) return defaultInterval;
  const first = days[0]!.period;
  const last = days.at(-1)!.period;
  return intervals.find((interval) => spanIn(first, last, interval) <= maxAutoBuckets) ?? 'year';
}

/**
 * The whole archive's timeline per store and interval, kept while the store's change token stays the
 * same (Store.changeToken: it moves on every write, other processes' included, so deletions and
 * updates will be followed too). The token costs microseconds, where the timeline is a grouped pass
 * over every article (30..100 ms at 100k). A WeakMap, so a closed and dropped store takes its entries
 * with it.
 */
const archiveTimelines = new WeakMap<
  Store,
  Map<TimelineInterval, { token: string; buckets: TimelineBucket[]; counts: Map<string, number> }>
>();

/** The whole archive's articles per period, cached (see archiveTimelines). */
export async function archiveTimeline(
  store: Store,
  interval: TimelineInterval,
): Promise<Map<string, number>> {
  let perStore = archiveTimelines.get(store);
  if (!perStore) {
    perStore = new Map();
    archiveTimelines.set(store, perStore);
  }
  const token = await store.changeToken();
  let cached = perStore.get(interval);
  if (!cached || cached.token !== token) {
    const buckets = await store.timeline(emptyQuery, interval);
    cached = { token, buckets, counts: new Map(buckets.map((bucket) => [bucket.period, bucket.count])) };
    perStore.set(interval, cached);
  }
  return cached.counts;
}

/**
 * The query's timeline at `interval`, or at the narrowest interval giving at most 120 periods
 * ('auto': days for a few months of matches, then weeks, months, years). Periods without a match
 * between the first and the last match are filled with zero; undated matches are left out.
 */
export async function buildTimeline(
  store: Store,
  query: ParsedQuery,
  interval: TimelineInterval | 'auto',
): Promise<Timeline> {
  if (interval === 'auto') {
    const days = await store.timeline(query, 'day');
    const archiveToken = await store.changeToken();
    // A caching store answers a repeated query with the very same array until the archive changes:
    // the folding and filling below (a few ms of date arithmetic over years of days) is kept with it.
    const remembered = builtTimelines.get(days);
    if (remembered?.token === archiveToken) return remembered.timeline;
    const timeline = await buildFromDays(store, days);
    builtTimelines.set(days, { token: archiveToken, timeline });
    return timeline;
  }
  return fillTimeline(store, interval, await store.timeline(query, interval));
}

/** Timelines built from a store's day counts, by the array the store answered with. */
const builtTimelines = new WeakMap<readonly TimelineBucket[], { token: string; timeline: Timeline }>();

/** The auto-interval timeline of a query's day counts. */
async function buildFromDays(store: Store, days: TimelineBucket[]): Promise<Timeline> {
  const chosen = chooseInterval(days);
  const buckets = foldTimeline(
    days.map((day) => ({ period: day.period, n: day.count })),
    chosen,
  );
  return fillTimeline(store, chosen, buckets);
}

/** Every period from the first to the last of `buckets`, with the archive's count and the share. */
async function fillTimeline(
  store: Store,
  chosen: TimelineInterval,
  buckets: TimelineBucket[],
): Promise<Timeline> {
  if (buckets.length === 0) return { interval: chosen, buckets: [] };
  const archive = await archiveTimeline(store, chosen);
  const counts = new Map(buckets.map((bucket) => [bucket.period, bucket.count]));
  return {
    interval: chosen,
    buckets: periodsBetween(buckets[0]!.period, buckets.at(-1)!.period, chosen).map((period) => {
      const count = counts.get(period) ?? 0;
      const archiveCount = archive.get(period) ?? 0;
      return { period, count, archiveCount, share: archiveCount === 0 ? 0 : count / archiveCount };
    }),
  };
}
