/**
 * The sanitiser oracle: every feedparser sanitize case goes through parseFeed (and so through
 * sanitizeArticleHtml), and the stored HTML must hold no script element, no `on*` event handler and
 * no `javascript:` (or `vbscript:`, `data:`) URL in any attribute, however it was cased or
 * entity-encoded. Elements that embed or restyle (iframe, object, embed, meta, style, base, form)
 * are counted too.
 */
import { decodeEntities } from '../src/ingest/bulk/html-to-text.ts';
import { parseFeed as parseWithFeedsmith } from 'feedsmith';
import type { ParsedFeed } from '../src/ingest/feeds/feed-types.ts';
import { parseFeed } from '../src/ingest/feeds/parse-feed.ts';
import { sanitizeArticleHtml } from '../src/ingest/sanitize/sanitize-html.ts';
import type { FeedparserCase } from './feedparser-cases.ts';

/** Characters browsers skip inside a URL scheme: C0 controls, space, DEL, C1 controls, no-break space. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const browserIgnored = /[\u0000-\u0020\u007f-\u00a0]+/g;

/** What survived sanitising, by kind. */
export interface Leak {
  kind: 'script' | 'event-handler' | 'script-url' | 'embedding-element';
  sample: string;
}

/** The leaks in one HTML string produced by the sanitiser. */
export function findLeaks(html: string): Leak[] {
  const leaks: Leak[] = [];
  if (/<\s*script\b/i.test(html)) leaks.push({ kind: 'script', sample: around(html, /<\s*script\b/i) });
  const embedding = /<\s*(iframe|object|embed|meta|style|base|form|frame|applet|svg|math|link)\b/i;
  if (embedding.test(html)) leaks.push({ kind: 'embedding-element', sample: around(html, embedding) });
  for (const tag of html.matchAll(/<[A-Za-z][^>]*>/g)) {
    for (const attribute of tag[0].matchAll(/\s([^\s=/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const name = attribute[1]!.toLowerCase();
      if (name.startsWith('on')) leaks.push({ kind: 'event-handler', sample: tag[0] });
      const raw = (attribute[2] ?? '').replace(/^["']|["']$/g, '');
      // Decode twice (an encoded ampersand can hide a second layer), then drop what browsers ignore.
      const value = decodeEntities(decodeEntities(raw)).replace(browserIgnored, '').toLowerCase();
      if (/^(javascript|vbscript|livescript|data):/.test(value))
        leaks.push({ kind: 'script-url', sample: tag[0] });
    }
  }
  return leaks;
}

function around(html: string, pattern: RegExp): string {
  const index = html.search(pattern);
  return html.slice(Math.max(0, index - 20), index + 60);
}

/**
 * Every piece of the document that could reach the sanitiser as HTML: the strings feedsmith reads
 * that hold markup (feed title, subtitle, rights… which wirewatch does not store as HTML today), every
 * text node and CDATA section of the raw XML with its entities decoded (escaped HTML payloads, also in
 * elements feedsmith does not know, such as Atom 0.3's copyright), and the whole document read as
 * HTML (payloads written as naked markup).
 */
function rawMarkupValues(body: Buffer): string[] {
  const text = body.toString('utf8').replace(/^\s*<!--[\s\S]*?-->/, '');
  const found: string[] = [text];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (/[<&]/.test(value)) found.push(value);
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(walk);
    }
  };
  try {
    walk(parseWithFeedsmith(text).feed);
  } catch {
    // feedsmith refused it: the text nodes below still carry the payload.
  }
  for (const match of text.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>|>([^<]+)</g)) {
    const value = match[1] ?? decodeEntities(match[2]!);
    if (/[<&]/.test(value)) found.push(value);
  }
  return found;
}

/** Parses one sanitize case and returns every leak in its stored HTML (or the parse error). */
export function checkSanitizeCase(testCase: FeedparserCase): {
  leaks: Leak[];
  htmlChecked: number;
  /** Whether the unsanitised payload itself held a script, handler or script URL (the oracle's control). */
  hostileInput: boolean;
  error?: string;
} {
  let feed: ParsedFeed;
  try {
    feed = parseFeed({
      body: testCase.bytes,
      url: `http://127.0.0.1:8097/tests/${testCase.name}`,
      fetchedAt: new Date('2000-01-01T00:00:00Z'),
      keepEmptyEntries: true,
    });
  } catch (error) {
    // Refusing a document stores nothing, so nothing can leak; the error is reported beside the count.
    return { leaks: [], htmlChecked: 0, hostileInput: false, error: (error as Error).message };
  }
  const leaks: Leak[] = [];
  let htmlChecked = 0;
  let hostileInput = false;
  // Every markup value of the document through the sanitiser directly, as the article pages will be.
  for (const raw of rawMarkupValues(testCase.bytes)) {
    htmlChecked++;
    if (findLeaks(raw).some((leak) => leak.kind !== 'embedding-element')) hostileInput = true;
    leaks.push(...findLeaks(sanitizeArticleHtml(raw, `http://127.0.0.1:8097/tests/${testCase.name}`)));
  }
  for (const item of feed.items) {
    for (const html of [item.summaryHtml, item.contentHtml]) {
      if (html === undefined) continue;
      htmlChecked++;
      leaks.push(...findLeaks(html));
    }
  }
  return { leaks, htmlChecked, hostileInput };
}
