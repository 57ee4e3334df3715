/**
 * Serves src/web/assets/ under /assets/. A request carrying the current content hash (`?v=…`, as
 * every page links it) may be cached for a year; any other is cached briefly and revalidated by ETag.
 */
import type { FastifyInstance } from 'fastify';
import { assetFiles } from './asset-files.ts';
import { firstValue } from './search-params.ts';

/** Registers GET /assets/:name. */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { name: string }; Querystring: Record<string, unknown> }>(
    '/assets/:name',
    // The stylesheet and icon of every page, the sign-in page too: nothing in them is the archive's.
    { config: { access: 'public' } },
    async (request, reply) => {
      const file = assetFiles.get(request.params.name);
      if (!file) {
        return reply.callNotFound();
      }
      const etag = `"${file.hash}"`;
      const versioned = firstValue(request.query.v) === file.hash;
      reply
        .header('content-type', file.contentType)
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(file.body);
    },
  );
}
