/** GET /api/v1/sources and GET /api/v1/stats: what the archive holds. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Store } from '../../store/store.ts';

/** One source with its article count and date range. */
export const SourceResponseSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string().describe('usable in queries as source:<slug>'),
  article_count: z.number().int(),
  first_published_at: z.string().nullable(),
  last_published_at: z.string().nullable(),
});

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
      '/sources',
      {
        config: { responseCache: true },
        schema: {
          summary: 'Every source with its article count and last article date',
          tags: ['archive'],
          response: { 200: z.object({ sources: z.array(SourceResponseSchema) }) },
        },
      },
      async () => ({
        sources: (await store.listSources()).map((source) => ({
          id: source.id,
          name: source.name,
          slug: source.slug,
          article_count: source.articleCount,
          first_published_at: source.firstPublishedAt,
          last_published_at: source.lastPublishedAt,
        })),
      }),
    );

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
