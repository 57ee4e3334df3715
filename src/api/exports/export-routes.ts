/**
 * Machine-readable views of any search, outside /api/v1 because browsers and feed readers use them
 * directly: /search.atom (newest matches as Atom 1.0), /search.csv and /search.jsonl (every match,
 * streamed with back-pressure, so a million hits cost no more memory than ten), /opensearch.xml.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { atomEntryLimit, renderSearchAtom } from '../../export/atom-feed.ts';
import { renderOpenSearchDescription } from '../../export/opensearch-description.ts';
import { type ExportFormat, exportLines } from '../../export/write-export.ts';
import { parseQuery } from '../../search/query-parser.ts';
import { searchArticles } from '../../search/search-articles.ts';
import type { Store } from '../../store/store.ts';
import { ProblemSchema } from '../problem-schema.ts';
import { toSortOrder } from '../search/search-route.ts';
import { SearchQuerySchema } from '../search/search-schema.ts';

/** The search's own `q` and `sort`, with date order as the default: exports and feeds follow the news. */
const ExportQuerySchema = z.object({
  q: SearchQuerySchema.shape.q,
  sort: SearchQuerySchema.shape.sort.removeDefault().default('date'),
});

/** The origin this request reached, for absolute links in feeds and descriptions. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Registers the routes. */
export function exportRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/search.atom',
      {
        config: { responseCache: true },
        schema: {
          summary: 'The newest matches of a query as an Atom 1.0 feed',
          tags: ['feeds'],
          querystring: z.object({ q: ExportQuerySchema.shape.q }),
          response: { 200: z.any().describe('an Atom 1.0 document'), 400: ProblemSchema },
        },
      },
      async (request, reply) => {
        const results = await searchArticles(store, {
          q: request.query.q,
          sort: 'newest',
          perPage: atomEntryLimit,
        });
        const xml = renderSearchAtom(results, {
          origin: requestOrigin(request),
          q: request.query.q,
          now: new Date(),
        });
        return reply.type('application/atom+xml; charset=utf-8').send(xml);
      },
    );

    for (const format of ['csv', 'jsonl'] as const) {
      app.get(
        `/search.${format}`,
        {
          schema: {
            summary: `Every match of a query as ${format === 'csv' ? 'CSV' : 'JSON Lines'}, streamed`,
            tags: ['exports'],
            querystring: ExportQuerySchema,
            response: { 200: z.any().describe(`one line per article (${format})`), 400: ProblemSchema },
          },
        },
        async (request, reply) => {
          // Parse before the first byte goes out, so a bad query still gets a 400 problem document.
          const query = parseQuery(request.query.q);
          const lines = exportLines(store.exportArticles(query, toSortOrder(request.query.sort)), format);
          return reply
            .type(contentTypes[format])
            .header('content-disposition', `attachment; filename="wirewatch-search.${format}"`)
            .send(Readable.from(lines, { objectMode: false }));
        },
      );
    }

    app.get(
      '/opensearch.xml',
      { schema: { summary: 'OpenSearch description (add wirewatch to a browser)', tags: ['feeds'] } },
      async (request, reply) =>
        reply
          .type('application/opensearchdescription+xml; charset=utf-8')
          .send(renderOpenSearchDescription(requestOrigin(request))),
    );
  };
}

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/jsonl; charset=utf-8',
};
