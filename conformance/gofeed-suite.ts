/**
 * gofeed's test data: feed files paired with the JSON gofeed produces for them. Both its universal
 * model (translator/) and its per-format structs (parser/rss, parser/atom, parser/json) are brought
 * to one shape and compared field by field with parseFeed's result, for the fields wirewatch stores.
 * parser/universal checks format detection and refusal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { isAppError } from '../src/core/errors.ts';
import type { FeedItem, ParsedFeed } from '../src/ingest/feeds/feed-types.ts';
import { parseFeed } from '../src/ingest/feeds/parse-feed.ts';
import { htmlToInlineText } from '../src/ingest/sanitize/html-text.ts';
import { authorValue, htmlValue, looksLikeMarkup, titleValue, urlValue } from './compare-fields.ts';
import { listFiles } from './feedparser-cases.ts';
import type { CaseResult } from './results.ts';

/** The address the feeds are taken to come from (gofeed parses without one). */
const feedUrl = 'http://example.org/feed.xml';

/** An expected item in one shape, whichever gofeed model it came from. */
interface ExpectedItem {
  title?: string;
  link?: string;
  description?: string;
  content?: string;
  published?: string;
  updated?: string;
  author?: string;
  guid?: string;
  categories?: string[];
}

export interface ExpectedFeed {
  title?: string;
  link?: string;
  items: ExpectedItem[];
}

type Json = Record<string, unknown>;

const itemFieldGroups: [keyof ExpectedItem, string][] = [
  ['title', 'title'],
  ['link', 'link'],
  ['published', 'date'],
  ['updated', 'date'],
  ['content', 'content'],
  ['description', 'content'],
  ['author', 'author'],
  ['guid', 'guid'],
  ['categories', 'categories'],
];

