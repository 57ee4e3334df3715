/** GET /api/v1/stats: what the archive holds (its sources are the sources resource's, sources/). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/store.ts';

/** The archive's size and spread. */
export const StatsResponseSchema = z.object({
  article_count: z.number().int(),
  source_count: z.number().int(),
  first_published_at: z.string().nullable(),
  last_published_at: z.string().nullable(),
  languages: z
    .record(z.string(), z.number().int())
    .describe('articles per language code ("unknown" when none)'),
  years: z
    .record(z.string(), z.number().int())
    .describe('articles per publication year ("unknown" when undated)'),
  size_bytes: z.number().int(),
  schema_version: z.number().int(),
  store: z.enum(['sqlite', 'postgres']),
});

/** Registers the routes. */
export function archiveRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/stats',
      {
        config: { responseCache: true },
        schema: {
          summary: 'Archive size and spread',
          tags: ['archive'],
          response: { 200: StatsResponseSchema },
        },
      },
      async () => {
        const stats = await store.stats();
        return {
          article_count: stats.articleCount,
          source_count: stats.sourceCount,
          first_published_at: stats.firstPublishedAt,
          last_published_at: stats.lastPublishedAt,
          languages: stats.languages,
          years: stats.years,
          size_bytes: stats.sizeBytes,
          schema_version: stats.schemaVersion,
          store: store.kind === 'postgres' ? ('postgres' as const) : ('sqlite' as const),
        };
      },
    );
  };
}
