/** buildTimeline on a real SQLite archive of the sample articles plus a few placed ones. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCachingStore } from '../store/caching-store.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store, TimelineBucket } from '../store/store.ts';
import { loadSampleArticles } from '../../test/support/sample-articles.ts';
import { parseQuery } from './query-parser.ts';
import { buildTimeline, chooseInterval, nextPeriod } from './search-timeline.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-timeline-'));
after(() => rmSync(directory, { recursive: true, force: true }));

const days = (first: string, last: string): TimelineBucket[] => [
  { period: first, count: 1 },
  { period: last, count: 1 },
];

describe('buildTimeline', () => {
  let store: Store;
  before(async () => {
    store = await openSqliteStore({ path: join(directory, 'timeline.db') });
    await store.addArticles(loadSampleArticles());
  });
  after(async () => store.close());

  it('fills the months between the first and last match with zeros, beside the archive and the share', async () => {
    const timeline = await buildTimeline(store, parseQuery('Syria'), 'month');
    assert.equal(timeline.interval, 'month');
    const periods = timeline.buckets.map((b) => b.period);
    assert.equal(periods[0], '2024-02-01');
    assert.equal(periods.at(-1), '2025-04-01');
    assert.equal(periods.length, 15, 'every month from February 2024 to April 2025');
    const byPeriod = new Map(timeline.buckets.map((b) => [b.period, b]));
    assert.deepEqual(byPeriod.get('2024-12-01'), {
      period: '2024-12-01',
      count: 1,
      archiveCount: 1,
      share: 1,
    });
    assert.deepEqual(byPeriod.get('2025-03-01'), {
      period: '2025-03-01',
      count: 0,
      archiveCount: 2,
      share: 0,
    });
    assert.deepEqual(byPeriod.get('2024-03-01'), {
      period: '2024-03-01',
      count: 0,
      archiveCount: 0,
      share: 0,
    });
    const total = timeline.buckets.reduce((sum, b) => sum + b.count, 0);
    assert.equal(
      total,
      (await store.search({ query: parseQuery('Syria'), sort: 'newest', page: 1, perPage: 100 })).total,
    );
  });

  it('gives shares below one where the archive has other articles in the period', async () => {
    const timeline = await buildTimeline(store, parseQuery('Osh'), 'year');
    assert.deepEqual(timeline.buckets, [{ period: '2025-01-01', count: 1, archiveCount: 6, share: 1 / 6 }]);
  });

  it("chooses the interval from the span of the matches with 'auto'", async () => {
    assert.equal(chooseInterval(days('2025-01-01', '2025-03-31')), 'day');
    assert.equal(chooseInterval(days('2025-01-01', '2025-05-15')), 'week');
    assert.equal(chooseInterval(days('2020-01-01', '2025-05-15')), 'month');
    assert.equal(chooseInterval(days('2000-01-01', '2025-05-15')), 'year');
    // The sample's terrorism articles span October 2022 to April 2025: 31 months, 130 weeks.
    const auto = await buildTimeline(store, parseQuery('terrorism'), 'auto');
    assert.equal(auto.interval, 'month');
    assert.equal(auto.buckets.length, 31);
    assert.deepEqual(
      auto.buckets.filter((b) => b.count > 0).map((b) => b.period),
      (await store.timeline(parseQuery('terrorism'), 'month')).map((b) => b.period),
    );
    const one = await buildTimeline(store, parseQuery('Osh'), 'auto');
    assert.deepEqual(one, {
      interval: 'day',
      buckets: [{ period: '2025-03-18', count: 1, archiveCount: 1, share: 1 }],
    });
  });

  it('gives no buckets when nothing dated matches', async () => {
    assert.deepEqual(await buildTimeline(store, parseQuery('zanzibarite'), 'week'), {
      interval: 'week',
      buckets: [],
    });
    assert.deepEqual(await buildTimeline(store, parseQuery('zanzibarite'), 'auto'), {
      interval: 'month',
      buckets: [],
    });
  });

  it('steps weeks from Monday to Monday, and months and years across their ends', () => {
    assert.equal(nextPeriod('2024-12-30', 'week'), '2025-01-06');
    assert.equal(nextPeriod('2024-12-31', 'day'), '2025-01-01');
    assert.equal(nextPeriod('2024-01-01', 'month'), '2024-02-01');
    assert.equal(nextPeriod('2024-12-01', 'month'), '2025-01-01');
    assert.equal(nextPeriod('2024-01-01', 'year'), '2025-01-01');
  });

  it('recomputes the cached archive timeline once articles are added', async () => {
    const before = await buildTimeline(store, parseQuery('Osh'), 'year');
    assert.equal(before.buckets[0]?.archiveCount, 6);
    await store.addArticles([
      {
        source: 'Late Wire',
        title: 'Osh market reopens',
        publishedAt: '2025-06-01T00:00:00Z',
        text: 'The Osh bazaar reopened after repairs.',
      },
      {
        source: 'Late Wire',
        title: 'Unrelated',
        publishedAt: '2025-06-02T00:00:00Z',
        text: 'Weather report for the week ahead.',
      },
    ]);
    const after = await buildTimeline(store, parseQuery('Osh'), 'year');
    assert.deepEqual(after.buckets, [{ period: '2025-01-01', count: 2, archiveCount: 8, share: 0.25 }]);
  });
});

describe('buildTimeline through the answer cache', () => {
  it('reuses a built timeline while the archive is unchanged and rebuilds it after a write', async () => {
    const store = createCachingStore(await openSqliteStore({ path: join(directory, 'cached.db') }), {
      maxEntries: 100,
    });
    try {
      await store.addArticles(loadSampleArticles());
      const query = parseQuery('Syria');
      const first = await buildTimeline(store, query, 'auto');
      assert.equal(await buildTimeline(store, query, 'auto'), first, 'the same timeline, not rebuilt');
      const total = (timeline: typeof first) => timeline.buckets.reduce((sum, b) => sum + b.count, 0);
      const last = first.buckets.at(-1)!.period;
      await store.addArticles([
        {
          source: 'Placed',
          title: 'Syria returnees',
          text: 'Returnees from Syria were questioned.',
          publishedAt: `${last}T12:00:00Z`,
        },
      ]);
      const after = await buildTimeline(store, query, 'auto');
      assert.notEqual(after, first);
      assert.equal(total(after), total(first) + 1);
    } finally {
      await store.close();
    }
  });
});
