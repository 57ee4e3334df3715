/**
 * Saved searches, the part of the Store contract the watch desk keeps them in: a query owned by a
 * user, private or shared with the team, with its delivery settings, and the hits found for it. Both
 * stores run the same SQL (saved-search-registry.ts). What a query means and whether a webhook URL
 * may be used are checked before anything reaches the store (src/watch/searches/).
 */
import { randomBytes } from 'node:crypto';
import type { OutletType } from '../core/outlet-types.ts';
import type { AuditNote } from './accounts.ts';

export type DigestSchedule = 'none' | 'daily';

/**
 * How long a claim of a digest (SavedSearchStore.claimDigest) holds without being finished: a sender
 * gives up on a silent relay within about a minute (smtpTransport's timeouts), so a claim still
 * "sending" after this long is one whose process died mid-send, and a later run may claim it again.
 */
export const staleDigestClaimMs = 15 * 60_000;

/** Where a user's digest of a day stands: being sent (claimed at `at`), sent, or failed (`error`). */
export interface DigestSend {
  state: 'sending' | 'sent' | 'failed';
  at: string;
  error: string | null;
}

export interface NewSavedSearch {
  ownerId: number;
  name: string;
  /** The query as typed (it parsed when saved). */
  query: string;
  shared: boolean;
  webhookUrl: string | null;
  digest: DigestSchedule;
}

/** The key a search's webhook deliveries are signed with (HMAC-SHA256), kept apart from its listing. */
export interface NewSavedSearchSecrets {
  webhookSecret: string | null;
  /** The secret in the search's Atom feed URL (`/watch/ID/feed.atom?key=…`). */
  feedKey: string | null;
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
  /** Hits found so far and those worth an alert. */
  hits: number;
  alerts: number;
  /**
   * The alerts its reader has not read: read state is per user (one analyst reading an alert of a
   * shared search leaves it unread for the others). The reader is the user the search was listed or
   * got for (`visibleTo`, `readerId`), else its owner.
   */
  unreadHits: number;
}

/**
 * What an article brings to its story, for telling a copy from news: its story (cluster) if placed,
 * the places enrichment found in it (entity names), the numbers its event facts give, and what kind
 * of outlet its source is now (null: untyped).
 */
export interface StoryFacts {
  storyId: number | null;
  places: string[];
  numbers: number[];
  outletType: OutletType | null;
}

/** What a matching pass needs of a saved search. */
export interface SearchToMatch {
  id: number;
  name: string;
  query: string;
  matchedUpTo: number;
  /** Where its alerts are posted, if anywhere (each alert then gets a webhook delivery). */
  webhookUrl: string | null;
}

export type DeliveryState = 'pending' | 'sent' | 'failed';

