/**
 * parseFeed: a feed's bytes (as fetched) → one normalised ParsedFeed, whatever the format.
 *
 * feedsmith reads RSS 0.9x/1.0/2.0, Atom 0.3/1.0, RDF and JSON Feed 1.0/1.1 and never expands DTD
 * entities; everything it leaves as the source wrote it (dates, relative links, HTML) is normalised
 * in finishFeed. Failures are AppErrors that say what the input was and, for broken XML, where.
 */
import {
  type AnyFeed,
  detectAtomFeed,
  detectRdfFeed,
  detectRssFeed,
  MalformedError,
  ParseError,
  parseFeed as parseAnyFeed,
} from 'feedsmith';
import { AppError } from '../../core/errors.ts';
import { cutExtraEntries } from './cut-extra-entries.ts';
import { decodeBase64Elements } from './decode-base64-elements.ts';
import { decodeFeedBody } from './decode-feed-body.ts';
import type { FeedDraft, ParsedFeed } from './feed-types.ts';
import { closeTruncatedXml, findXmlError } from './find-xml-error.ts';
import { finishFeed } from './finish-feed.ts';
import { liftItemBodies } from './lift-item-bodies.ts';
import { readAtom } from './read-atom.ts';
import { isCdfDocument, readCdf } from './read-cdf.ts';
import { readJsonFeed } from './read-json-feed.ts';
import { readRdf, readRss } from './read-rss.ts';
import { refuseUnreadable } from './refuse-unreadable.ts';
import { removeDoctype } from './remove-doctype.ts';
import { wrapBareItems } from './wrap-bare-items.ts';

/** Entries kept per feed unless told otherwise; real feeds carry tens, archives a few thousand. */
export const defaultMaxItems = 10_000;

/** A fetched feed. */
export interface ParseFeedInput {
  /** The response body: bytes as received (charset decided here), or text already decoded. */
  body: Buffer | string;
  /** The URL the feed was fetched from (after redirects): the base for relative links. */
  url: string;
  /** The response's Content-Type header, for its charset. */
  contentType?: string;
  /** When it was fetched: the date of entries that carry none. */
  fetchedAt: Date;
  /** Entries kept at most (1–1,000,000, default 10,000); the rest are dropped with a warning. */
  maxItems?: number;
  /**
   * Keep entries that have no title, no link and no content (default false: they are dropped with a
   * warning). For diagnostics and the conformance runner, which checks fields of such entries.
   */
  keepEmptyEntries?: boolean;
}

/**
 * Parses and normalises a feed. Throws AppError FEED_EMPTY, FEED_BAD_ENCODING, FEED_NOT_A_FEED (an HTML
 * page or other document; the message lists the feeds an HTML page links to) or FEED_MALFORMED (with
 * the line and column of broken XML when they can be found).
 */
export function parseFeed(input: ParseFeedInput): ParsedFeed {
  const requested = Number.isFinite(input.maxItems) ? Math.trunc(input.maxItems!) : defaultMaxItems;
  const maxItems = Math.min(Math.max(requested, 1), 1_000_000);
  const decoded = decodeFeedBody(input.body, input.url, input.contentType);
  const warnings = [...decoded.warnings];
  if (decoded.text.trim() === '')
    throw new AppError('FEED_EMPTY', `the feed at ${input.url} is empty (only whitespace)`);
  const { text: withoutDoctype, declaredEntities } = removeDoctype(decoded.text);
  const text = wrapBareItems(liftItemBodies(decodeBase64Elements(withoutDoctype)));
  // A plain `<!DOCTYPE rss PUBLIC …>` (RSS 0.91) is harmless; declared entities are worth a word.
  if (declaredEntities) warnings.push('the DOCTYPE declares entities; they were not expanded');
  let draft: FeedDraft;
  try {
    draft = parseCapped(text, maxItems);
  } catch (error) {
    draft = recoverDraft(error, text, maxItems, warnings, input.url);
  }
  if (draft.format !== 'json') {
    const problem = findXmlError(text);
    if (problem !== null) {
      warnings.push(
        `the feed is not well-formed XML (${problem.message}, line ${problem.line}, column ${problem.column}); what could be read was kept`,
      );
    }
  }
  if (draft.entries.length > maxItems) {
    draft.entries = draft.entries.slice(0, maxItems);
    warnings.push(`the feed has more than ${maxItems} entries; only the first ${maxItems} were read`);
  }
  return finishFeed(
    draft,
    {
      url: input.url,
      fetchedAt: input.fetchedAt,
      encoding: decoded.encoding,
      keepEmptyEntries: input.keepEmptyEntries ?? false,
    },
    warnings,
  );
}