/** Runs every gofeed case under `root` (the corpus's gofeed folder). */
export function runGofeedSuite(root: string): CaseResult[] {
  const testdata = join(root, 'testdata');
  const results: CaseResult[] = [];
  for (const kind of ['rss', 'atom', 'json'] as const) {
    const folder = join(testdata, 'translator', kind);
    if (!existsSync(folder)) continue;
    for (const json of listFiles(folder, ['.json'])) {
      const source =
        kind === 'json' ? json.replace(/_expected\.json$/, '.json') : json.replace(/\.json$/, '.xml');
      if (source === json || !existsSync(source)) continue;
      results.push(...compareCase(testdata, source, fromUniversal(readJson(json))));
    }
  }
  for (const kind of ['rss', 'atom'] as const) {
    for (const json of listFiles(join(testdata, 'parser', kind), ['.json'])) {
      const source = json.replace(/\.json$/, '.xml');
      if (!existsSync(source)) continue;
      const expected = kind === 'rss' ? fromRssStruct(readJson(json)) : fromAtomStruct(readJson(json));
      results.push(...compareCase(testdata, source, expected));
    }
  }
  for (const json of listFiles(join(testdata, 'parser', 'json'), ['_expected.json'])) {
    results.push(
      ...compareCase(testdata, json.replace(/_expected\.json$/, '.json'), fromJsonStruct(readJson(json))),
    );
  }
  results.push(...detectionCases(testdata));
  return results;
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

/** One result per stored field the case checks: a field passes when all its checks in the case pass. */
export function compareCase(
  testdata: string,
  source: string,
  expected: ExpectedFeed,
  corpus = 'gofeed',
): CaseResult[] {
  const name = relative(testdata, source);
  const checks: { field: string; ok: boolean; detail: string }[] = [];
  let feed: ParsedFeed | undefined;
  let error: string | undefined;
  try {
    feed = parseFeed({
      body: readFileSync(source),
      url: feedUrl,
      fetchedAt: new Date('2000-01-01T00:00:00Z'),
      keepEmptyEntries: true,
    });
  } catch (caught) {
    error = (caught as Error).message;
  }
  if (expected.title !== undefined) {
    checks.push({
      field: 'title',
      ok: feed !== undefined && titleValue(feed.title).equals(expected.title),
      detail: `feed title ${expected.title}`,
    });
  }
  if (expected.link !== undefined && isHttp(expected.link)) {
    const ok = feed?.siteUrl !== undefined && urlValue(feed.siteUrl, feedUrl).equals(expected.link);
    checks.push({ field: 'link', ok, detail: `feed link ${expected.link}` });
  }
  expected.items.forEach((item, index) => {
    const ours = feed?.items[index];
    for (const [key, field] of itemFieldGroups) {
      const value = item[key];
      if (value === undefined || (Array.isArray(value) && value.every((term) => term.trim() === '')))
        continue;
      const ok = ours === undefined ? false : itemFieldMatches(key, value, ours);
      if (ok === undefined) continue;
      checks.push({ field, ok, detail: `item ${index} ${key} ${JSON.stringify(value).slice(0, 80)}` });
    }
  });
  if (checks.length === 0)
    return [
      {
        corpus,
        name,
        field: 'unstored',
        status: 'skip',
        reason: 'checks no field wirewatch stores',
      },
    ];
  const fields = [...new Set(checks.map((check) => check.field))];
  return fields.map((field) => {
    const failed = checks.find((check) => check.field === field && !check.ok);
    return failed === undefined
      ? { corpus, name, field, status: 'pass' }
      : { corpus, name, field, status: 'fail', reason: error ?? failed.detail };
  });
}

/** Whether our item's field matches the expected value; undefined when the expected value cannot be compared. */
function itemFieldMatches(
  key: keyof ExpectedItem,
  value: string | string[],
  item: FeedItem,
): boolean | undefined {
  if (Array.isArray(value)) {
    // Categories compare as plain text; gofeed lists empty terms and keeps markup as written.
    const terms = value
      .map((term) => (looksLikeMarkup(term) ? htmlToInlineText(term) : term.trim()))
      .filter((term) => term !== '');
    if (key !== 'categories' || terms.length === 0) return undefined;
    return terms.every((term) => item.categories.includes(term));
  }
  switch (key) {
    case 'title':
      return !item.titleGenerated && titleValue(item.title).equals(value);
    case 'link':
      return isHttp(value) ? item.url !== undefined && urlValue(item.url, feedUrl).equals(value) : undefined;
    case 'published':
    case 'updated': {
      const expected = Date.parse(value);
      if (Number.isNaN(expected)) return undefined;
      const ours = key === 'published' ? (item.dateMissing ? undefined : item.publishedAt) : item.updatedAt;
      return ours?.getTime() === expected;
    }
    case 'content':
      return item.contentHtml !== undefined && htmlValue(item.contentHtml).equals(value);
    case 'description':
      return item.summaryHtml !== undefined && htmlValue(item.summaryHtml).equals(value);
    case 'author':
      return item.author !== undefined && authorValue(item.author).equals(value);
    case 'guid':
      return item.guid === value.trim();
    default:
      return undefined;
  }
}

function isHttp(link: string): boolean {
  try {
    return /^https?:$/.test(new URL(link.trim(), feedUrl).protocol);
  } catch {
    return false;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** gofeed's universal Feed (translator/). */
function fromUniversal(json: Json): ExpectedFeed {
  return defined({
    title: str(json.title),
    link: str(json.link),
    items: list(json.items).map((item) =>
      defined({
        title: str(item.title),
        link: str(item.link),
        description: str(item.description),
        content: str(item.content),
        published: str(item.publishedParsed),
        updated: str(item.updatedParsed),
        author: personName((item.authors as Json[] | undefined)?.[0] ?? (item.author as Json | undefined)),
        guid: str(item.guid),
        categories: Array.isArray(item.categories) ? (item.categories as string[]) : undefined,
      }),
    ),
  });
}

function personName(person: Json | undefined): string | undefined {
  return person === undefined ? undefined : (str(person.name) ?? str(person.email));
}

/** gofeed's rss.Feed (parser/rss: RSS 0.9x/2.0 and RDF). */
function fromRssStruct(json: Json): ExpectedFeed {
  return defined({
    title: str(json.title),
    link: str(json.link),
    items: list(json.items).map((item) =>
      defined({
        title: str(item.title),
        link: str(item.link),
        description: str(item.description),
        content: str(item.content),
        published: str(item.pubDate),
        author: str(item.author),
        guid: str((item.guid as Json | undefined)?.value),
        categories: list(item.categories).map((category) => String(category.value ?? '')),
      }),
    ),
  });
}

/** gofeed's atom.Feed (parser/atom). */
function fromAtomStruct(json: Json): ExpectedFeed {
  const alternate = (links: unknown): string | undefined =>
    str(list(links).find((link) => link.rel === undefined || link.rel === 'alternate')?.href);
  return defined({
    title: str(json.title),
    link: alternate(json.links),
    items: list(json.entries).map((entry) =>
      defined({
        title: str(entry.title),
        link: alternate(entry.links),
        description: str(entry.summary),
        content: str((entry.content as Json | undefined)?.value),
        published: str(entry.published),
        updated: str(entry.updated),
        author: personName(list(entry.authors)[0]),
        guid: str(entry.id),
        categories: list(entry.categories).map((category) => String(category.term ?? '')),
      }),
    ),
  });
}

/** gofeed's json.Feed (parser/json), which is JSON Feed itself. */
export function fromJsonStruct(json: Json): ExpectedFeed {
  return defined({
    title: str(json.title),
    link: str(json.home_page_url),
    items: list(json.items).map((item) =>
      defined({
        title: str(item.title),
        link: str(item.url),
        content: str(item.content_html) ?? str(item.content_text),
        published: str(item.date_published),
        updated: str(item.date_modified),
        author: personName(list(item.authors)[0] ?? (item.author as Json | undefined)),
        guid: str(item.id),
        categories: Array.isArray(item.tags) ? (item.tags as string[]) : undefined,
      }),
    ),
  });
}

/** parser/universal: which format each file is, or that it is refused; parser/json/invalid must be refused. */
function detectionCases(testdata: string): CaseResult[] {
  const expectations: [string, string | null][] = [
    ['parser/universal/atom03_feed.xml', 'atom'],
    ['parser/universal/atom10_feed.xml', 'atom'],
    ['parser/universal/rss_feed.xml', 'rss'],
    ['parser/universal/rss_feed_bom.xml', 'rss'],
    ['parser/universal/rss_feed_leading_spaces.xml', 'rss'],
    ['parser/universal/rdf_feed.xml', 'rdf'],
    ['parser/universal/json10_feed.json', 'json'],
    ['parser/universal/json11_feed.json', 'json'],
    ['parser/universal/unknown_feed.xml', null],
    ['parser/universal/empty_feed.xml', null],
    ['parser/universal/invalid.json', null],
    ['parser/json/invalid/invalid.json', null],
  ];
  return expectations
    .filter(([path]) => existsSync(join(testdata, path)))
    .map(([path, format]) => {
      let outcome: string;
      try {
        outcome = parseFeed({
          body: readFileSync(join(testdata, path)),
          url: feedUrl,
          fetchedAt: new Date(0),
        }).format;
      } catch (error) {
        outcome = isAppError(error) ? `refused (${error.code})` : `crashed: ${(error as Error).message}`;
      }
      const ok = format === null ? outcome.startsWith('refused') : outcome === format;
      return {
        corpus: 'gofeed',
        name: path,
        field: 'format',
        status: ok ? 'pass' : 'fail',
        ...(ok ? {} : { reason: `expected ${format ?? 'refusal'}, got ${outcome} (${basename(path)})` }),
      } satisfies CaseResult;
    });
}
