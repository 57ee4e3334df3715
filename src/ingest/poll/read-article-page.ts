/**
 * An article page fetched and read: the one way both `add-url` and a fetch pass's teasers get an
 * article from its page. Readability's time grows faster than the page: 50,000 tags took 8.8 s on
 * this machine, on the thread that also serves the web desk. News pages have a few thousand tags;
 * 15,000 leaves room for heavy ones and keeps the worst page to about 2 s. (A worker thread with a
 * hard stop is the fuller answer.)
 */
import {
  type ExtractArticleOptions,
  type ExtractedArticle,
  extractArticle,
} from '../article/extract-article.ts';
import { decodeBody } from '../fetch/decode-body.ts';
import type { FetchClient } from '../fetch/fetch-client.ts';

export const pageLimits: ExtractArticleOptions = { maxTags: 15_000, maxNesting: 1_000 };

/** The page's article, and the address it was read from (after redirects). */
export interface ReadPage {
  article: ExtractedArticle;
  finalUrl: string;
}

/** Fetches `url` and extracts its article; throws FETCH_* / ARTICLE_* errors naming the page. */
export async function readArticlePage(client: FetchClient, url: string, fetchedAt: Date): Promise<ReadPage> {
  const response = await client.fetchResource(url, {
    accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  });
  const { text } = decodeBody({
    body: response.body,
    contentType: response.contentType,
    ...(response.charset ? { charset: response.charset } : {}),
  });
  return {
    article: extractArticle({ html: text, url: response.finalUrl, fetchedAt }, pageLimits),
    finalUrl: response.finalUrl,
  };
}
