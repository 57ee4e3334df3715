/**
 * A fetch pass: every subscription given (all of them for `wirewatch fetch`, the due ones for the
 * server's schedule) fetched a few at a time, then the new articles placed into story clusters. One
 * feed's failure is its own: it is recorded and the pass goes on. Articles are written per feed, in
 * one transaction each, so a pass killed midway keeps every feed it finished and the next pass takes
 * the rest (the URLs already archived are not fetched again).
 */
import type { Store } from '../../store/store.ts';
import type { Subscription } from '../../store/subscriptions.ts';
import { placeUnplacedArticles } from '../cluster/place-articles.ts';
import type { FetchClient } from '../fetch/fetch-client.ts';
import {
  type FetchSubscriptionOptions,
  fetchSubscription,
  type SubscriptionFetchResult,
} from './fetch-subscription.ts';

/** Feeds fetched at the same time (the client still allows two requests a host at most). */
export const defaultFeedConcurrency = 8;

/** What a pass did. */
export interface FetchPassSummary {
  feeds: number;
  withNew: number;
  unchanged: number;
  notModified: number;
  failed: number;
  newArticles: number;
  /** New articles that joined an earlier copy's story cluster. */
  joinedClusters: number;
  results: SubscriptionFetchResult[];
}

/** Options of a pass. */
export interface FetchPassOptions extends FetchSubscriptionOptions {
  concurrency?: number;
  /** Called after each feed, in the order they finish. */
  onFeed?: (result: SubscriptionFetchResult, done: number, total: number) => void;
}

/** Fetches `subscriptions` and clusters what came in. */
export async function runFetchPass(
  store: Store,
  client: FetchClient,
  subscriptions: Subscription[],
  options: FetchPassOptions = {},
): Promise<FetchPassSummary> {
  const results: SubscriptionFetchResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < subscriptions.length) {
      const subscription = subscriptions[next++]!;
      const result = await fetchSubscription(store, client, subscription, options);
      results.push(result);
      options.onFeed?.(result, results.length, subscriptions.length);
    }
  };
  const concurrency = Math.max(
    1,
    Math.min(options.concurrency ?? defaultFeedConcurrency, subscriptions.length),
  );
  await Promise.all(Array.from({ length: concurrency }, worker));
  const placed = await placeUnplacedArticles(store);
  return {
    feeds: results.length,
    withNew: results.filter((r) => r.status === 'new').length,
    unchanged: results.filter((r) => r.status === 'unchanged').length,
    notModified: results.filter((r) => r.status === 'not-modified').length,
    failed: results.filter((r) => r.status === 'failed').length,
    newArticles: results.reduce((sum, r) => sum + r.newArticles, 0),
    joinedClusters: placed.joined,
    results,
  };
}
