/**
 * Page → article: the main text of a fetched news page, its metadata, safe HTML and index text.
 *
 * Readability (on a linkedom document) finds the article; it is not a sanitiser, so its HTML goes
 * through the one allow-list sanitiser before it is kept. The page is hostile input: its size is
 * bounded before parsing, and every failure is an AppError naming the page, never a library's error.
 * The work is synchronous and CPU-bound: tens of milliseconds for a typical page, seconds for one near
 * the limits (see conformance/readability.ts and test/ingest/article/); callers that must keep an event
 * loop responsive run it in a worker thread.
 */
import { Readability } from '@mozilla/readability';
import { AppError } from '../../core/errors.ts';
import { maxTitleLength } from '../../store/prepare-article.ts';
import { sanitizeArticleHtml } from '../sanitize/sanitize-html.ts';
import { articleText, cleanLine } from './article-text.ts';
import { findCanonicalUrl } from './find-canonical-url.ts';
import { findPageLanguage } from './find-page-language.ts';
import { findDeclaredDates, findTimeDates, pickPublishedDate } from './find-published-date.ts';
import { parsePage } from './parse-page.ts';
import { scanPageTags } from './scan-page-tags.ts';

/** The largest page read, in characters of HTML (Miniflux caps bodies at 15 MiB; real articles are < 2 MB). */
export const defaultMaxHtmlLength = 10_000_000;
/**
 * The most tags a page may have. Parsing and Readability cost grows with the tag count; the biggest of
 * Readability's 126 real test pages has about 4,300.
 */
export const defaultMaxTags = 50_000;
/**
 * The deepest tag nesting a page may have, as scanPageTags estimates it. Pages nested deeper than
 * limit-nesting's 128 levels are flattened after parsing, but parsing itself slows with depth.
 */
export const defaultMaxNesting = 10_000;
/** Longest byline, site name and excerpt kept, in characters; longer ones are cut with an ellipsis. */
const maxBylineLength = 300;
const maxExcerptLength = 1_000;

/** A fetched page. */
export interface ExtractArticleInput {
  /** The page's HTML, already decoded to text (see src/ingest/bulk/decode-input.ts for charsets). */
  html: string;
  /** The absolute http(s) URL the page came from; relative links and images resolve against it. */
  url: string;
  /** When the page was fetched (a Date or an ISO 8601 string); later published dates are not believed. */
  fetchedAt: Date | string;
}

/** Limits for extractArticle; the defaults suit news pages. */
export interface ExtractArticleOptions {
  /** Pages longer than this many characters are refused (ARTICLE_PAGE_TOO_LARGE). 1 and up; default 10,000,000. */
  maxHtmlLength?: number;
  /** Pages with more start tags than this are refused (ARTICLE_PAGE_TOO_LARGE). 1 and up; default 50,000. */
  maxTags?: number;
  /** Pages whose tags nest deeper than this are refused (ARTICLE_PAGE_TOO_LARGE). 1 and up; default 10,000. */
  maxNesting?: number;
}

/** What a page yields: its article's metadata, sanitised HTML and the plain text to index. */
export interface ExtractedArticle {
  title: string;
  byline?: string;
  /** ISO 8601 UTC. */
  publishedAt?: string;
  /** Lower-case primary language subtag the page declares (`en`, `ru`). */
  language?: string;
  excerpt?: string;
  /** The article's HTML after the allow-list sanitiser: safe to store and show. */
  html: string;
  /** Plain text for the search index: one paragraph a line, blank lines between. */
  text: string;
  /** The page's `<link rel="canonical">`, absolute and in wirewatch's canonical form. */
  canonicalUrl?: string;
  siteName?: string;
}

/**
 * Extracts the article from a fetched page. Throws AppError ARTICLE_PAGE_URL_INVALID (url not absolute
 * http(s)), ARTICLE_INVALID (fetchedAt not a date), ARTICLE_PAGE_TOO_LARGE (over a limit) or
 * ARTICLE_NOT_EXTRACTED (no article found, no text left after sanitising, or the page broke the parser).
 */
