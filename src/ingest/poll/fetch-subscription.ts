/**
 * One feed fetched, read and archived: the subscription's feed is fetched (conditionally, with its
 * ETag and Last-Modified), parsed, the items not archived yet are completed from their pages when the
 * feed holds only teasers, and the new articles are written in one transaction. Then the fetch is
 * recorded, and the next one scheduled: a failure of any kind (refused address, time-out, 500,
 * malformed XML…) is recorded as this feed's error and never stops the other feeds.
 */
import type { NewArticle } from '../../core/article.ts';
import { isAppError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import type { Subscription } from '../../store/subscriptions.ts';
import type { FeedItem } from '../feeds/feed-types.ts';
import { parseFeed } from '../feeds/parse-feed.ts';
import type { FetchClient } from '../fetch/fetch-client.ts';
import { FetchError } from '../fetch/fetch-error.ts';
import { nextFetchAt } from '../schedule/fetch-schedule.ts';
import { itemArticle, needsPage } from './item-article.ts';
import { readArticlePage } from './read-article-page.ts';

/** The Accept header of a feed request. */
const feedAccept =
  'application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** Pages fetched per feed per pass at most; the rest of a burst waits for the next pass. */
export const maxPagesPerFetch = 30;

/** What one fetch of a feed did. */
export interface SubscriptionFetchResult {
  subscription: Subscription;
  status: 'new' | 'unchanged' | 'not-modified' | 'failed';
  itemsSeen: number;
  newArticles: number;
  /** Ids of the articles written. */
  articleIds: number[];
  /** Items left for the next pass (page fetches over the cap). */
  deferred: number;
  /** What went wrong with single items or pages (the feed itself worked). */
  warnings: string[];
  error: { code: string; message: string } | null;
}

/** Options of a fetch. */
export interface FetchSubscriptionOptions {
  now?: () => Date;
  /** For the schedule's jitter (tests fix it). */
  random?: () => number;
}

/** Fetches one subscription's feed and archives its new items. Never throws for the feed's faults. */
export async function fetchSubscription(
  store: Store,
  client: FetchClient,
  subscription: Subscription,
  options: FetchSubscriptionOptions = {},
): Promise<SubscriptionFetchResult> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const warnings: string[] = [];
  let httpStatus: number | null = null;
  try {
    const response = await client.fetchResource(subscription.feedUrl, {
      accept: feedAccept,
      ...(subscription.etag ? { etag: subscription.etag } : {}),
      ...(subscription.lastModified ? { lastModified: subscription.lastModified } : {}),
    });
    httpStatus = response.status;
    if (response.notModified) {
      const recorded = await record(store, subscription, startedAt, now(), {
        httpStatus,
        notModified: true,
        error: null,
        warnings,
        random: options.random,
      });
      return result(recorded, 'not-modified', 0, [], 0, warnings, null);
    }
    const feed = parseFeed({
      body: response.body,
      url: response.finalUrl,
      contentType: response.headers['content-type'],
      fetchedAt: startedAt,
    });
    warnings.push(...feed.warnings.map((warning) => `feed: ${warning}`));
    const { articles, deferred } = await newArticles(
      store,
      client,
      subscription,
      feed.items,
      startedAt,
      warnings,
    );
    const outcomes =
      articles.length === 0 ? [] : await store.transaction((writer) => writer.addArticles(articles));
    const articleIds: number[] = [];
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'inserted') articleIds.push(outcome.id);
      if (outcome.status === 'rejected')
        warnings.push(`item ${articles[index]!.url ?? articles[index]!.title}: ${outcome.message}`);
    }
    const recorded = await record(store, subscription, startedAt, now(), {
      httpStatus,
      notModified: false,
      error: null,
      itemsSeen: feed.items.length,
      newArticles: articleIds.length,
      etag: response.etag ?? null,
      lastModified: response.lastModified ?? null,
      title: feed.title,
      siteUrl: feed.siteUrl ?? subscription.siteUrl,
      warnings,
      random: options.random,
    });
    return result(
      recorded,
      articleIds.length > 0 ? 'new' : 'unchanged',
      feed.items.length,
      articleIds,
      deferred,
      warnings,
      null,
    );
  } catch (error) {
    const problem = describeFailure(error);
    if (error instanceof FetchError && error.httpStatus !== undefined) httpStatus = error.httpStatus;
    const recorded = await record(store, subscription, startedAt, now(), {
      httpStatus,
      notModified: false,
      error: problem,
      retryAfterMs: error instanceof FetchError ? error.retryAfterMs : undefined,
      warnings,
      random: options.random,
    });
    return result(recorded, 'failed', 0, [], 0, warnings, problem);
  }
}

