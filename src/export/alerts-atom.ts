/**
 * A saved search's alerts as an Atom 1.0 feed: the newest alerts (one per story, unless a copy
 * brought something new), each entry the article with why it alerted, so a feed reader is told what
 * the analyst would be. Written by the `feed` library, as the search feed is (atom-feed.ts).
 */
import { Feed } from 'feed';
import type { Article } from '../core/article.ts';
import { safeExternalUrl } from '../core/canonical-url.ts';
import type { SavedSearch, SavedSearchHit } from '../store/saved-searches.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function renderAlertsAtom(input: {
  search: SavedSearch;
  alerts: { hit: SavedSearchHit; article: Article | null }[];
  origin: string;
  now: Date;
}): string {
  const { search, origin } = input;
  const newest = input.alerts[0]?.hit.foundAt;
  const feed = new Feed({
    id: `${origin}/watch/${search.id}`,
    title: `wirewatch alerts: ${search.name}`,
    description: `New stories matching ${search.query}`,
    link: `${origin}/search?q=${encodeURIComponent(search.query)}&sort=date`,
    updated: newest ? new Date(newest) : input.now,
    generator: 'wirewatch',
    author: { name: 'wirewatch' },
    copyright: 'each article belongs to its publisher',
  });
  for (const { hit, article } of input.alerts) {
    if (article === null) continue;
    const date = new Date(hit.foundAt);
    feed.addItem({
      id: `${origin}/watch/${search.id}/alerts/${hit.articleId}`,
      title: escapeHtml(article.title),
      link: safeExternalUrl(article.url) ?? `${origin}/articles/${article.id}`,
      date,
      published: article.publishedAt ? new Date(article.publishedAt) : date,
      description: escapeHtml(
        `${hit.why}: ${article.text.slice(0, 300)}${article.text.length > 300 ? '...' : ''}`,
      ),
      author: [{ name: article.author ?? article.source }],
      category: [{ term: article.source, name: article.source }],
    });
  }
  return feed.atom1();
}
