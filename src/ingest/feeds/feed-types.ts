/**
 * What parseFeed returns, and the draft each format's reader fills in before normalisation.
 */

/**
 * The syndication formats read. RSS 0.9x/2.0 are `rss`; RSS 1.0 and 0.90 (RDF) are `rdf`; `cdf` is
 * Microsoft's Channel Definition Format.
 */
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'cdf';

/** One entry of a feed, normalised. */
export interface FeedItem {
  /** The entry's own id (RSS guid, Atom id, RDF about, JSON Feed id), as written. */
  guid?: string;
  /** The article's address: absolute, resolved against xml:base and the feed URL, http(s) only. */
  url?: string;
  /** Plain text (entities decoded, tags stripped, one line). */
  title: string;
  /** True when the feed gave no title and this one was made from the text's first words (or the URL). */
  titleGenerated: boolean;
  /** The first author's name (or e-mail when no name), plain text. */
  author?: string;
  /** When the entry was published; the fetch time when the feed gave no usable date. */
  publishedAt: Date;
  /** True when the entry had no readable date and publishedAt is the fetch time. */
  dateMissing: boolean;
  /** When the entry was last updated, if the feed said so and it was readable. */
  updatedAt?: Date;
  /** The summary or description, sanitised HTML. */
  summaryHtml?: string;
  /** The full content, sanitised HTML. */
  contentHtml?: string;
  /** Plain text of the best content (content, else summary), for the search index. */
  text: string;
  /** ISO 639 primary language code, lower case (`en`, `ru`), from the entry or the feed. */
  language?: string;
  /** Category and tag names, plain text, without duplicates. */
  categories: string[];
}

/** A parsed feed. */
export interface ParsedFeed {
  format: FeedFormat;
  /** The feed's title, plain text; the host name of its site or URL when it has none. */
  title: string;
  /** The site the feed belongs to (absolute http(s)), when it says. */
  siteUrl?: string;
  items: FeedItem[];
  /** The character encoding the body was decoded with (WHATWG name: `utf-8`, `windows-1251`…). */
  encoding: string;
  /** What was wrong but survivable: recovered XML, dropped entries, unreadable dates, the item cap. */
  warnings: string[];
}

/** A piece of text as a feed gives it: plain text, or HTML (escaped HTML and XHTML both end up here). */
export interface TextValue {
  value: string;
  /** `text` is shown as is; `html` is markup; `guess` (RSS titles) is markup only when it looks like it. */
  kind: 'text' | 'html' | 'guess';
  /** The element's own xml:base as written (relative ones are resolved against the entry's in finishFeed). */
  base?: string;
}

/** One entry as a format reader found it, before normalisation. */
export interface EntryDraft {
  guid?: string;
  /** Candidate links in order of preference, unresolved. */
  links: string[];
  /** xml:base in force on the entry. */
  base?: string;
  title?: TextValue;
  authors: string[];
  published: string[];
  updated: string[];
  summary?: TextValue;
  content?: TextValue;
  language?: string;
  categories: string[];
}

/** A whole feed as a format reader found it. */
export interface FeedDraft {
  format: FeedFormat;
  title?: TextValue;
  siteLinks: string[];
  /** xml:base in force on the feed element. */
  base?: string;
  language?: string;
  /** Authors that entries without their own inherit (Atom's rule). */
  authors: string[];
  entries: EntryDraft[];
}
