/**
 * The feeds an archive follows, and what happened each time one was fetched: the part of the Store
 * contract that ingestion's scheduler and `wirewatch sources` use. Both stores implement it with the
 * same SQL (subscription-registry.ts); the policy (when to fetch next, how far to back off) is the
 * ingest pipeline's, so the store only records what it is told. Following a feed and stopping are
 * audited (`source.add`, `source.remove`) when the caller says who did it, in the change's own
 * transaction.
 */
import type { Actor } from './accounts.ts';

/** A feed to follow. */
export interface NewSubscription {
  /** The feed's absolute http(s) URL; one subscription per URL. */
  feedUrl: string;
  /** The site the feed belongs to, when known. */
  siteUrl?: string | null;
  /** The feed's own title, when known. */
  title?: string | null;
  /** The source its articles are filed under (created if new; an existing one is joined). */
  sourceName: string;
  /** Minutes between fetches (default 30). */
  intervalMinutes?: number;
}

/** A followed feed and its state. Times are ISO 8601 strings in UTC. */
export interface Subscription {
  id: number;
  feedUrl: string;
  siteUrl: string | null;
  title: string | null;
  sourceId: number;
  sourceName: string;
  intervalMinutes: number;
  createdAt: string;
  /** Validators of the last full answer, sent back for a conditional GET. */
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  /** The HTTP status of the last fetch; null when no answer came (refused address, time-out…). */
  lastStatus: number | null;
  /** `CODE: message` of the last fetch when it failed, else null. */
  lastError: string | null;
  /** Failed fetches since the last one that worked. */
  consecutiveFailures: number;
  /** When the current run of failures began; null while the feed works. */
  failingSince: string | null;
  /** What went wrong in the last fetch that still worked (recovered XML, dropped items, unread pages). */
  lastWarnings: string[];
  nextFetchAt: string;
  /** Articles of its source (all of them, whichever way they came in). */
  articleCount: number;
}

/** What one fetch of a subscription found, to be recorded. */
export interface FetchOutcome {
  subscriptionId: number;
  startedAt: string;
  finishedAt: string;
  httpStatus: number | null;
  notModified: boolean;
  itemsSeen: number;
  newArticles: number;
  /** Null when the fetch worked. */
  error: { code: string; message: string } | null;
  /** What went wrong but did not stop it (kept up to maxKeptWarnings). */
  warnings?: string[];
  /** New validators, after a full answer; undefined leaves the stored ones as they are. */
  etag?: string | null;
  lastModified?: string | null;
  /** Title and site as the feed now gives them; undefined leaves the stored ones. */
  title?: string | null;
  siteUrl?: string | null;
  nextFetchAt: string;
}

/** One recorded fetch. */
export interface FetchLogEntry {
  id: number;
  subscriptionId: number;
  startedAt: string;
  finishedAt: string;
  httpStatus: number | null;
  notModified: boolean;
  itemsSeen: number;
  newArticles: number;
  errorCode: string | null;
  errorMessage: string | null;
  warnings: string[];
}

/**
 * Who followed or dropped a feed, for the audit log. The store writes the entry itself, in the
 * change's transaction and only when something changed: `source.add` or `source.remove`, the feed's
 * URL as its target, the source's name (and `via`) as its detail.
 */
export interface SubscriptionAudit {
  actor: Actor;
  /** How the feed came, added to the detail: `found on https://…`, `from OPML file desk.opml`. */
  via?: string;
}

/** The subscriptions of one archive. */
export interface SubscriptionStore {
  /**
   * Follows a feed, due at once. Adding a URL already followed changes nothing and says so
   * (`created: false`), with the existing subscription. With `audit`, a new feed is written with its
   * `source.add` entry in one transaction (an existing one writes none).
   */
  add(
    input: NewSubscription,
    now?: Date,
    audit?: SubscriptionAudit,
  ): Promise<{ subscription: Subscription; created: boolean }>;
  /** Every subscription, by source name then feed URL. */
  list(): Promise<Subscription[]>;
  get(id: number): Promise<Subscription | null>;
  /**
   * Stops following a feed (its articles stay); false when there was no such subscription. With
   * `audit`, its `source.remove` entry is written in the same transaction, only when it was removed here.
   */
  remove(id: number, audit?: SubscriptionAudit, now?: Date): Promise<boolean>;
  /** Up to `limit` subscriptions whose next fetch is due at `now`, most overdue first. */
  due(now: Date, limit: number): Promise<Subscription[]>;
  /** Records a fetch and the subscription's new state, in one transaction. */
  recordFetch(outcome: FetchOutcome): Promise<Subscription>;
  /** The newest `limit` fetches of a subscription, newest first. */
  fetchLog(subscriptionId: number, limit: number): Promise<FetchLogEntry[]>;
}

/** Warnings kept per fetch (the first ones; a count of the rest is added). */
export const maxKeptWarnings = 20;

/** The default minutes between two fetches of a feed. */
export const defaultIntervalMinutes = 30;
