/**
 * Following a feed and stopping, as `wirewatch sources add|remove` and the server's sources resource
 * (`POST` / `DELETE /api/v1/sources`, the admin's form on /sources) all do it: a URL is resolved to
 * its feed and read first (resolve-feed.ts, through the fetch client's address guard), then stored
 * under its source with the `source.add` audit entry of whoever asked, in one transaction; a feed is
 * found by its number or URL and removed with its `source.remove` entry the same way.
 */
import { AppError } from '../../core/errors.ts';
import type { Actor } from '../../store/accounts.ts';
import type { Store } from '../../store/store.ts';
import type { Subscription } from '../../store/subscriptions.ts';
import { parseCidrList } from '../fetch/allow-list.ts';
import { createFetchClient } from '../fetch/fetch-client.ts';
import { type ResolvedFeed, resolveFeed } from './resolve-feed.ts';

/** What the person following a feed chose beside its URL. */
export interface FollowChoices {
  /** The source its articles are filed under (default: the feed's title). */
  name?: string;
  /** Minutes between fetches (default 30). */
  intervalMinutes?: number;
}

/**
 * Follows a resolved feed for `actor`; an already followed URL changes nothing and writes no entry.
 * `how` ends the entry's detail ("over the API").
 */
export async function followFeed(
  store: Store,
  resolved: ResolvedFeed,
  choices: FollowChoices,
  actor: Actor,
  how?: string,
): Promise<{ subscription: Subscription; created: boolean }> {
  const via = [resolved.discoveredOn ? `found on ${resolved.discoveredOn}` : '', how ?? '']
    .filter((part) => part !== '')
    .join(', ');
  const name = choices.name?.trim();
  return store.subscriptions.add(
    {
      feedUrl: resolved.feedUrl,
      siteUrl: resolved.feed.siteUrl ?? resolved.discoveredOn ?? null,
      title: resolved.feed.title,
      sourceName: name === undefined || name === '' ? resolved.feed.title : name,
      ...(choices.intervalMinutes === undefined ? {} : { intervalMinutes: choices.intervalMinutes }),
    },
    undefined,
    { actor, ...(via === '' ? {} : { via }) },
  );
}

/**
 * The ranges WIREWATCH_ALLOW_PRIVATE opens, for a server's routes that follow feeds when no list is
 * given (`wirewatch serve` has refused a bad value already, so a bad entry is skipped here).
 */
export function allowPrivateOfEnvironment(env: NodeJS.ProcessEnv = process.env): readonly string[] {
  return parseCidrList(env.WIREWATCH_ALLOW_PRIVATE ?? '').cidrs;
}

/** A feed followed at a URL, with what was read there. */
export interface FollowedFeed {
  subscription: Subscription;
  created: boolean;
  resolved: ResolvedFeed;
}

/** How long the server gives each fetch of a feed someone asked it to follow (two when a site is given). */
const serverFetchMs = 12_000;

/**
 * What the server does when an admin asks it to follow `url`: the feed at or behind it found and read
 * through a fetch client of its own (the address guard with the operator's `allowPrivate` ranges, each
 * fetch cut at 12 s so a site and its feed fit in a request's 30 s), then followed as `sources add`
 * follows it. Every failure is the fetch's or the feed's own error (FETCH_ADDRESS_BLOCKED for a private
 * address, SUBSCRIPTION_NO_FEED for a page without a feed…), and nothing is stored.
 */
export async function followFeedAt(
  store: Store,
  url: string,
  choices: FollowChoices,
  actor: Actor,
  options: { allowPrivate: readonly string[]; how?: string },
): Promise<FollowedFeed> {
  const client = createFetchClient({
    allowPrivate: options.allowPrivate,
    totalTimeoutMs: serverFetchMs,
    connectTimeoutMs: Math.min(serverFetchMs, 10_000),
  });
  let resolved: ResolvedFeed;
  try {
    resolved = await resolveFeed(client, url.trim());
  } finally {
    await client.close();
  }
  return { ...(await followFeed(store, resolved, choices, actor, options.how)), resolved };
}

/**
 * Stops following the feed with this id or URL, for `actor`; its articles stay. SUBSCRIPTION_NOT_FOUND
 * when no followed feed has it (or another removal got there first).
 */
export async function unfollowFeed(
  store: Store,
  target: string | number,
  actor: Actor,
  how?: string,
): Promise<Subscription> {
  const key = String(target).trim();
  const list = await store.subscriptions.list();
  const match = list.find((subscription) => String(subscription.id) === key || subscription.feedUrl === key);
  if (
    match === undefined ||
    !(await store.subscriptions.remove(match.id, { actor, ...(how ? { via: how } : {}) }))
  )
    throw new AppError(
      'SUBSCRIPTION_NOT_FOUND',
      `no followed feed has the id or URL "${key.slice(0, 300)}"; \`wirewatch sources list\` and the Sources page list them`,
    );
  return match;
}