/** The items not archived yet, as articles; teasers completed from their pages (up to the cap). */
async function newArticles(
  store: Store,
  client: FetchClient,
  subscription: Subscription,
  items: FeedItem[],
  fetchedAt: Date,
  warnings: string[],
): Promise<{ articles: NewArticle[]; deferred: number }> {
  const known = await store.knownUrls(items.flatMap((item) => (item.url ? [item.url] : [])));
  const fresh = items.filter((item) => item.url === undefined || !known.has(item.url));
  let pagesLeft = maxPagesPerFetch;
  let deferred = 0;
  const articles: NewArticle[] = [];
  for (const item of fresh) {
    if (!needsPage(item)) {
      articles.push(itemArticle(item, { sourceName: subscription.sourceName, fetchedAt }));
      continue;
    }
    if (pagesLeft === 0) {
      deferred += 1;
      continue;
    }
    pagesLeft -= 1;
    const page = await readPage(client, item.url!, fetchedAt, warnings);
    articles.push(
      itemArticle(item, { sourceName: subscription.sourceName, fetchedAt, ...(page ? { page } : {}) }),
    );
  }
  return { articles, deferred };
}

/** The article on an item's page, or undefined (with a warning) when the page cannot be had or read. */
async function readPage(client: FetchClient, url: string, fetchedAt: Date, warnings: string[]) {
  try {
    return (await readArticlePage(client, url, fetchedAt)).article;
  } catch (error) {
    const problem = describeFailure(error);
    warnings.push(`page ${url}: ${problem.code}: ${problem.message} (the feed's summary is kept)`);
    return undefined;
  }
}

/** An error as the fetch record keeps it; a fault of ours (not an AppError) is named as such. */
function describeFailure(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

async function record(
  store: Store,
  subscription: Subscription,
  startedAt: Date,
  finishedAt: Date,
  fetch: {
    httpStatus: number | null;
    notModified: boolean;
    error: { code: string; message: string } | null;
    itemsSeen?: number;
    newArticles?: number;
    etag?: string | null;
    lastModified?: string | null;
    title?: string;
    siteUrl?: string | null;
    retryAfterMs?: number | undefined;
    warnings: string[];
    random?: (() => number) | undefined;
  },
): Promise<Subscription> {
  const failures = fetch.error === null ? 0 : subscription.consecutiveFailures + 1;
  return store.subscriptions.recordFetch({
    subscriptionId: subscription.id,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    httpStatus: fetch.httpStatus,
    notModified: fetch.notModified,
    itemsSeen: fetch.itemsSeen ?? 0,
    newArticles: fetch.newArticles ?? 0,
    error: fetch.error,
    warnings: fetch.warnings,
    ...(fetch.etag !== undefined ? { etag: fetch.etag } : {}),
    ...(fetch.lastModified !== undefined ? { lastModified: fetch.lastModified } : {}),
    ...(fetch.title !== undefined ? { title: fetch.title } : {}),
    ...(fetch.siteUrl !== undefined ? { siteUrl: fetch.siteUrl } : {}),
    nextFetchAt: nextFetchAt({
      now: startedAt,
      intervalMinutes: subscription.intervalMinutes,
      consecutiveFailures: failures,
      ...(fetch.retryAfterMs !== undefined ? { retryAfterMs: fetch.retryAfterMs } : {}),
      ...(fetch.random ? { random: fetch.random } : {}),
    }).toISOString(),
  });
}

function result(
  subscription: Subscription,
  status: SubscriptionFetchResult['status'],
  itemsSeen: number,
  articleIds: number[],
  deferred: number,
  warnings: string[],
  error: SubscriptionFetchResult['error'],
): SubscriptionFetchResult {
  return {
    subscription,
    status,
    itemsSeen,
    newArticles: articleIds.length,
    articleIds,
    deferred,
    warnings,
    error,
  };
}
