/**
 * How big an article page the fetch passes read. Readability's time grows faster than the page: 50,000
 * tags took 8.8 s on this machine, on the thread that also serves the web desk. News pages have a few
 * thousand tags; 15,000 leaves room for heavy ones and keeps the worst page to about 2 s. (A worker
 * thread with a hard stop is the fuller answer.)
 */
import type { ExtractArticleOptions } from '../article/extract-article.ts';

export const pageLimits: ExtractArticleOptions = { maxTags: 15_000, maxNesting: 1_000 };