/**
 * What can still be read after feedsmith gave up: a document cut short is closed and parsed again;
 * a feed element with nothing feedsmith recognises inside (`<rss></rss>`) is an empty feed. Anything
 * else is refused with the reason.
 */
function recoverDraft(
  error: unknown,
  text: string,
  maxItems: number,
  warnings: string[],
  url: string,
): FeedDraft {
  if (error instanceof MalformedError) {
    const repaired = closeTruncatedXml(text);
    if (repaired !== null) {
      try {
        const draft = parseCapped(repaired.text, maxItems);
        const { line, column } = repaired.error;
        warnings.push(
          `the feed is cut short (line ${line}, column ${column}): ${repaired.closed.length} open element(s) were closed and what came before was read`,
        );
        return draft;
      } catch {
        // Not only cut short: refuse it with the original error below.
      }
    }
  }
  const format = error instanceof ParseError ? detectXmlFormat(text) : undefined;
  if (format === undefined) throw refuseUnreadable(error, text, url);
  warnings.push('the feed holds no channel data and no entries that could be read');
  return { format, siteLinks: [], authors: [], entries: [] };
}

/** feedsmith's parse, cut to one more entry than the cap (so a feed at the cap is not reported as cut). */
function parseCapped(text: string, maxItems: number): FeedDraft {
  if (isCdfDocument(text)) return capEntries(readCdf(text), maxItems + 1);
  const json = jsonFeedWithBareVersion(text);
  if (json !== undefined) return readDraft(parseAnyFeed(json, { maxItems: maxItems + 1 }));
  const cut = text.trimStart().startsWith('{') ? null : cutExtraEntries(text, maxItems + 1);
  if (cut !== null) {
    try {
      return readDraft(parseAnyFeed(cut, { maxItems: maxItems + 1 }));
    } catch {
      // The cut went somewhere odd (an entry tag inside CDATA): parse the whole document instead.
    }
  }
  return readDraft(parseAnyFeed(text, { maxItems: maxItems + 1 }));
}

function capEntries(draft: FeedDraft, count: number): FeedDraft {
  if (draft.entries.length > count) draft.entries = draft.entries.slice(0, count);
  return draft;
}

/**
 * A JSON Feed whose version is written `"1.0"` or `"1.1"` instead of the jsonfeed.org URL (seen in the
 * wild and in gofeed's tests), with the version rewritten so feedsmith recognises it; undefined otherwise.
 */
function jsonFeedWithBareVersion(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const feed = json as Record<string, unknown>;
  const version =
    typeof feed.version === 'string' ? /^\s*(1(?:\.\d)?)\s*$/.exec(feed.version)?.[1] : undefined;
  if (version === undefined || !Array.isArray(feed.items)) return undefined;
  return { ...feed, version: `https://jsonfeed.org/version/${version === '1.0' ? '1' : version}` };
}

function detectXmlFormat(text: string): FeedDraft['format'] | undefined {
  if (detectRssFeed(text)) return 'rss';
  if (detectAtomFeed(text)) return 'atom';
  if (detectRdfFeed(text)) return 'rdf';
  return undefined;
}

function readDraft(parsed: AnyFeed<string>): FeedDraft {
  switch (parsed.format) {
    case 'rss':
      return readRss(parsed.feed);
    case 'atom':
      return readAtom(parsed.feed);
    case 'rdf':
      return readRdf(parsed.feed);
    case 'json':
      return readJsonFeed(parsed.feed);
  }
}
