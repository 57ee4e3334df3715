/**
 * A feed item as an article: what the feed gives, completed by the article's own page when the feed
 * carries only a summary. Which items need their page is a guess on what the feed holds: no full
 * content and a short or cut-off summary ("…", "Read more") means the story is on the page.
 */
import type { NewArticle } from '../../core/article.ts';
import type { ExtractedArticle } from '../article/extract-article.ts';
import type { FeedItem } from '../feeds/feed-types.ts';

/** A summary shorter than this (in characters of text) is taken for a teaser. */
const teaserLength = 700;

/** A text that stops short of its end: "...", "…", "[…]", "Read more". */
const cutOff = /(\.\.\.|…|\[…\]|\[\.\.\.\]|read more|continue reading|читать далее)\s*$/i;

/**
 * True when the item's text is probably a teaser of the article on its page: full content is trusted
 * unless it ends cut off; a summary alone is a teaser when short or cut off.
 */
export function needsPage(item: FeedItem): boolean {
  if (item.url === undefined) return false;
  const text = item.text.trim();
  if (item.contentHtml !== undefined) return cutOff.test(text);
  return text.length < teaserLength || cutOff.test(text);
}

/** The article of a feed item (and its page, when it was fetched and read). */
export function itemArticle(
  item: FeedItem,
  context: { sourceName: string; fetchedAt: Date; page?: ExtractedArticle },
): NewArticle {
  const page = context.page;
  // The page's text replaces a teaser only when it says more than the feed did.
  const fromPage = page !== undefined && page.text.length > item.text.length;
  const publishedAt =
    item.dateMissing && page?.publishedAt ? page.publishedAt : item.publishedAt.toISOString();
  return {
    url: item.url ?? null,
    source: context.sourceName,
    title: item.titleGenerated && page?.title ? page.title : item.title,
    author: item.author ?? page?.byline ?? null,
    publishedAt,
    publishedAtEstimated: item.dateMissing && !page?.publishedAt,
    fetchedAt: context.fetchedAt.toISOString(),
    language: item.language ?? page?.language ?? null,
    text: fromPage ? page.text : item.text,
    html: fromPage ? page.html : (item.contentHtml ?? item.summaryHtml ?? null),
  };
}
