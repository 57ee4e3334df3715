/**
 * Runs feedparser's field cases through parseFeed. Each case is classified by the fields its
 * expectation reads: a case that reads only fields wirewatch stores (title, link, date,
 * content/summary, author, and the guid, categories and encoding reported beside them) is evaluated
 * against a feedparser-shaped view of our result; a case that reads anything else is skipped and
 * counted under the field that made it unstored.
 */
import type { FeedItem, ParsedFeed } from '../src/ingest/feeds/feed-types.ts';
import { parseFeed } from '../src/ingest/feeds/parse-feed.ts';
import { authorValue, htmlValue, timeTuple, titleValue, urlValue } from './compare-fields.ts';
import type { FeedparserCase } from './feedparser-cases.ts';
import {
  fieldPaths,
  holds,
  parsePython,
  type PyNode,
  type PyValue,
  UnsupportedExpression,
} from './python-eval.ts';
import type { CaseResult } from './results.ts';

/** The address the upstream test server serves a file from. */
const serverRoot = 'http://127.0.0.1:8097/tests/';

/** The stored field an expectation's key path reads, or `unstored:<key>`; undefined for meta names (bozo). */
export function fieldOf(root: string, keys: string[]): string | undefined {
  const [key, sub] = keys;
  if (root === 'bozo' || root === 'True' || root === 'False') return undefined;
  if (root === 'encoding') return 'encoding';
  if (root === 'feed' || root === 'channel') {
    if (key === 'title' || (key === 'title_detail' && sub === 'value')) return 'title';
    if (key === 'link') return 'link';
    return `unstored:feed.${key ?? ''}`;
  }
  if (root === 'entries' || root === 'items') {
    switch (key) {
      case 'title':
        return 'title';
      case 'title_detail':
        return sub === 'value' ? 'title' : `unstored:entry.title_detail.${sub ?? ''}`;
      case 'link':
        return 'link';
      case 'id':
      case 'guid':
        return 'guid';
      case 'published_parsed':
      case 'updated_parsed':
      case 'date_parsed':
      case 'issued_parsed':
      case 'modified_parsed':
        return 'date';
      case 'summary':
      case 'description':
        return 'content';
      case 'summary_detail':
      case 'content':
        return sub === 'value' ? 'content' : `unstored:entry.${key}.${sub ?? ''}`;
      case 'author':
        return 'author';
      case 'author_detail':
        return sub === 'name' ? 'author' : `unstored:entry.author_detail.${sub ?? ''}`;
      case 'category':
        return 'categories';
      case 'tags':
        return sub === 'term' ? 'categories' : `unstored:entry.tags.${sub ?? ''}`;
      default:
        return `unstored:entry.${key ?? ''}`;
    }
  }
  return `unstored:${root}`;
}

/** Runs one feedparser field case. */
export function runFeedparserFieldCase(testCase: FeedparserCase): CaseResult {
  const base = { corpus: 'feedparser', name: testCase.name };
  let expression: PyNode;
  try {
    expression = parsePython(testCase.expect);
  } catch (error) {
    return {
      ...base,
      field: 'unsupported',
      status: 'skip',
      reason: `expression: ${(error as Error).message}`,
    };
  }
  const fields = [...new Set(fieldPaths(expression).map((path) => fieldOf(path.root, path.keys)))].filter(
    (field): field is string => field !== undefined,
  );
  const unstored = fields.find((field) => field.startsWith('unstored:'));
  if (unstored !== undefined)
    return { ...base, field: unstored, status: 'skip', reason: 'reads a field wirewatch does not store' };
  if (fields.length === 0)
    return { ...base, field: 'none', status: 'skip', reason: 'reads no field (bozo only)' };
  const field = fields[0]!;
  const url = caseUrl(testCase);
  let feed: ParsedFeed | undefined;
  let error: unknown;
  try {
    feed = parseFeed({
      body: testCase.bytes,
      url,
      contentType:
        testCase.headers.get('content-type') ?? (testCase.name.includes('http') ? 'text/xml' : undefined),
      fetchedAt: new Date('2000-01-01T00:00:00Z'),
      keepEmptyEntries: true,
    });
  } catch (caught) {
    error = caught;
  }
  try {
    const passed = holds(expression, scopeFor(feed, url));
    return passed
      ? { ...base, field, status: 'pass' }
      : {
          ...base,
          field,
          status: 'fail',
          reason: error === undefined ? testCase.expect : `parse error: ${(error as Error).message}`,
        };
  } catch (caught) {
    if (caught instanceof UnsupportedExpression)
      return { ...base, field: 'unsupported', status: 'skip', reason: caught.message };
    throw caught;
  }
}