export function extractArticle(
  input: ExtractArticleInput,
  options: ExtractArticleOptions = {},
): ExtractedArticle {
  const url = checkPageUrl(input.url);
  const fetchedAt = checkFetchedAt(input.fetchedAt);
  checkPageSize(input.html, url, options);
  try {
    return extractFromPage(input.html, url, fetchedAt);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('ARTICLE_NOT_EXTRACTED', `the page ${describeUrl(url)} could not be read as HTML`, {
      cause: error,
    });
  }
}

function extractFromPage(html: string, url: string, fetchedAt: Date): ExtractedArticle {
  const { document, baseUrl } = parsePage(html, url);
  // Read before Readability runs: it removes the scripts that carry JSON-LD.
  const declaredDates = findDeclaredDates(document);
  const canonicalUrl = findCanonicalUrl(document, baseUrl);
  const language = findPageLanguage(document);
  // The serializer hands back the article element itself, so its <time> elements can be read.
  const article = new Readability<Element>(document, { serializer: (node) => node as Element }).parse();
  if (article === null || article.content === null || article.content === undefined) {
    throw new AppError(
      'ARTICLE_NOT_EXTRACTED',
      `no article found on ${describeUrl(url)}: Readability found no text on the page to read`,
    );
  }
  const safeHtml = sanitizeArticleHtml(article.content.innerHTML, baseUrl).trim();
  const text = articleText(safeHtml);
  if (text === '') {
    throw new AppError(
      'ARTICLE_NOT_EXTRACTED',
      `the article found on ${describeUrl(url)} has no text left once unsafe elements are removed`,
    );
  }
  const extracted: ExtractedArticle = {
    title: cleanLine(article.title, maxTitleLength) ?? cleanLine(url, maxTitleLength) ?? url,
    html: safeHtml,
    text,
  };
  const publishedAt = pickPublishedDate([...declaredDates, ...findTimeDates(article.content)], fetchedAt);
  const optional = {
    byline: cleanLine(article.byline, maxBylineLength),
    publishedAt,
    language,
    excerpt: cleanLine(article.excerpt, maxExcerptLength),
    canonicalUrl,
    siteName: cleanLine(article.siteName, maxBylineLength),
  };
  // Absent fields are left out rather than set to undefined, so the result compares and serialises cleanly.
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(extracted, { [key]: value });
  }
  return extracted;
}

function checkPageUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new AppError(
      'ARTICLE_PAGE_URL_INVALID',
      `the page URL ${describeUrl(url)} is not an absolute http(s) URL, so its links cannot be resolved`,
    );
  }
  return parsed.href;
}

function checkFetchedAt(value: Date | string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new AppError('ARTICLE_INVALID', `fetchedAt ${JSON.stringify(String(value))} is not a date`);
  }
  return date;
}

function checkPageSize(html: string, url: string, options: ExtractArticleOptions): void {
  const maxHtmlLength = options.maxHtmlLength ?? defaultMaxHtmlLength;
  const maxTags = options.maxTags ?? defaultMaxTags;
  const maxNesting = options.maxNesting ?? defaultMaxNesting;
  const tooLarge = (what: string) =>
    new AppError(
      'ARTICLE_PAGE_TOO_LARGE',
      `the page ${describeUrl(url)} ${what}, too much to extract an article from`,
    );
  if (html.length > maxHtmlLength) {
    throw tooLarge(`is ${count(html.length)} characters, over the ${count(maxHtmlLength)} limit`);
  }
  // Counted on the text, before linkedom builds a tree the size of the page. (Readability's own
  // maxElemsToParse cannot do this: linkedom's getElementsByTagName('*') always answers 0 elements.)
  const scan = scanPageTags(html, maxTags, maxNesting);
  if (scan.over === 'tags') throw tooLarge(`has more than ${count(maxTags)} tags`);
  if (scan.over === 'depth') throw tooLarge(`nests its tags more than ${count(maxNesting)} deep`);
}

function count(value: number): string {
  return value.toLocaleString('en');
}

/** The URL quoted for an error message, cut so a hostile URL cannot flood a log line. */
function describeUrl(url: string): string {
  return JSON.stringify(url.length > 200 ? `${url.slice(0, 199)}\u2026` : url);
}
