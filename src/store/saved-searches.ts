/**
 * Saved searches, the part of the Store contract the watch desk keeps them in: a query owned by a
 * user, private or shared with the team, with its delivery settings, and the hits found for it. Both
 * stores run the same SQL (saved-search-registry.ts). What a query means and whether a webhook URL
 * may be used are checked before anything reaches the store (src/watch/searches/).
 */
import type { AuditNote } from './accounts.ts';

export type DigestSchedule = 'none' | 'daily';

export interface NewSavedSearch {
  ownerId: number;
  name: string;
  /** The query as typed (it parsed when saved). */
  query: string;
  shared: boolean;
  webhookUrl: string | null;
  digest: DigestSchedule;
}

/** A saved search as listed. Times are ISO 8601 in UTC. */
export interface SavedSearch extends NewSavedSearch {
  id: number;
  ownerName: string;
  createdAt: string;
  /** When new articles were last matched against it; null before the first time. */
  lastRunAt: string | null;
  /** Hits found so far, and those its owner has not read. */
  hits: number;
  unreadHits: number;
}

export interface SavedSearchStore {
  /** Saves a search and audits it; WATCH_EXISTS when its owner has one of that name. */
  add(search: NewSavedSearch, audit: AuditNote, now?: Date): Promise<SavedSearch>;
  /** The searches `userId` may see (their own and the shared ones), or every one; by owner, then name. */
  list(options?: { visibleTo?: number }): Promise<SavedSearch[]>;
  get(id: number): Promise<SavedSearch | null>;
  /** Removes a search and its hits, audited; false when there was none. */
  remove(id: number, audit: AuditNote): Promise<boolean>;
}
