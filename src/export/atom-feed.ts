/**
 * A search as an Atom 1.0 feed, so any feed reader can watch a query. The `feed` library writes the
 * XML (and escapes it); we choose what goes in: the newest matches, each with its lead as the summary.
 */
import { Feed } from 'feed';
import { safeExternalUrl } from '../core/canonical-url.ts';
import type { SearchResults } from '../search/search-articles.ts';

/**
 * `feed` writes entry titles and summaries as `type="html"`, so plain text must reach it HTML-escaped:
 * otherwise a headline like `<script>` would be markup in the reader, not words.
 */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** How many entries a search feed carries: the newest matches only, as feed readers expect. */
export const atomEntryLimit = 50;

/** What the feed needs to know about where it is served. */
export interface AtomFeedContext {
  /** The server's own origin, e.g. `http://127.0.0.1:8080`, for absolute links. */
  origin: string;
  q: string;
  /** When the feed is generated; also its `updated` when nothing matches. */
  now: Date;
}

/** The Atom document of one page of newest-first results. */
export function renderSearchAtom(results: SearchResults, context: AtomFeedContext): string {
  const query = encodeURIComponent(context.q);
  const newest = results.hits.find((hit) => hit.publishedAt !== null)?.publishedAt;
  const feed = new Feed({
    id: `${context.origin}/search?q=${query}`,
    title: context.q.trim() === '' ? 'wirewatch: newest articles' : `wirewatch: ${context.q}`,
    description: `${results.total} articles match`,
    link: `${context.origin}/search?q=${query}&sort=date`,
    updated: newest ? new Date(newest) : context.now,
    generator: 'wirewatch',
    feedLinks: { atom: `${context.origin}/search.atom?q=${query}` },
    author: { name: 'wirewatch' },
    copyright: 'each article belongs to its publisher',
  });
  for (const hit of results.hits) {
    const date = new Date(hit.publishedAt ?? context.now);
    feed.addItem({
      id: `${context.origin}/articles/${hit.id}`,
      title: escapeHtml(hit.title.text),
      // Only web links leave the archive; anything else links to the article page instead.
      link: safeExternalUrl(hit.url) ?? `${context.origin}/articles/${hit.id}`,
      date,
      published: date,
      description: escapeHtml(hit.snippet.text),
      author: [{ name: hit.author ?? hit.source }],
      category: [{ term: hit.source, name: hit.source }],
    });
  }
  return feed.atom1();
}