/** One alert to send over one channel, and how sending it has gone. */
export interface Delivery {
  id: number;
  savedSearchId: number;
  savedSearchName: string;
  articleId: number;
  channel: 'webhook';
  why: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A delivery due now, with what sending it needs. */
export interface DueDelivery extends Delivery {
  webhookUrl: string;
  webhookSecret: string;
  query: string;
}

/** One try at sending a delivery. */
export interface DeliveryAttempt {
  at: string;
  /** The HTTP status answered, or null when none came (refused, timed out…). */
  status: number | null;
  error: string | null;
  ms: number;
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

/** An alert in a user's inbox. */
export interface InboxEntry extends SavedSearchHit {
  savedSearchName: string;
}

/** A recorded hit. */
export interface SavedSearchHit extends NewHit {
  savedSearchId: number;
  foundAt: string;
  /** When its reader (the user asking, else the search's owner) marked it read; null: unread for them. */
  readAt: string | null;
}

/**
 * What `update` changes of a saved search; each field left out stays as it is. The values are checked
 * before they reach the store (src/watch/searches/save-search.ts), as `add`'s are.
 */
export interface SavedSearchChanges {
  /** A new name, unique among its owner's searches (WATCH_EXISTS otherwise). */
  name?: string;
  /**
   * A new query (it parsed). The search keeps its position (matchedUpTo): the query applies to the
   * articles ingested from now on, the archive is not searched again, and the hits found so far stay.
   */
  query?: string;
  shared?: boolean;
  digest?: DigestSchedule;
  /**
   * A webhook URL, or null to remove the webhook. A webhook set where there was none gets a new
   * signing secret; a changed URL keeps its secret (unless `rotateSecret`), and the deliveries still
   * pending go to the new URL. Removing it clears the secret and marks the pending deliveries failed,
   * with the reason in their last error, so none is silently lost.
   */
  webhookUrl?: string | null;
  /** Give the webhook a new signing secret although it has one (ignored when it has no webhook). */
  rotateSecret?: boolean;
}

/** A search as `update` left it, with what the change did that the search itself does not show. */
export interface UpdatedSavedSearch extends SavedSearch {
  /** The webhook's signing secret when this change made a new one (shown once), else null. */
  newWebhookSecret: string | null;
  /** How many pending deliveries were marked failed because the webhook was removed. */
  abandonedDeliveries: number;
}

/** A new webhook signing secret: 32 random bytes, base64url (what receivers check HMAC-SHA256 with). */
export function createWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Which page of `list` to give: at most `limit` searches after skipping `offset`. */
export interface SavedSearchPage {
  /** 1 to 1,000. */
  limit: number;
  /** 0 or more. */
  offset?: number;
}

export interface SavedSearchStore {
  /** Saves a search and audits it; WATCH_EXISTS when its owner has one of that name. */
  add(
    search: NewSavedSearch & Partial<NewSavedSearchSecrets>,
    audit: AuditNote,
    now?: Date,
  ): Promise<SavedSearch>;
  /**
   * The searches `visibleTo` may see (their own and the shared ones), or every one; by owner, then
   * name. Unread counts are those of `readerId`, else of `visibleTo`, else of each search's owner.
   */
  list(options?: { visibleTo?: number; readerId?: number; page?: SavedSearchPage }): Promise<SavedSearch[]>;
  /**
   * How many searches `list` gives without a page: those `visibleTo` may see, or every one; with
   * `ownerId`, only that user's own among them.
   */
  count(options?: { visibleTo?: number; ownerId?: number }): Promise<number>;
  /** A search, its unread count that of `readerId` (default: its owner). */
  get(id: number, options?: { readerId?: number }): Promise<SavedSearch | null>;
  /**
   * Changes a search (what `changes` gives: see SavedSearchChanges), audited, in one transaction; the
   * search as it is now with a new webhook secret if one was made, or null when there was none.
   * WATCH_EXISTS when its owner has another search of the new name (nothing changes).
   */
  update(
    id: number,
    changes: SavedSearchChanges,
    audit: AuditNote,
    now?: Date,
  ): Promise<UpdatedSavedSearch | null>;
  /** Removes a search, its hits and everyone's read marks of them, audited; false when there was none. */
  remove(id: number, audit: AuditNote): Promise<boolean>;
  /** The searches matched up to less than `upTo` (what a pass has to do), without their counts. */
  behind(upTo: number): Promise<SearchToMatch[]>;
  /**
   * The alerts of the searches `userId` may see (own and shared), newest first, read or not by
   * `userId` (`unreadOnly`: those they have not read): the inbox. Newest found first, then by search
   * and newest article: the order of the hits' found_at index (with its key), so the newest page is
   * read off the index however many hits the desk has kept, not sorted from all of them.
   */
  inbox(userId: number, options?: { limit?: number; unreadOnly?: boolean }): Promise<InboxEntry[]>;
  /**
   * The alerts found in [from, to) (ISO times), of the searches `userId` may see or of every search,
   * by search name, then oldest first: a day's digest. `readAt` is `userId`'s (else each owner's).
   */
  alertsBetween(from: string, to: string, options?: { userId?: number }): Promise<InboxEntry[]>;
  /**
   * Marks alerts read for `userId` alone (those of searches they may see; others' read state is
   * untouched); how many were unread for them.
   */
  markRead(
    userId: number,
    hits: { savedSearchId: number; articleId: number }[] | 'all',
    now?: Date,
  ): Promise<number>;
  /**
   * Claims the sending of `userId`'s digest of `day` at `now`: true when this caller is to send it
   * (never sent, its last try failed, or it was claimed more than staleDigestClaimMs before `now` and
   * never finished: its sender died), false when it is sent or being sent — so a digest goes out
   * once. One statement, so of two callers at the same time only one gets true.
   */
  claimDigest(userId: number, day: string, now?: Date): Promise<boolean>;
  /**
   * Records how the claimed sending went (error null: sent). Only a claim still being sent is
   * finished: a sender whose stale claim was taken over does not overwrite what the other recorded.
   */
  finishDigest(userId: number, day: string, error: string | null, now?: Date): Promise<void>;
  /** Where `userId`'s digest of `day` stands, or null when nobody has claimed it. */
  digestSend(userId: number, day: string): Promise<DigestSend | null>;
  /** The key of a search's Atom feed URL, or null (no search, or none made). */
  feedKeyOf(id: number): Promise<string | null>;
  /** The archive's highest article id (0 when empty): how far matching can go. */
  highestArticleId(): Promise<number>;
  /**
   * The articles of a story this search has already hit, oldest first: the story as it stands now
   * (its articles' cluster), so a story merged into another since, or an archive copied and then
   * clustered anew, is followed; the story id a hit was recorded with is not used.
   */
  storyHits(savedSearchId: number, storyId: number): Promise<number[]>;
  /** What each article with `after < id <= upTo` brings to its story (see StoryFacts), by id. */
  storyFacts(range: { after: number; upTo: number }): Promise<Map<number, StoryFacts>>;
  /**
   * Records a pass over every search it matched: their hits (one per search and article: a hit already
   * recorded stays as it was) and how far each is now matched, in one transaction, so a pass that
   * fails records nothing and the next one does the work again.
   */
  recordPass(
    entries: { savedSearchId: number; hits: NewHit[]; upTo: number; webhook: boolean }[],
    now?: Date,
  ): Promise<void>;
  /** Webhook deliveries due at `now` (pending, next attempt passed), oldest first. */
  dueDeliveries(now: Date, limit: number): Promise<DueDelivery[]>;
  /** Records an attempt and the delivery's new state, in one transaction. */
  recordAttempt(
    deliveryId: number,
    attempt: DeliveryAttempt,
    next: { state: DeliveryState; nextAttemptAt: string },
  ): Promise<void>;
  /** A search's deliveries, newest first. */
  listDeliveries(savedSearchId: number, limit?: number): Promise<Delivery[]>;
  /** A delivery's attempts, oldest first. */
  attemptsOf(deliveryId: number): Promise<DeliveryAttempt[]>;
  /**
   * A search's hits, newest (highest article id) first (alerts only when asked), read or not by
   * `readerId` (default: its owner); `before`: only those of lower article ids, the page after one
   * whose last hit was that article.
   */
  listHits(
    savedSearchId: number,
    options?: { limit?: number; alertsOnly?: boolean; readerId?: number; before?: number },
  ): Promise<SavedSearchHit[]>;
}
