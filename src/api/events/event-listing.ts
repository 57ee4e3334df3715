/**
 * Event facts newest first, filtered by type and by a query: only the events of articles the query
 * matches. The store lists events for given article ids, so the ids are collected here from the
 * query's matches — narrowed first to articles that have an event fact (of the type asked for), and
 * bounded, so a query matching most of the archive costs a bounded read, and the caller is told.
 * The events page and GET /api/v1/events share it.
 */
import { AppError } from '../../core/errors.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { eventTypes } from '../../search/query-metadata-fields.ts';
import { parseQuery } from '../../search/query-parser.ts';
import type { ListedEvent } from '../../store/enrichment.ts';
import type { Store } from '../../store/store.ts';

/** The most matching articles whose events a query lists (the newest ones). */
export const maxEventQueryArticles = 2_000;
/** The deepest offset served (as for search results). */
export const maxEventOffset = 100_000;

/** What to list. */
export interface EventListRequest {
  /** One of eventTypes; absent: every type. */
  type?: string;
  /** A query in the query language; blank: events of every article. */
  q: string;
  /** Events per page, 1–1,000. */
  limit: number;
  /** Events to skip, 0–100,000. */
  offset: number;
}

/** One page of events. */
export interface EventList {
  events: ListedEvent[];
  /** True when more events follow this page. */
  hasMore: boolean;
  /** True when the query matched more articles with events than maxEventQueryArticles: only the newest were read. */
  truncated: boolean;
}

/**
 * Lists the events; throws AppError 400 for a bad type, a malformed query or an offset too deep.
 * `maxArticles` bounds how many of a query's matches are read (default maxEventQueryArticles).
 */
export async function listEventFacts(
  store: Store,
  request: EventListRequest,
  maxArticles: number = maxEventQueryArticles,
): Promise<EventList> {
  if (request.type !== undefined && !eventTypes.includes(request.type)) {
    throw new AppError(
      'REQUEST_INVALID',
      `type must be one of ${eventTypes.join(', ')}, not "${request.type}"`,
    );
  }
  if (request.offset > maxEventOffset) {
    throw new AppError('SEARCH_PAGE_TOO_DEEP', `events are listed up to offset ${maxEventOffset}`);
  }
  const query = parseQuery(request.q);
  let articleIds: number[] | undefined;
  let truncated = false;
  if (query.root !== null) {
    const ids = await matchingArticleIds(store, withEventFilter(query, request.type), maxArticles);
    truncated = ids.length > maxArticles;
    articleIds = ids.slice(0, maxArticles);
  }
  const found = await store.enrichment.listEvents({
    ...(request.type === undefined ? {} : { type: request.type }),
    ...(articleIds === undefined ? {} : { articleIds }),
    limit: request.limit + 1,
    offset: request.offset,
  });
  return { events: found.slice(0, request.limit), hasMore: found.length > request.limit, truncated };
}

/**
 * The query narrowed to articles holding an event fact (of `type`), so the bound applies to articles
 * that matter; the query as it is when the narrowed text does not parse (it may pass a length limit).
 */
export function withEventFilter(query: ParsedQuery, type: string | undefined): ParsedQuery {
  const filter =
    type === undefined ? `(${eventTypes.map((name) => `event:${name}`).join(' OR ')})` : `event:${type}`;
  const text = query.root?.kind === 'or' ? `(${query.source.trim()})` : query.source.trim();
  try {
    return parseQuery(`${text} ${filter}`);
  } catch {
    return query;
  }
}

/** Ids of the newest matches, one more than the bound so that truncation can be told. */
async function matchingArticleIds(store: Store, query: ParsedQuery, bound: number): Promise<number[]> {
  const ids: number[] = [];
  for await (const article of store.exportArticles(query, 'newest')) {
    ids.push(article.id);
    if (ids.length > bound) break;
  }
  return ids;
}
