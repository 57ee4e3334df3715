/**
 * A Store whose query-taking reads (search, topTexts, facets, enrichment facets, timeline, export)
 * expand the query first (expand-query.ts), so every front end — CLI, API, pages, feeds, exports —
 * searches Russian word forms and a name's other spellings the same way. Everything else is the
 * wrapped store's own (a Proxy), including what only one kind of store has (SQLite's read workers).
 *
 * `queryExpansion(query)` tells a front end what was added for a query, to say why hits matched.
 */
import type { Article } from '../core/article.ts';
import type { Store } from '../store/store.ts';
import { expandQuery, type TermExpansion } from './expand-query.ts';
import type { ParsedQuery } from './query-ast.ts';

/** The added method. */
export interface QueryExpansionSource {
  queryExpansion(query: ParsedQuery): Promise<TermExpansion[]>;
}

const expandingMethods = new Set(['search', 'topTexts', 'facets', 'enrichmentFacets', 'timeline', 'matchingIds']);

/** True for a store that expands queries (and can say how). */
export function expandsQueries(store: Store): store is Store & QueryExpansionSource {
  return typeof (store as Partial<QueryExpansionSource>).queryExpansion === 'function';
}

/** `store` with query expansion in front of its query-taking reads. */
export function withQueryExpansion(store: Store): Store & QueryExpansionSource {
  if (expandsQueries(store)) return store;
  const expand = async (query: ParsedQuery) => (await expandQuery(query, store.enrichment)).query;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'queryExpansion') {
        return async (query: ParsedQuery) => (await expandQuery(query, target.enrichment)).expansions;
      }
      if (property === 'exportArticles') {
        return (query: ParsedQuery, ...rest: unknown[]) =>
          exportExpanded(target, expand(query), rest as [never]);
      }
      const value = Reflect.get(target, property, receiver);
      if (typeof property === 'string' && expandingMethods.has(property) && typeof value === 'function') {
        return async (first: unknown, ...rest: unknown[]) => {
          // search takes a request holding the query; the others take the query first.
          if (property === 'search') {
            const request = first as { query: ParsedQuery };
            return value.call(target, { ...request, query: await expand(request.query) }, ...rest);
          }
          return value.call(target, await expand(first as ParsedQuery), ...rest);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Store & QueryExpansionSource;
}

async function* exportExpanded(
  store: Store,
  query: Promise<ParsedQuery>,
  rest: [never],
): AsyncIterable<Article> {
  yield* store.exportArticles(await query, ...rest);
}
