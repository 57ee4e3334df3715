/**
 * When a feed is fetched next, and when it counts as failing. A feed that works is fetched every
 * `intervalMinutes`, give or take a tenth (jitter, so that two hundred feeds added at once do not all
 * fall due in the same second ever after). A feed that fails is retried later each time: the interval
 * doubled per failure in a row, up to once a day, and never sooner than the server's Retry-After.
 * After a day of nothing but failures it is flagged as failing, and stays on the once-a-day rate
 * until it works again: followed, not hammered, and not silently forgotten either.
 */

/** The longest wait between two tries of a failing feed. */
export const maxBackoffMinutes = 24 * 60;

/** How long a feed may fail without a break before it is flagged. */
export const failingAfterMs = 24 * 60 * 60 * 1000;

/** The share of the interval by which a fetch time is moved, either way. */
const jitterShare = 0.1;

/** What the next fetch time depends on. */
export interface ScheduleInput {
  /** When this fetch started. */
  now: Date;
  intervalMinutes: number;
  /** Failures in a row including this fetch (0 when it worked). */
  consecutiveFailures: number;
  /** The server's Retry-After, in milliseconds, when it gave one. */
  retryAfterMs?: number;
  /** A number in [0, 1) for the jitter; Math.random by default (tests fix it). */
  random?: () => number;
}

/** The time of the next fetch. */
export function nextFetchAt(input: ScheduleInput): Date {
  const random = input.random ?? Math.random;
  const base =
    input.consecutiveFailures === 0
      ? input.intervalMinutes
      : Math.min(input.intervalMinutes * 2 ** Math.min(input.consecutiveFailures, 20), maxBackoffMinutes);
  const minutes = base * (1 + jitterShare * (2 * random() - 1));
  const wait = Math.max(minutes * 60_000, input.retryAfterMs ?? 0);
  return new Date(input.now.getTime() + Math.round(wait));
}

/** True when a feed has failed without a break for longer than failingAfterMs. */
export function isFailing(failingSince: string | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - Date.parse(failingSince) >= failingAfterMs;
}
