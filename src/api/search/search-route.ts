/** GET /api/v1/search: one page of hits with highlights, exact facet counts and the timeline. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchArticles } from '../../search/search-articles.ts';
import { buildTimeline } from '../../search/search-timeline.ts';
import type { SortOrder, Store } from '../../store/store.ts';
import { ProblemSchema } from '../problem-schema.ts';
import { wantsEntityFacets } from './entity-facet-limit.ts';
import { presentSearch } from './present-search.ts';
import { SearchQuerySchema, SearchResponseSchema } from './search-schema.ts';

/** How many values each facet lists at most. */
export const facetLimit = 20;

/** The API's sort names to the store's: `date` is the newest-first order users mean by it. */
export function toSortOrder(sort: 'relevance' | 'date' | 'newest' | 'oldest'): SortOrder {
  return sort === 'date' ? 'newest' : sort;
}

/** Registers the route. */
export function searchRoute(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/search',
      {
        config: { responseCache: true },
        schema: {
          summary: 'Search the archive',
          description: 'The same query language as the search page and `wirewatch search`.',
          tags: ['search'],
          querystring: SearchQuerySchema,
          response: { 200: SearchResponseSchema, 400: ProblemSchema },
        },
      },
      async (request) => {
        const input = request.query;
        const results = await searchArticles(store, {
          q: input.q,
          sort: toSortOrder(input.sort),
          page: input.page,
          ...(input.after === undefined ? {} : { after: input.after }),
          perPage: input.per_page,
          snippetLength: input.snippet_length,
          withScores: toSortOrder(input.sort) === 'relevance',
        });
        const [facets, timeline, entityFacets] = await Promise.all([
          input.facets ? store.facets(results.query, facetLimit) : null,
          input.timeline ? buildTimeline(store, results.query, input.interval) : null,
          input.facets && wantsEntityFacets(results.total, results.query.root === null)
            ? store.enrichmentFacets(results.query, facetLimit)
            : null,
        ]);
        return presentSearch(input.q, results, facets, timeline, entityFacets);
      },
    );
  };
}
