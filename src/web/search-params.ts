/**
 * The query string of the results page (`q`, `page`, `sort`, `per_page`, `interval`, `scale`),
 * checked once at the edge, and the links that change one of them.
 */
import { AppError } from '../core/errors.ts';
import { defaultPerPage } from '../search/search-articles.ts';
import { maxPerPage, type SortOrder } from '../store/store.ts';

/** The orders the sort switch offers; `date` is newest first. */
export const sortChoices = ['relevance', 'date', 'oldest'] as const;
export type SortChoice = (typeof sortChoices)[number];

/** Timeline bucket widths; `auto` lets the timeline service choose from the span of the results. */
export const intervalChoices = ['auto', 'day', 'week', 'month', 'year'] as const;
export type IntervalChoice = (typeof intervalChoices)[number];

/** What the timeline shows: raw counts, or the share of all archived articles in each period (default). */
export const scaleChoices = ['share', 'count'] as const;
export type ScaleChoice = (typeof scaleChoices)[number];

/** Everything the results page was asked for. */
export interface SearchState {
  q: string;
  page: number;
  sort: SortChoice;
  perPage: number;
  interval: IntervalChoice;
  scale: ScaleChoice;
  /**
   * The `next` token of the previous page (`after=`), present only when the "next" link was followed:
   * the page then starts right after that page's last hit, found by keyset however deep it is.
   */
  after?: string;
}

const defaults: Omit<SearchState, 'q' | 'after'> = {
  page: 1,
  sort: 'relevance',
  perPage: defaultPerPage,
  interval: 'auto',
  scale: 'share',
};

/** The store's order for a sort choice. */
export function storeSort(sort: SortChoice): SortOrder {
  return sort === 'date' ? 'newest' : sort;
}

/** One query-string value: the first when a name is repeated, '' when absent. */
export function firstValue(value: unknown): string {
  if (Array.isArray(value)) return firstValue(value[0]);
  return typeof value === 'string' ? value : '';
}

/** One of `choices`, `fallback` when blank; throws AppError (400) naming the parameter otherwise. */
export function choice<T extends string>(name: string, raw: string, choices: readonly T[], fallback: T): T {
  if (raw === '') return fallback;
  const found = choices.find((option) => option === raw);
  if (found) return found;
  throw new AppError('REQUEST_INVALID', `${name} must be one of ${choices.join(', ')}, not "${raw}"`);
}

function wholeNumber(name: string, raw: string, fallback: number, max: number): number {
  if (raw === '') return fallback;
  const value = /^\d{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= 1 && value <= max)) {
    throw new AppError('SEARCH_BAD_PAGE', `${name} must be a whole number from 1 to ${max}, not "${raw}"`);
  }
  return value;
}

/** Reads the results page's query string; throws AppError (400) naming the bad parameter. */
export function readSearchState(query: Record<string, unknown>): SearchState {
  const state: SearchState = {
    q: firstValue(query.q),
    page: wholeNumber('page', firstValue(query.page), defaults.page, 1_000_000),
    sort: choice('sort', firstValue(query.sort), sortChoices, defaults.sort),
    perPage: wholeNumber('per_page', firstValue(query.per_page), defaults.perPage, maxPerPage),
    interval: choice('interval', firstValue(query.interval), intervalChoices, defaults.interval),
    scale: choice('scale', firstValue(query.scale), scaleChoices, defaults.scale),
  };
  // The token itself is checked by the search service (SEARCH_BAD_CURSOR, 400).
  const after = firstValue(query.after);
  if (after !== '') state.after = after;
  return state;
}

/**
 * The results page link for `state` with `changes`; parameters at their defaults are left out. A
 * cursor (`after`) is kept only by links that show the same hits (the timeline's switches): changing
 * the query, order, page or page size drops it unless `changes` brings a new one.
 */
export function searchHref(state: SearchState, changes: Partial<SearchState> = {}): string {
  const next = { ...state, ...changes };
  const movesAway = ['q', 'sort', 'page', 'perPage'].some((key) => key in changes);
  const after = 'after' in changes ? changes.after : movesAway ? undefined : state.after;
  const params = new URLSearchParams();
  params.set('q', next.q);
  if (next.page !== defaults.page) params.set('page', String(next.page));
  if (after) params.set('after', after);
  if (next.sort !== defaults.sort) params.set('sort', next.sort);
  if (next.perPage !== defaults.perPage) params.set('per_page', String(next.perPage));
  if (next.interval !== defaults.interval) params.set('interval', next.interval);
  if (next.scale !== defaults.scale) params.set('scale', next.scale);
  return `/search?${params.toString()}`;
}

/** A link to the results of `q` with default settings (from the home, article and sources pages). */
export function plainSearchHref(q: string): string {
  return `/search?${new URLSearchParams({ q }).toString()}`;
}

/** Every value of a repeatable parameter (`q=a&q=b`), in order. */
export function allValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}
