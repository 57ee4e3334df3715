/**
 * `wirewatch add-url`: one article page fetched (through the same guarded client as the feeds), its
 * article extracted with Readability and sanitised, archived under its site's name, and placed in a
 * story cluster. A page already archived (by its canonical URL) is reported as a duplicate.
 */
import type { WriteOutcome } from '../../core/article.ts';
import type { Store } from '../../store/store.ts';
import { placeUnplacedArticles } from '../cluster/place-articles.ts';
import type { FetchClient } from '../fetch/fetch-client.ts';
import { readArticlePage } from './read-article-page.ts';

/** What adding a page did. */
export interface AddPageResult {
  outcome: WriteOutcome;
  title: string;
  source: string;
  url: string;
}

/** Fetches, extracts and archives the article at `url`. */
export async function addPage(
  store: Store,
  client: FetchClient,
  url: string,
  options: { source?: string; now?: Date } = {},
): Promise<AddPageResult> {
  const fetchedAt = options.now ?? new Date();
  const { article, finalUrl } = await readArticlePage(client, url, fetchedAt);
  const source = options.source?.trim() || article.siteName?.trim() || new URL(finalUrl).host;
  // A page may name its canonical address, but not another site's: that would let it pose as (and
  // block, as a duplicate) an article of an outlet it is not.
  const sameHost = article.canonicalUrl && new URL(article.canonicalUrl).host === new URL(finalUrl).host;
  const pageUrl = sameHost ? article.canonicalUrl! : finalUrl;
  const [outcome] = await store.addArticles([
    {
      url: pageUrl,
      source,
      title: article.title,
      author: article.byline ?? null,
      publishedAt: article.publishedAt ?? fetchedAt.toISOString(),
      publishedAtEstimated: article.publishedAt === undefined,
      fetchedAt: fetchedAt.toISOString(),
      language: article.language ?? null,
      text: article.text,
      html: article.html,
    },
  ]);
  if (outcome!.status === 'inserted') await placeUnplacedArticles(store, { afterId: outcome!.id - 1 });
  return { outcome: outcome!, title: article.title, source, url: pageUrl };
}
