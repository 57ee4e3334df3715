/**
 * The one search service the CLI (and later the web desk and API) call: parse the user's query,
 * ask the store for one page, and cut snippets, so every front end shows the same results.
 */
import { AppError } from '../core/errors.ts';
import { decodeCursorToken, encodeCursorToken } from '../store/search-cursor.ts';
import { maxPerPage, maxResultOffset, type SortOrder, type Store } from '../store/store.ts';
import type { TermExpansion } from './expand-query.ts';
import { expandsQueries } from './expanding-store.ts';
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
  /**
   * A `next` token of an earlier page: start right after its last hit (search-after, as cheap at
   * page 500 as at page 1). It also says which result the page starts at, so `page` is then ignored.
   * A garbled or tampered token, or one from another sort order, is refused with SEARCH_BAD_CURSOR.
   */
  after?: string;
}

/** One hit as every front end shows it. */
export interface SearchResultHit {
  id: number;
  title: HighlightedText;
  source: string;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  /** publishedAt is the fetch time standing in for a date the outlet did not give. */
  publishedAtEstimated: boolean;
  language: string | null;
  /** Relevance (higher is better); null when sorted by date or not asked for (withScores). */
  score: number | null;
  snippet: HighlightedText;
  /** The story cluster when other outlets' copies of this story are archived too; else null. */
  cluster: HitCluster | null;
  /**
   * Why it matched, for the words the query was expanded for (expand-query.ts): which form of each
   * such word the hit's title or snippet holds — as typed, a form of its stem, or another spelling.
   */
  matchedVia: MatchReason[];
}

/** One expanded word of the query and the form of it a hit holds. */
export interface MatchReason {
  term: string;
  /** The word as the hit has it (lower case). */
  matched: string;
  via: 'typed' | 'stem' | 'spelling';
}

/** A hit's story cluster: its id (the article page lists it) and how many articles and outlets it has. */
export interface HitCluster {
  id: number;
  articles: number;
  sources: number;
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
  /** What the search added to the words typed (other forms, other spellings), when the store expands queries. */
  expansions: TermExpansion[];
  /**
   * The token of the next page (pass it as `after`), or null on the last page. Date orders carry the
   * last hit's date and id (keyset); relevance carries the next page's offset, since it pages by number.
   */
  next: string | null;
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
  const position = input.after === undefined ? null : decodeCursorToken(input.after);
  if (position && position.sort !== sort) {
    throw new AppError(
      'SEARCH_BAD_CURSOR',
      `the "after" cursor belongs to results sorted by ${position.sort}, not by ${sort}`,
    );
  }
  if (position && position.after === null && position.offset % perPage !== 0) {
    throw new AppError(
      'SEARCH_BAD_CURSOR',
      `the "after" cursor was made for another number of hits a page than ${perPage}`,
    );
  }
  // How many results come before this page: from the cursor when there is one, else the page number.
  const offset = position ? position.offset : (page - 1) * perPage;
  const shownPage = Math.floor(offset / perPage) + 1;
  const result = await store.search({
    query,
    sort,
    page: shownPage,
    perPage,
    withScores: input.withScores ?? false,
    ...(position?.after ? { after: position.after } : {}),
  });
  const expansions = expandsQueries(store) ? await store.queryExpansion(query) : [];
  const clusterSizes = await store.clusters.sizes(
    result.hits.flatMap((hit) => (hit.article.clusterId === null ? [] : [hit.article.clusterId])),
  );
  const clusterOf = (clusterId: number | null): HitCluster | null => {
    const size = clusterId === null ? undefined : clusterSizes.get(clusterId);
    return size && size.articles > 1 ? { id: clusterId!, ...size } : null;
  };
  const nextOffset = offset + result.hits.length;
  let next: string | null = null;
  if (result.next) next = encodeCursorToken({ sort, offset: nextOffset, after: result.next });
  else if (sort === 'relevance' && result.hits.length === perPage && nextOffset < result.total) {
    if (nextOffset <= maxResultOffset) next = encodeCursorToken({ sort, offset: nextOffset, after: null });
  }
  return {
    query,
    sort,
    page: shownPage,
    perPage,
    total: result.total,
    first: result.hits.length > 0 ? offset + 1 : 0,
    last: result.hits.length > 0 ? offset + result.hits.length : 0,
    expansions,
    hits: result.hits.map((hit) => {
      const title = parseMarkedText(hit.marked.title);
      const snippet = buildSnippet(hit.marked.text, snippetLength);
      return {
        id: hit.article.id,
        title,
        source: hit.article.source,
        url: hit.article.url,
        author: hit.article.author,
        publishedAt: hit.article.publishedAt,
        publishedAtEstimated: hit.article.publishedAtEstimated,
        language: hit.article.language,
        score: hit.score,
        snippet,
        cluster: clusterOf(hit.article.clusterId),
        matchedVia: explainMatch(expansions, [title, snippet]),
      };
    }),
    next,
  };
}

/** For each expanded word, the first form of it the marked words of `texts` hold. */
function explainMatch(expansions: TermExpansion[], texts: HighlightedText[]): MatchReason[] {
  if (expansions.length === 0) return [];
  const marked = new Set<string>();
  for (const { text, highlights } of texts) {
    for (const [start, end] of highlights) marked.add(text.slice(start, end).toLowerCase());
  }
  const reasons: MatchReason[] = [];
  for (const expansion of expansions) {
    const typed = expansion.term.toLowerCase();
    const reason =
      (marked.has(typed) ? { matched: typed, via: 'typed' as const } : undefined) ??
      firstOf(
        expansion.spellings.filter((spelling) => marked.has(spelling)),
        'spelling',
      ) ??
      firstOf(
        [...marked].filter((word) => expansion.stem !== undefined && word.startsWith(expansion.stem)),
        expansion.stem !== undefined && typed.startsWith(expansion.stem) ? 'stem' : 'spelling',
      );
    if (reason !== undefined) reasons.push({ term: expansion.term, ...reason });
  }
  return reasons;
}

function firstOf(
  words: string[],
  via: MatchReason['via'],
): { matched: string; via: MatchReason['via'] } | undefined {
  return words.length === 0 ? undefined : { matched: words[0]!, via };
}
