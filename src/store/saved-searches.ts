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
  /** The last article id it has been matched up to (the archive's highest when it was saved). */
  matchedUpTo: number;
  /** Hits found so far, those worth an alert, and the alerts its owner has not read. */
  hits: number;
  alerts: number;
  unreadHits: number;
}

/** What a matching pass needs of a saved search. */
export interface SearchToMatch {
  id: number;
  name: string;
  query: string;
  matchedUpTo: number;
}

/** An article a saved search matched, as recorded. */
export interface NewHit {
  articleId: number;
  /** The story (cluster) it belongs to; null when it stands alone. */
  storyId: number | null;
  /** Worth telling: the first of its story for this search, or one that brings something new. */
  alert: boolean;
  /** Why (or why not): "new story", "new place: Osh", "same story as #12". */
  why: string;
}

/** A recorded hit. */
export interface SavedSearchHit extends NewHit {
  savedSearchId: number;
  foundAt: string;
  readAt: string | null;
}

export interface SavedSearchStore {
  /** Saves a search and audits it; WATCH_EXISTS when its owner has one of that name. */
  add(search: NewSavedSearch, audit: AuditNote, now?: Date): Promise<SavedSearch>;
  /** The searches `userId` may see (their own and the shared ones), or every one; by owner, then name. */
  list(options?: { visibleTo?: number }): Promise<SavedSearch[]>;
  get(id: number): Promise<SavedSearch | null>;
  /** Removes a search and its hits, audited; false when there was none. */
  remove(id: number, audit: AuditNote): Promise<boolean>;
  /** The searches matched up to less than `upTo` (what a pass has to do), without their counts. */
  behind(upTo: number): Promise<SearchToMatch[]>;
  /** The archive's highest article id (0 when empty): how far matching can go. */
  highestArticleId(): Promise<number>;
  /** The articles of a story this search has already hit, oldest first. */
  storyHits(savedSearchId: number, storyId: number): Promise<number[]>;
  /**
   * Records a pass over every search it matched: their hits (one per search and article: a hit already
   * recorded stays as it was) and how far each is now matched, in one transaction, so a pass that
   * fails records nothing and the next one does the work again.
   */
  recordPass(entries: { savedSearchId: number; hits: NewHit[]; upTo: number }[], now?: Date): Promise<void>;
  /** A search's hits, newest first (alerts only when asked). */
  listHits(
    savedSearchId: number,
    options?: { limit?: number; alertsOnly?: boolean },
  ): Promise<SavedSearchHit[]>;
}