/** The URL the case is fetched from: the test server's, or its Content-Location header resolved against it. */
function caseUrl(testCase: FeedparserCase): string {
  const served = serverRoot + testCase.name;
  const location = testCase.headers.get('content-location');
  if (location === undefined) return served;
  try {
    // A fetcher takes Content-Location as the base only when it is an http(s) address.
    const resolved = new URL(location, served);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : served;
  } catch {
    return served;
  }
}

/** A feedparser-shaped view of our result: `feed`, `entries`, `bozo`, `encoding`. */
function scopeFor(feed: ParsedFeed | undefined, url: string): Record<string, PyValue> {
  if (feed === undefined) return { bozo: true, feed: {}, entries: [], encoding: '' };
  const feedView: Record<string, PyValue> = {
    title: titleValue(feed.title),
    title_detail: { value: titleValue(feed.title) },
  };
  if (feed.siteUrl !== undefined) feedView.link = urlValue(feed.siteUrl, url);
  return {
    bozo: feed.warnings.some((warning) => warning.includes('not well-formed')),
    encoding: encodingValue(feed.encoding),
    feed: feedView,
    channel: feedView,
    entries: feed.items.map((item) => entryView(item, url)),
    items: feed.items.map((item) => entryView(item, url)),
  };
}

function entryView(item: FeedItem, url: string): Record<string, PyValue> {
  const view: Record<string, PyValue> = {
    title: titleValue(item.title),
    title_detail: { value: titleValue(item.title) },
    tags: item.categories.map((term) => ({ term })),
  };
  if (item.titleGenerated) {
    delete view.title;
    delete view.title_detail;
  }
  if (item.url !== undefined) view.link = urlValue(item.url, url);
  if (item.guid !== undefined) {
    view.id = item.guid;
    view.guid = item.guid;
  }
  if (item.categories[0] !== undefined) view.category = item.categories[0];
  if (!item.dateMissing) view.published_parsed = timeTuple(item.publishedAt);
  const updated = item.updatedAt ?? (item.dateMissing ? undefined : item.publishedAt);
  if (updated !== undefined) {
    view.updated_parsed = timeTuple(updated);
    view.date_parsed = view.updated_parsed;
  }
  const summary = item.summaryHtml ?? item.contentHtml;
  if (summary !== undefined) {
    view.summary = htmlValue(summary);
    view.description = view.summary;
    view.summary_detail = { value: view.summary };
  }
  if (item.contentHtml !== undefined) view.content = [{ value: htmlValue(item.contentHtml) }];
  if (item.author !== undefined) {
    view.author = authorValue(item.author);
    view.author_detail = { name: authorValue(item.author) };
  }
  return view;
}

/** Encoding names compared as the WHATWG encoding they label (`iso-8859-1` is windows-1252 there). */
function encodingValue(ours: string): PyValue {
  return {
    custom: true,
    plain: () => ours,
    equals: (other) => {
      if (typeof other !== 'string') return false;
      try {
        const label = new TextDecoder(other).encoding;
        return label === ours || (other.toLowerCase() === 'utf-16' && ours.startsWith('utf-16'));
      } catch {
        return false;
      }
    },
  };
}
