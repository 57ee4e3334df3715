/**
 * The subscriptions part of the Store contract (src/store/subscriptions.ts), run by store-contract.ts
 * on every implementation: following feeds, what is due, recording fetches and failures, removing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import type { Store } from '../../src/store/store.ts';
import type { FetchOutcome } from '../../src/store/subscriptions.ts';

const t0 = new Date('2025-05-12T08:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000).toISOString();

function outcome(subscriptionId: number, overrides: Partial<FetchOutcome> = {}): FetchOutcome {
  return {
    subscriptionId,
    startedAt: minutes(1),
    finishedAt: minutes(2),
    httpStatus: 200,
    notModified: false,
    itemsSeen: 20,
    newArticles: 5,
    error: null,
    nextFetchAt: minutes(31),
    ...overrides,
  };
}

/** Runs the subscription tests on stores from `openEmpty`. */
export function runSubscriptionContract(openEmpty: () => Promise<Store>): void {
  describe('subscriptions (followed feeds and their fetch record)', () => {
    let store: Store;
    before(async () => {
      store = await openEmpty();
      await store.addArticles([
        {
          source: 'Steppe Herald',
          title: 'Imported before the feed',
          text: 'Body.',
          url: 'https://steppe.example/a',
        },
      ]);
    });
    after(async () => store.close());

    it('follows a feed once, filed under a new or an existing source, due at once', async () => {
      const { subscription, created } = await store.subscriptions.add(
        {
          feedUrl: 'https://steppe.example/feed.xml#top',
          sourceName: '  Steppe  Herald ',
          title: 'Herald feed',
        },
        t0,
      );
      assert.equal(created, true);
      assert.equal(subscription.feedUrl, 'https://steppe.example/feed.xml', 'the fragment is not part of it');
      assert.equal(subscription.sourceName, 'Steppe Herald', 'joins the source the import created');
      assert.equal(subscription.articleCount, 1);
      assert.equal(subscription.intervalMinutes, 30);
      assert.equal(subscription.nextFetchAt, t0.toISOString());
      assert.equal(subscription.lastFetchAt, null);
      assert.equal(subscription.consecutiveFailures, 0);

      const again = await store.subscriptions.add(
        { feedUrl: ' https://steppe.example/feed.xml ', sourceName: 'Something Else' },
        t0,
      );
      assert.equal(again.created, false);
      assert.equal(again.subscription.id, subscription.id);
      assert.equal(again.subscription.sourceName, 'Steppe Herald', 'nothing changed');

      const other = await store.subscriptions.add(
        { feedUrl: 'http://valley.example/rss', sourceName: 'Valley Wire', intervalMinutes: 120 },
        new Date(minutes(5)),
      );
      assert.equal(other.created, true);
      assert.equal(other.subscription.articleCount, 0);
      assert.deepEqual(
        (await store.subscriptions.list()).map((s) => [s.sourceName, s.feedUrl, s.intervalMinutes]),
        [
          ['Steppe Herald', 'https://steppe.example/feed.xml', 30],
          ['Valley Wire', 'http://valley.example/rss', 120],
        ],
      );
    });

    it('refuses what cannot be followed, saying why, and stores nothing', async () => {
      const before = (await store.subscriptions.list()).length;
      for (const [feedUrl, sourceName, intervalMinutes, message] of [
        ['feed.xml', 'Relative', 30, /not an absolute URL/],
        ['ftp://files.example/feed.xml', 'Ftp', 30, /only http and https/],
        ['javascript:alert(1)', 'Script', 30, /only http and https/],
        ['https://user:secret@private.example/feed', 'Creds', 30, /user name or password/],
        ['https://ok.example/feed', '!!!', 30, /no letters or digits/],
        ['https://ok.example/feed', 'Fine', 0, /interval must be 1 to 10080 minutes, not 0/],
        [`https://ok.example/${'x'.repeat(3000)}`, 'Long', 30, /at most 2048/],
      ] as const) {
        await assert.rejects(
          store.subscriptions.add({ feedUrl, sourceName, intervalMinutes }),
          (error) => isAppError(error, 'SUBSCRIPTION_INVALID') && message.test(error.message),
          feedUrl.slice(0, 40),
        );
      }
      assert.equal((await store.subscriptions.list()).length, before);
    });

    it('gives what is due, most overdue first, and records a fetch that worked', async () => {
      const [herald, valley] = await store.subscriptions.list();
      assert.deepEqual(
        (await store.subscriptions.due(new Date(minutes(10)), 10)).map((s) => s.id),
        [herald!.id, valley!.id],
      );
      assert.deepEqual(
        (await store.subscriptions.due(new Date(minutes(10)), 1)).map((s) => s.id),
        [herald!.id],
      );
      assert.deepEqual(await store.subscriptions.due(new Date(minutes(-1)), 10), []);

      const updated = await store.subscriptions.recordFetch(
        outcome(herald!.id, {
          etag: '"v1"',
          lastModified: 'Mon, 12 May 2025 07:00:00 GMT',
          title: 'The Herald',
          warnings: ['the feed is cut short (line 9)', 'item 4 has no text\nand was dropped'],
        }),
      );
      assert.deepEqual(updated.lastWarnings, [
        'the feed is cut short (line 9)',
        'item 4 has no text and was dropped',
      ]);
      assert.equal(updated.etag, '"v1"');
      assert.equal(updated.lastModified, 'Mon, 12 May 2025 07:00:00 GMT');
      assert.equal(updated.title, 'The Herald');
      assert.equal(updated.lastStatus, 200);
      assert.equal(updated.lastFetchAt, minutes(1));
      assert.equal(updated.lastSuccessAt, minutes(2));
      assert.equal(updated.lastError, null);
      assert.equal(updated.nextFetchAt, minutes(31));
      assert.deepEqual(
        (await store.subscriptions.due(new Date(minutes(10)), 10)).map((s) => s.id),
        [valley!.id],
      );
    });

    it('counts failures in a row from the first, keeps the validators, and clears it all on success', async () => {
      const herald = (await store.subscriptions.list())[0]!;
      const first = await store.subscriptions.recordFetch(
        outcome(herald.id, {
          startedAt: minutes(40),
          finishedAt: minutes(41),
          httpStatus: 503,
          itemsSeen: 0,
          newArticles: 0,
          error: { code: 'FETCH_HTTP_STATUS', message: 'https://steppe.example/feed.xml answered 503' },
          nextFetchAt: minutes(100),
        }),
      );
      assert.equal(first.consecutiveFailures, 1);
      assert.equal(first.failingSince, minutes(40));
      assert.equal(first.lastError, 'FETCH_HTTP_STATUS: https://steppe.example/feed.xml answered 503');
      assert.equal(first.etag, '"v1"', 'a failure leaves the validators');
      assert.equal(first.lastSuccessAt, minutes(2));

      const second = await store.subscriptions.recordFetch(
        outcome(herald.id, {
          startedAt: minutes(100),
          finishedAt: minutes(101),
          httpStatus: null,
          itemsSeen: 0,
          newArticles: 0,
          error: { code: 'FETCH_TIMEOUT', message: 'no answer within 30 s' },
          nextFetchAt: minutes(220),
        }),
      );
      assert.equal(second.consecutiveFailures, 2);
      assert.equal(second.failingSince, minutes(40), 'the run of failures began at the first');
      assert.equal(second.lastStatus, null);

      const healed = await store.subscriptions.recordFetch(
        outcome(herald.id, {
          startedAt: minutes(220),
          finishedAt: minutes(221),
          httpStatus: 304,
          notModified: true,
          itemsSeen: 0,
          newArticles: 0,
          nextFetchAt: minutes(250),
        }),
      );
      assert.equal(healed.consecutiveFailures, 0);
      assert.equal(healed.failingSince, null);
      assert.equal(healed.lastError, null);
      assert.equal(healed.etag, '"v1"');
      assert.deepEqual(healed.lastWarnings, [], "the last fetch's warnings replace the earlier ones");

      const log = await store.subscriptions.fetchLog(herald.id, 3);
      assert.deepEqual(
        log.map((entry) => [entry.startedAt, entry.httpStatus, entry.notModified, entry.errorCode]),
        [
          [minutes(220), 304, true, null],
          [minutes(100), null, false, 'FETCH_TIMEOUT'],
          [minutes(40), 503, false, 'FETCH_HTTP_STATUS'],
        ],
      );
      const all = await store.subscriptions.fetchLog(herald.id, 10);
      assert.equal(all.length, 4);
      assert.deepEqual(all[3]!.warnings, [
        'the feed is cut short (line 9)',
        'item 4 has no text and was dropped',
      ]);
      assert.deepEqual(all[0]!.warnings, []);
      assert.equal(log[2]!.errorMessage, 'https://steppe.example/feed.xml answered 503');
    });

    it('stops following a feed and forgets its record, but keeps its articles', async () => {
      const herald = (await store.subscriptions.list())[0]!;
      assert.equal(await store.subscriptions.remove(herald.id), true);
      assert.equal(await store.subscriptions.remove(herald.id), false);
      assert.equal(await store.subscriptions.get(herald.id), null);
      assert.deepEqual(await store.subscriptions.fetchLog(herald.id, 10), []);
      assert.equal((await store.stats()).articleCount, 1);
      await assert.rejects(store.subscriptions.recordFetch(outcome(herald.id)), (error) =>
        isAppError(error, 'SUBSCRIPTION_NOT_FOUND'),
      );
      assert.equal(await store.subscriptions.get(-1), null);
    });
  });
}
