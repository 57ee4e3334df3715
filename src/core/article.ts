/**
 * The article model: what an importer or fetcher hands to the store, and what the store gives back.
 */
import type { OutletType } from './outlet-types.ts';

/** An article as it arrives, before the store has given it an id. Dates are ISO 8601 strings. */
export interface NewArticle {
  /** Where the article was published; optional for digests and pasted text. */
  url?: string | null;
  /** The outlet's display name, e.g. "Times of Central Asia". */
  source: string;
  title: string;
  author?: string | null;
  /** When the outlet published it (ISO 8601, UTC); null when unknown. */
  publishedAt?: string | null;
  /**
   * True when publishedAt is not the outlet's date but a stand-in (a feed item without a date is
   * dated when it was fetched, so it still sorts among the new); shown as such. Default false.
   */
  publishedAtEstimated?: boolean;
  /** When wirewatch got it (ISO 8601, UTC); defaults to now. */
  fetchedAt?: string | null;
  /** ISO 639-1 code (`en`, `ru`); guessed from the script when absent. */
  language?: string | null;
  /** Plain text of the article: what is indexed and searched. */
  text: string;
  /** Sanitised HTML of the article body, when the input had HTML. Never raw HTML. */
  html?: string | null;
}

/** An article as stored. */
export interface Article {
  id: number;
  url: string | null;
  canonicalUrl: string | null;
  sourceId: number;
  source: string;
  title: string;
  author: string | null;
  publishedAt: string | null;
  /** publishedAt is a stand-in (the fetch time), not the outlet's own date. */
  publishedAtEstimated: boolean;
  fetchedAt: string;
  language: string | null;
  text: string;
  html: string | null;
  /** SHA-256 (hex) of the normalised text; the identity of articles that have no URL. */
  contentHash: string;
  /** The story cluster it belongs to (store/clusters.ts); null when alone or not placed yet. */
  clusterId: number | null;
}

/** An outlet that articles come from. */
export interface Source {
  id: number;
  name: string;
  /** Lower-case, hyphenated form of the name, usable as `source:times-of-central-asia`. */
  slug: string;
}

/** A source with what the archive holds of it. */
export interface SourceSummary extends Source {
  /** What kind of outlet it is (outlet-types.ts), set by an admin; null when nobody has said. */
  outletType: OutletType | null;
  articleCount: number;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
}

/**
 * What happened to one article handed to the store: written, skipped as a duplicate of article `id`,
 * or rejected as invalid (nothing written for it; the rest of the batch is unaffected).
 */
export type WriteOutcome =
  | { status: 'inserted'; id: number }
  | { status: 'duplicate'; id: number; by: 'url' | 'text' }
  | { status: 'rejected'; code: string; message: string };

/** A summary of the whole archive, for `wirewatch stats` and the web front page. */
export interface ArchiveStats {
  articleCount: number;
  sourceCount: number;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  /** Articles per language code (`null` key written as "unknown"). */
  languages: Record<string, number>;
  /** Articles per publication year ("unknown" for undated ones). */
  years: Record<string, number>;
  /** Size of the database on disk, in bytes (0 when the store cannot tell). */
  sizeBytes: number;
  /** The schema version the archive is at. */
  schemaVersion: number;
  /** The highest article id (0 when empty): where a resumed copy carries on. */
  highestArticleId: number;
}
