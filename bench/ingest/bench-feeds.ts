/**
 * The ingestion benchmark's invented outlets: `feeds` RSS 2.0 feeds of `items` items each, every item
 * with its whole story in content:encoded (so a fetch pass never has to fetch a page), its text from
 * the seeded bench corpus generator. The same (feeds, items, seed) always give the same feeds, byte
 * for byte, so the server child and the measured process can each build them on their own.
 *
 * Every feed has a host name of its own (`feed-<n>.bench.test`, resolved to 127.0.0.1 by the bench),
 * because the fetch client allows two requests a host at a time: one host would serialise the pass.
 */
import { createHash } from 'node:crypto';
import type { NewArticle } from '../../src/core/article.ts';
import { type BenchArticle, generateArticles } from '../corpus/generate-corpus.ts';

/** Item texts are kept only between these word counts: the length of a real news story in a feed. */
export const minItemWords = 300;
export const maxItemWords = 600;

/** The made-up domain every bench host name ends with; nothing outside the bench resolves it. */
export const benchDomain = 'bench.test';

/** One item of one feed. */
export interface BenchFeedItem {
  feed: number;
  item: number;
  article: BenchArticle;
  words: number;
}

/** The host name of feed `feed` (0-based). */
export function feedHostName(feed: number): string {
  return `feed-${feed}.${benchDomain}`;
}

/** Where feed `feed` is served when the fixture server listens on `port`. */
export function feedUrl(port: number, feed: number): string {
  return `http://${feedHostName(feed)}:${port}/feeds/${feed}.rss`;
}

/** The link of an item: on the feed's own host, so a page fetch (there should be none) would show up. */
export function itemUrl(port: number, feed: number, item: number): string {
  return `http://${feedHostName(feed)}:${port}/articles/${feed}/${item}`;
}

/** The outlet name a feed is followed under. */
export function feedSourceName(feed: number): string {
  return `Bench Outlet ${feed}`;
}

/** Counts the words of a text the way a reader would: runs of non-space. */
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 0x20;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/**
 * The items of every feed, feed by feed: the corpus generator's articles of 300–600 words in order
 * (about two in five qualify), so the same arguments always give the same items.
 */
export function* benchFeedItems(feeds: number, items: number, seed: number): Generator<BenchFeedItem> {
  const wanted = feeds * items;
  let produced = 0;
  // Far more than needed: the generator is lazy, and the loop stops once `wanted` items are out.
  for (const article of generateArticles(wanted * 20, seed)) {
    const words = countWords(article.text);
    if (words < minItemWords || words > maxItemWords) continue;
    yield { feed: Math.floor(produced / items), item: produced % items, article, words };
    produced++;
    if (produced === wanted) return;
  }
  throw new Error(
    `the corpus generator gave fewer than ${wanted} articles of ${minItemWords}-${maxItemWords} words`,
  );
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The article's body as HTML: one paragraph per blank-line-separated block of the generated text. */
export function articleHtml(text: string): string {
  return text
    .split('\n\n')
    .map((paragraph) => `<p>${escapeXml(paragraph)}</p>`)
    .join('\n');
}

/** The first sentence: the item's <description>, as real feeds send a summary beside the content. */
function firstSentence(text: string): string {
  const end = text.search(/[.»"]\s/);
  return end < 0 ? text : text.slice(0, end + 1);
}

/** One feed as RSS 2.0 bytes (UTF-8), items in the order given. */
export function renderFeedRss(port: number, feed: number, items: readonly BenchFeedItem[]): Buffer {
  const entries = items.map(({ item, article }) => {
    const link = itemUrl(port, feed, item);
    const creator =
      article.author === null ? '' : `\n  <dc:creator>${escapeXml(article.author)}</dc:creator>`;
    // "]]>" cannot occur in escaped HTML, so the CDATA section is always well formed.
    return `<item>
  <title>${escapeXml(article.title)}</title>
  <link>${link}</link>
  <guid isPermaLink="true">${link}</guid>
  <pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate>${creator}
  <description>${escapeXml(firstSentence(article.text))}</description>
  <content:encoded><![CDATA[${articleHtml(article.text)}]]></content:encoded>
</item>`;
  });
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${feedSourceName(feed)}</title>
<link>http://${feedHostName(feed)}:${port}/</link>
<description>Invented outlet ${feed} of the wirewatch ingestion benchmark</description>
${entries.join('\n')}
</channel>
</rss>
`;
  return Buffer.from(xml, 'utf8');
}

/** A strong ETag of a feed's bytes. */
export function feedEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 24)}"`;
}

/** What the fetch pass should archive for an item: the same fields, for the bulk-write baseline. */
export function benchNewArticle(port: number, entry: BenchFeedItem, fetchedAt: string): NewArticle {
  return {
    url: itemUrl(port, entry.feed, entry.item),
    source: feedSourceName(entry.feed),
    title: entry.article.title,
    author: entry.article.author,
    publishedAt: entry.article.publishedAt,
    fetchedAt,
    language: null,
    text: entry.article.text,
    html: articleHtml(entry.article.text),
  };
}
