import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFailing, maxBackoffMinutes, nextFetchAt } from './fetch-schedule.ts';

const now = new Date('2025-05-12T08:00:00.000Z');
const minutesAfter = (date: Date) => (date.getTime() - now.getTime()) / 60_000;

describe('fetch schedule', () => {
  it('fetches a working feed every interval, moved by at most a tenth either way', () => {
    assert.equal(
      minutesAfter(nextFetchAt({ now, intervalMinutes: 30, consecutiveFailures: 0, random: () => 0.5 })),
      30,
    );
    assert.equal(
      minutesAfter(nextFetchAt({ now, intervalMinutes: 30, consecutiveFailures: 0, random: () => 0 })),
      27,
    );
    const late = minutesAfter(
      nextFetchAt({ now, intervalMinutes: 30, consecutiveFailures: 0, random: () => 0.999999 }),
    );
    assert.ok(late > 32.9 && late <= 33, String(late));
    const spread = new Set(
      Array.from({ length: 50 }, () =>
        minutesAfter(nextFetchAt({ now, intervalMinutes: 30, consecutiveFailures: 0 })),
      ),
    );
    assert.ok(spread.size > 40, 'Math.random spreads the feeds');
  });

  it('doubles the wait per failure in a row, up to a day', () => {
    const waits = [1, 2, 3, 4, 5, 6, 10, 40].map((failures) =>
      minutesAfter(
        nextFetchAt({ now, intervalMinutes: 30, consecutiveFailures: failures, random: () => 0.5 }),
      ),
    );
    assert.deepEqual(waits, [
      60,
      120,
      240,
      480,
      960,
      maxBackoffMinutes,
      maxBackoffMinutes,
      maxBackoffMinutes,
    ]);
  });

  it('never comes back sooner than Retry-After, but a short Retry-After does not shorten the back-off', () => {
    const honoured = nextFetchAt({
      now,
      intervalMinutes: 30,
      consecutiveFailures: 1,
      retryAfterMs: 3 * 60 * 60_000,
      random: () => 0.5,
    });
    assert.equal(minutesAfter(honoured), 180);
    const short = nextFetchAt({
      now,
      intervalMinutes: 30,
      consecutiveFailures: 1,
      retryAfterMs: 5_000,
      random: () => 0.5,
    });
    assert.equal(minutesAfter(short), 60);
  });

  it('flags a feed that has failed for a day without a break', () => {
    assert.equal(isFailing(null, now), false);
    assert.equal(isFailing('2025-05-11T09:00:00.000Z', now), false);
    assert.equal(isFailing('2025-05-11T08:00:00.000Z', now), true);
  });
});
