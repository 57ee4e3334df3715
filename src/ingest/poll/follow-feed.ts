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
import type { ResolvedFeed } from './resolve-feed.ts';

/** What the person following a feed chose beside its URL. */
export interface FollowChoices {
  /** The source its articles are filed under (default: the feed's title). */
  name?: string;
  /** Minutes between fetches (default 30). */
  intervalMinutes?: number;
}

/** Follows a resolved feed for `actor`; an already followed URL changes nothing and writes no entry. */
export async function followFeed(
  store: Store,
  resolved: ResolvedFeed,
  choices: FollowChoices,
  actor: Actor,
): Promise<{ subscription: Subscription; created: boolean }> {
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
    { actor, ...(resolved.discoveredOn ? { via: `found on ${resolved.discoveredOn}` } : {}) },
  );
}

/**
 * Stops following the feed with this id or URL, for `actor`; its articles stay. SUBSCRIPTION_NOT_FOUND
 * when no followed feed has it (or another removal got there first).
 */
export async function unfollowFeed(
  store: Store,
  target: string | number,
  actor: Actor,
): Promise<Subscription> {
  const key = String(target).trim();
  const list = await store.subscriptions.list();
  const match = list.find((subscription) => String(subscription.id) === key || subscription.feedUrl === key);
  if (match === undefined || !(await store.subscriptions.remove(match.id, { actor })))
    throw new AppError(
      'SUBSCRIPTION_NOT_FOUND',
      `no followed feed has the id or URL "${key.slice(0, 300)}"; \`wirewatch sources list\` and the Sources page list them`,
    );
  return match;
}
