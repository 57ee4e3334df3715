/**
 * Deep pages: page 500 against page 1 (10 hits a page) for the orders an analyst pages through, on
 * any Store, through searchArticles as the web desk calls it. A ratio well above 1 is the cost of
 * OFFSET: the store walks 4,990 results to throw them away.
 */
import { searchArticles } from '../src/search/search-articles.ts';
import type { SortOrder, Store } from '../src/store/store.ts';
import { percentiles, timeMs } from './latency.ts';

/** One deep-page case: its page 1 and page 500 p50s, in ms. */
export interface DeepPageResult {
  name: string;
  query: string;
  sort: SortOrder;
  page1Ms: number;
  page500Ms: number;
  ratio: number;
}

/** The cases: browsing both ways, a common word by relevance and by date, a filter without words. */
export const deepPageCases: ReadonlyArray<{ name: string; query: string; sort: SortOrder }> = [
  { name: 'browse newest', query: '', sort: 'newest' },
  { name: 'browse oldest', query: '', sort: 'oldest' },
  { name: 'common word, relevance', query: 'security', sort: 'relevance' },
  { name: 'common word, newest', query: 'security', sort: 'newest' },
  { name: 'source filter, newest', query: 'source:"Steppe Times"', sort: 'newest' },
];

/** p50 of `runs` timed searches of one page (after one untimed warm-up). */
async function pageP50(
  store: Store,
  query: string,
  sort: SortOrder,
  page: number,
  runs: number,
): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const ms = await timeMs(() => searchArticles(store, { q: query, sort, page, perPage: 10 }));
    if (run > 0) samples.push(ms);
  }
  return percentiles(samples).p50;
}

/** Page 1 and page 500 of every case. */
export async function measureDeepPages(store: Store, runs: number): Promise<DeepPageResult[]> {
  const results: DeepPageResult[] = [];
  for (const { name, query, sort } of deepPageCases) {
    const page1Ms = await pageP50(store, query, sort, 1, runs);
    const page500Ms = await pageP50(store, query, sort, 500, runs);
    results.push({ name, query, sort, page1Ms, page500Ms, ratio: page500Ms / page1Ms });
  }
  return results;
}
