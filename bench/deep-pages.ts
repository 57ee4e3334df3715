/**
 * Deep pages: page 500 against page 1 (10 hits a page) for the orders an analyst pages through, on
 * any Store, through searchArticles as the web desk calls it. Page 500 is reached two ways: by its
 * number (OFFSET: the store walks 4,990 results to throw them away) and by the "next" cursor of page
 * 499 (search-after: the store starts right after page 499's last hit). By cursor, a date order's
 * page 500 should cost what page 1 costs; relevance ranks every match whatever the page, so its
 * cursor is the offset itself and both ways cost the same.
 *
 * Standalone: `node --import tsx bench/deep-pages.ts --db <archive file or postgres:// URL> [--runs N]`.
 */
import { parseArgs } from 'node:util';
import { searchArticles } from '../src/search/search-articles.ts';
import type { SortOrder, Store } from '../src/store/store.ts';
import { percentiles, timeMs } from './latency.ts';

/** The deep page measured. */
export const deepPageNumber = 500;

/** One deep-page case: p50s in ms of page 1, page 500 by number and page 500 by cursor. */
export interface DeepPageResult {
  name: string;
  query: string;
  sort: SortOrder;
  page1Ms: number;
  /** Page 500 by its number (offset). */
  page500Ms: number;
  /** Page 500 after page 499's `next` token (keyset for date orders). */
  page500CursorMs: number;
  /** page500Ms / page1Ms. */
  ratio: number;
  /** page500CursorMs / page1Ms. */
  cursorRatio: number;
}

/** The cases: browsing both ways, a common word by relevance and by date, a filter without words. */
export const deepPageCases: ReadonlyArray<{ name: string; query: string; sort: SortOrder }> = [
  { name: 'browse newest', query: '', sort: 'newest' },
  { name: 'browse oldest', query: '', sort: 'oldest' },
  { name: 'common word, relevance', query: 'security', sort: 'relevance' },
  { name: 'common word, newest', query: 'security', sort: 'newest' },
  { name: 'source filter, newest', query: 'source:"Steppe Times"', sort: 'newest' },
  { name: 'source filter, oldest', query: 'source:"Steppe Times"', sort: 'oldest' },
];

/** p50 of `runs` timed searches of one page (after one untimed warm-up). */
async function pageP50(
  store: Store,
  query: string,
  sort: SortOrder,
  page: number,
  runs: number,
  after?: string,
): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const ms = await timeMs(() =>
      searchArticles(store, { q: query, sort, page, perPage: 10, ...(after ? { after } : {}) }),
    );
    if (run > 0) samples.push(ms);
  }
  return percentiles(samples).p50;
}

/** Page 1, page 500 by number and page 500 by cursor, for every case. */
export async function measureDeepPages(store: Store, runs: number): Promise<DeepPageResult[]> {
  const results: DeepPageResult[] = [];
  for (const { name, query, sort } of deepPageCases) {
    const page1Ms = await pageP50(store, query, sort, 1, runs);
    const page500Ms = await pageP50(store, query, sort, deepPageNumber, runs);
    const before = await searchArticles(store, { q: query, sort, page: deepPageNumber - 1, perPage: 10 });
    if (before.next === null) throw new Error(`"${query}" has no page ${deepPageNumber}`);
    const page500CursorMs = await pageP50(store, query, sort, deepPageNumber, runs, before.next);
    results.push({
      name,
      query,
      sort,
      page1Ms,
      page500Ms,
      page500CursorMs,
      ratio: page500Ms / page1Ms,
      cursorRatio: page500CursorMs / page1Ms,
    });
  }
  return results;
}

/** The results as a Markdown table. */
export function deepPagesTable(results: DeepPageResult[]): string {
  const ms = (value: number) => value.toFixed(1);
  return [
    `| case | query | page 1 | page ${deepPageNumber} by number | ratio | page ${deepPageNumber} by cursor | ratio |`,
    '|---|---|---:|---:|---:|---:|---:|',
    ...results.map(
      (d) =>
        `| ${d.name} | \`${d.query}\` | ${ms(d.page1Ms)} | ${ms(d.page500Ms)} | ${d.ratio.toFixed(1)} | ${ms(d.page500CursorMs)} | ${d.cursorRatio.toFixed(1)} |`,
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, runs: { type: 'string', default: '15' } },
  });
  if (!values.db) throw new Error('usage: deep-pages.ts --db <archive file or postgres:// URL> [--runs N]');
  const { openStoreAt } = await import('../src/cli/open-store.ts');
  const store = await openStoreAt(values.db, { readonly: true });
  try {
    console.log(`${store.kind} ${store.location}, p50 of ${values.runs} runs, ms`);
    console.log(deepPagesTable(await measureDeepPages(store, Number(values.runs))));
  } finally {
    await store.close();
  }
}
