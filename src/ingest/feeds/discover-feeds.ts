/**
 * Feed discovery: the feeds an HTML page announces with
 * `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href="…">`.
 *
 * A regular-expression scan is enough: the page is only read, never rendered, and every address
 * found is resolved and kept only when it is http(s).
 */
import { decodeEntities } from '../bulk/html-to-text.ts';
import type { FeedFormat } from './feed-types.ts';
import { resolveHttpUrl } from './resolve-url.ts';

/** A feed a page links to. */
export interface DiscoveredFeed {
  /** Absolute http(s) address of the feed. */
  url: string;
  /** The link's title attribute, if any. */
  title?: string;
  /** What the link's type says the feed is (`rss` also covers RSS 1.0/RDF). */
  format: Exclude<FeedFormat, 'rdf'>;
}

const feedTypes = new Map<string, DiscoveredFeed['format']>([
  ['application/rss+xml', 'rss'],
  ['application/rdf+xml', 'rss'],
  ['application/atom+xml', 'atom'],
  ['application/feed+json', 'json'],
  ['application/json', 'json'],
]);

/** Pages bigger than this are only searched in their first part (the head is at the top). */
const scanLength = 512 * 1024;

/** The feeds `html` (served from `pageUrl`) announces, in page order, without duplicates. */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const page = html.slice(0, scanLength).replace(/<!--[\s\S]*?-->/g, '');
  const baseHref = [...tags(page, 'base')]
    .map((attributes) => attributes.get('href'))
    .find((href) => href !== undefined);
  const base = (baseHref === undefined ? undefined : resolveHttpUrl(baseHref, pageUrl)) ?? pageUrl;
  const found: DiscoveredFeed[] = [];
  const seen = new Set<string>();
  for (const attributes of tags(page, 'link')) {
    const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attributes.get('type') ?? '').toLowerCase().split(';')[0]!.trim();
    const format = feedTypes.get(type);
    const href = attributes.get('href');
    if (!rel.includes('alternate') || format === undefined || href === undefined) continue;
    const url = resolveHttpUrl(href, base);
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    const title = attributes.get('title')?.trim();
    found.push({ url, format, ...(title ? { title } : {}) });
  }
  return found;
}

/** The attributes (names lower-cased, values entity-decoded) of every `<name …>` tag in `html`. */
function* tags(html: string, name: string): Generator<Map<string, string>> {
  const tagPattern = new RegExp(`<${name}\\b((?:[^>"']|"[^"]*"|'[^']*')*)>`, 'gi');
  for (const match of html.matchAll(tagPattern)) {
    const attributes = new Map<string, string>();
    for (const attribute of match[1]!.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const key = attribute[1]!.toLowerCase();
      if (!attributes.has(key))
        attributes.set(key, decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
    }
    yield attributes;
  }
}
