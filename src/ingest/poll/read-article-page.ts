/**
 * An article page fetched and read: the one way both `add-url` and a fetch pass's teasers get an
 * article from its page. Extraction runs in a worker thread (extract-in-worker.ts), never on the
 * thread that serves the web desk while `wirewatch serve` polls, and a page that takes longer than
 * pageTimeLimitMs has its worker terminated: the page fails with ARTICLE_EXTRACT_TIMEOUT (the feed
 * keeps its summary) and the next page goes on in a fresh worker.
 *
 * One extractor is shared by the whole process: created here with no worker, it starts its one
 * worker on the first page read, and that worker, idle, does not keep the process alive, so
 * `fetch` and `add-url` end as before and `serve` stops as before. Pages wait their turn for it:
 * with two cores, one serves requests and one reads pages.
 */
import {
  defaultMaxNesting,
  defaultMaxTags,
  type ExtractArticleOptions,
  type ExtractedArticle,
} from '../article/extract-article.ts';
import { createArticleExtractor } from '../article/extract-in-worker.ts';
import { decodeBody } from '../fetch/decode-body.ts';
import type { FetchClient } from '../fetch/fetch-client.ts';

/**
 * How long one page's extraction may run, in milliseconds. News pages take tens of milliseconds; the
 * slowest real-looking page measured at the tag limit (24,000 paragraphs in divs) 2 s; a hostile one
 * of small nested blocks at 48,000 tags 12 s. Ten seconds lets every honest page finish and bounds
 * what a hostile one costs: one worker's time, not the server's.
 */
export const pageTimeLimitMs = 10_000;

/**
 * extractArticle's own limits (50,000 tags, 10,000 levels). While extraction ran on the serving thread
 * pages were held to 15,000 tags, since Readability took 8.8 s at 50,000 and every request waited
 * behind it. Now the time limit bounds the cost of any page, so only what extractArticle itself
 * refuses is refused; a heavy page that is honest is read instead of lost.
 */
export const pageLimits: ExtractArticleOptions = { maxTags: defaultMaxTags, maxNesting: defaultMaxNesting };

const pageExtractor = createArticleExtractor({ timeoutMs: pageTimeLimitMs });

/** The page's article, and the address it was read from (after redirects). */
export interface ReadPage {
  article: ExtractedArticle;
  finalUrl: string;
}

/**
 * Fetches `url` and extracts its article; throws FETCH_* / ARTICLE_* errors naming the page
 * (ARTICLE_EXTRACT_TIMEOUT past pageTimeLimitMs).
 */
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
    article: await pageExtractor.extract({ html: text, url: response.finalUrl, fetchedAt }, pageLimits),
    finalUrl: response.finalUrl,
  };
}
