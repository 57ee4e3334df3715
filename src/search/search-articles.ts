/**
 * The one search service the CLI (and later the web desk and API) call: parse the user's query,
 * ask the store for one page, and cut snippets, so every front end shows the same results.
 */
import { AppError } from '../core/errors.ts';
import { maxPerPage, type SortOrder, type Store } from '../store/store.ts';
import { hasTextClauses, parseQuery } from './query-parser.ts';
import type { ParsedQuery } from './query-ast.ts';
import { buildSnippet, defaultSnippetLength, type HighlightedText, parseMarkedText } from './snippet.ts';

/** Default hits per page. */
export const defaultPerPage = 10;

/** What a user asks for. */
export interface SearchInput {
  /** The query in the wirewatch query language; blank browses everything, newest first. */
  q: string;
  sort?: SortOrder;
  /** 1-based; default 1. */
  page?: number;
  /** 1..100; default 10. */
  perPage?: number;
  /** Snippet length in characters, 40..2000; default 300. */
  snippetLength?: number;
  /** Give each hit its relevance score (for scripts); default false, since it costs a ranking pass. */
  withScores?: boolean;
}

/** One hit as every front end shows it. */
export interface SearchResultHit {
  id: number;
  title: HighlightedText;
  source: string;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string | null;
  /** Relevance (higher is better); null when sorted by date or not asked for (withScores). */
  score: number | null;
  snippet: HighlightedText;
}

/** One page of results. */
export interface SearchResults {
  query: ParsedQuery;
  /** The order actually used: relevance becomes newest when the query has no words. */
  sort: SortOrder;
  page: number;
  perPage: number;
  /** Exact number of matching articles. */
  total: number;
  /** 1-based index of the first hit on this page (0 when there is none), and of the last. */
  first: number;
  last: number;
  hits: SearchResultHit[];
}

/** Runs one search. Throws AppError for a malformed query or bad paging; never returns a silent empty page. */
export async function searchArticles(store: Store, input: SearchInput): Promise<SearchResults> {
  const page = input.page ?? 1;
  const perPage = input.perPage ?? defaultPerPage;
  if (!Number.isInteger(page) || page < 1)
    throw new AppError('SEARCH_BAD_PAGE', `page must be a whole number from 1, not ${page}`);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPerPage) {
    throw new AppError(
      'SEARCH_BAD_PAGE',
      `per-page must be a whole number from 1 to ${maxPerPage}, not ${perPage}`,
    );
  }
  const snippetLength = Math.min(2000, Math.max(40, input.snippetLength ?? defaultSnippetLength));
  const query = parseQuery(input.q);
  const ranked = query.root !== null && hasTextClauses(query.root);
  const requested = input.sort ?? 'relevance';
  const sort: SortOrder = requested === 'relevance' && !ranked ? 'newest' : requested;
  const result = await store.search({ query, sort, page, perPage, withScores: input.withScores ?? false });
  const firstIndex = (page - 1) * perPage + 1;
  return {
    query,
    sort,
    page,
    perPage,
    total: result.total,
    first: result.hits.length > 0 ? firstIndex : 0,
    last: result.hits.length > 0 ? firstIndex + result.hits.length - 1 : 0,
    hits: result.hits.map((hit) => ({
      id: hit.article.id,
      title: parseMarkedText(hit.marked.title),
      source: hit.article.source,
      url: hit.article.url,
      author: hit.article.author,
      publishedAt: hit.article.publishedAt,
      language: hit.article.language,
      score: hit.score,
      snippet: buildSnippet(hit.marked.text, snippetLength),
    })),
  };
}
