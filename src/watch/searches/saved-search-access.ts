/**
 * Who may see and who may change a saved search, one rule for the web desk and the API: a user sees
 * their own searches and the shared ones, an admin every one; only its owner or an admin removes one.
 * A search someone may not see is answered as if it did not exist (WATCH_NOT_FOUND), so nobody learns
 * what others watch privately; a shared search someone may see but not change is AUTH_FORBIDDEN. The
 * webhook URL (which often carries the receiver's own secret) is shown to its owner and admins only.
 */
import { AppError } from '../../core/errors.ts';
import type { AllowList } from '../../ingest/fetch/allow-list.ts';
import type { User } from '../../store/accounts.ts';
import type { DeliveryState, SavedSearch, SavedSearchPage } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';
import { editSearch, type SearchEdit, type SearchEditOutcome } from './edit-search.ts';

/** Who is asking. */
export type SearchViewer = Pick<User, 'id' | 'name' | 'role'>;

/** True when `user` may see `search` (its hits, its deliveries' states). */
export function maySee(search: SavedSearch, user: SearchViewer): boolean {
  return search.shared || search.ownerId === user.id || user.role === 'admin';
}

/** True when `user` may remove or change `search` and see its webhook URL (its owner the feed key). */
export function mayManage(search: SavedSearch, user: SearchViewer): boolean {
  return search.ownerId === user.id || user.role === 'admin';
}

/** True when `user` may keep saved searches of their own (analysts and admins). */
export function mayKeepSearches(user: SearchViewer): boolean {
  return user.role === 'analyst' || user.role === 'admin';
}

/**
 * The searches `user` may see, by owner then name, each with `user`'s unread count; `page`: only
 * that page of them.
 */
export async function visibleSearches(
  store: Store,
  user: SearchViewer,
  page?: SavedSearchPage,
): Promise<SavedSearch[]> {
  return store.savedSearches.list({
    ...(user.role === 'admin' ? { readerId: user.id } : { visibleTo: user.id }),
    ...(page === undefined ? {} : { page }),
  });
}

/** How many searches `user` may see, and how many of them are their own. */
export async function countVisibleSearches(
  store: Store,
  user: SearchViewer,
): Promise<{ total: number; own: number }> {
  const [total, own] = await Promise.all([
    store.savedSearches.count(user.role === 'admin' ? {} : { visibleTo: user.id }),
    store.savedSearches.count({ ownerId: user.id }),
  ]);
  return { total, own };
}

/** Search `id` with `user`'s unread count; WATCH_NOT_FOUND when there is none or `user` may not see it. */
export async function visibleSearch(store: Store, id: number, user: SearchViewer): Promise<SavedSearch> {
  const search = await store.savedSearches.get(id, { readerId: user.id });
  if (search === null || !maySee(search, user))
    throw new AppError('WATCH_NOT_FOUND', `no saved search #${id} that ${user.name} may see`);
  return search;
}

/** Search `id` for `user` to change: WATCH_NOT_FOUND or AUTH_FORBIDDEN (see the top of this file). */
async function managedSearch(
  store: Store,
  id: number,
  user: SearchViewer,
  what: string,
): Promise<SavedSearch> {
  const search = await visibleSearch(store, id, user);
  if (!mayManage(search, user))
    throw new AppError(
      'AUTH_FORBIDDEN',
      `"${search.name}" is ${search.ownerName}’s: only its owner or an admin may ${what} it`,
    );
  return search;
}

/**
 * Removes search `id` as `user` (audited with `user` as the actor): WATCH_NOT_FOUND when they may
 * not see it, AUTH_FORBIDDEN when they see it (shared) but it is someone else's and they are no admin.
 */
export async function removeSearch(store: Store, id: number, user: SearchViewer): Promise<SavedSearch> {
  const search = await managedSearch(store, id, user, 'remove');
  const removed = await store.savedSearches.remove(search.id, {
    actor: user.name,
    action: 'watch.remove',
    target: search.name,
    ...(search.ownerId === user.id ? {} : { detail: `owned by ${search.ownerName}` }),
  });
  if (!removed) throw new AppError('WATCH_NOT_FOUND', `no saved search #${id}`);
  return search;
}

/**
 * Edits search `id` as `user` (its name, query, webhook, sharing, digest: see edit-search.ts), audited
 * as `watch.change`; the same refusals as removeSearch, then those of the checks. The outcome's search
 * has `user`'s unread count.
 */
export async function changeSearch(
  store: Store,
  id: number,
  user: SearchViewer,
  edit: SearchEdit,
  options: { allowPrivate?: AllowList } = {},
): Promise<SearchEditOutcome> {
  const search = await managedSearch(store, id, user, 'change');
  const outcome = await editSearch(store, search, edit, user.name, {
    ...options,
    ...(search.ownerId === user.id ? {} : { ownerNote: ` (owned by ${search.ownerName})` }),
  });
  const seen = await store.savedSearches.get(search.id, { readerId: user.id });
  return seen === null ? outcome : { ...outcome, search: seen };
}

/** How a search's webhook deliveries stand, counted over its newest `deliveryWindow`. */
export interface DeliverySummary {
  pending: number;
  failed: number;
  sent: number;
  /** True when it has more deliveries than were counted (the counts are of the newest ones). */
  partial: boolean;
}

/** How many of a search's deliveries are counted for its summary. */
export const deliveryWindow = 1000;

/** The states of a search's newest webhook deliveries; null when it has no webhook. */
export async function summariseDeliveries(
  store: Store,
  search: SavedSearch,
): Promise<DeliverySummary | null> {
  if (search.webhookUrl === null) return null;
  const deliveries = await store.savedSearches.listDeliveries(search.id, deliveryWindow);
  const counts: Record<DeliveryState, number> = { pending: 0, failed: 0, sent: 0 };
  for (const delivery of deliveries) counts[delivery.state] += 1;
  return { ...counts, partial: deliveries.length >= deliveryWindow };
}
