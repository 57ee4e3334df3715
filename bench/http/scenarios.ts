/**
 * What the HTTP benchmark asks the server: a mix of searches an analyst runs (rare names, phrases, a
 * source filter, a date range, common words, browsing newest, pages 2 to 5), cycled across requests,
 * and the deep-page pairs. Words come from the generated corpus (bench/corpus), as in bench-queries.ts.
 */

/** The baseline route the server child adds: the whole HTTP stack (hooks, headers, JSON) and no archive work. */
export const noopPath = '/__bench/noop';

/** One search of the mix: the query text and the page/sort to ask for. */
export interface MixQuery {
  name: string;
  q: string;
  page?: number;
  sort?: 'relevance' | 'date';
}

/** The mix: each request takes the next one, so all connections spread over all of them. */
export const searchMix: readonly MixQuery[] = [
  { name: 'rare', q: 'Zhanaozen' },
  { name: 'rare-hyphenated', q: 'Kempir-Abad' },
  { name: 'rare-and-common', q: 'Murghab border' },
  { name: 'phrase', q: '"Central Asia"' },
  { name: 'phrase-2', q: '"national security"' },
  { name: 'source-filter', q: 'security source:"Steppe Times"' },
  { name: 'date-range', q: 'Tokayev after:2024-01-01 before:2025-01-01' },
  { name: 'date-month', q: 'border date:2023-05' },
  { name: 'common', q: 'security' },
  { name: 'common-two', q: 'president minister' },
  { name: 'or', q: 'Tokayev OR Mirziyoyev' },
  { name: 'browse-newest', q: '' },
  { name: 'common-page-2', q: 'government', page: 2 },
  { name: 'phrase-page-3', q: '"Central Asia"', page: 3 },
  { name: 'browse-page-4', q: '', page: 4 },
  { name: 'common-date-page-5', q: 'security', page: 5, sort: 'date' },
];

/** The query string of one mix entry (q always present, page and sort when set). */
export function mixQueryString(query: MixQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ q: query.q });
  if (query.page !== undefined) params.set('page', String(query.page));
  if (query.sort !== undefined) params.set('sort', query.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** API paths of the mix, with or without facets and timeline. */
export function apiSearchPaths(withExtras: boolean): string[] {
  const extra: Record<string, string> = withExtras ? {} : { facets: 'false', timeline: 'false' };
  return searchMix.map((query) => `/api/v1/search?${mixQueryString(query, extra)}`);
}

/** Results-page paths of the mix. */
export function htmlSearchPaths(): string[] {
  return searchMix.map((query) => `/search?${mixQueryString(query)}`);
}

/** A deep-page pair: the same query and order at page 1 and at a deep page. */
export interface DeepPageCase {
  name: string;
  q: string;
  sort: 'relevance' | 'date';
}

/** Browse-newest and a common word, by date and by relevance. */
export const deepPageCases: readonly DeepPageCase[] = [
  { name: 'browse newest', q: '', sort: 'date' },
  { name: 'common word by date', q: 'security', sort: 'date' },
  { name: 'common word by relevance', q: 'security', sort: 'relevance' },
];

/** The page the deep-page pairs compare with page 1 (10 a page: offset 4,990). */
export const deepPage = 500;
