/**
 * The OpenAPI 3.1 document, generated from the very zod schemas that validate requests (so it cannot
 * drift from what the server accepts), served at /api/openapi.json with a browsable page at /api/docs
 * whose assets come from this server, not a CDN.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { contentSecurityPolicy, formatContentSecurityPolicy } from '../server/security-headers.ts';

/** The docs page's policy: the server-wide one with inline styles allowed. */
const docsContentSecurityPolicy = formatContentSecurityPolicy({
  ...contentSecurityPolicy,
  styleSrc: ["'self'", "'unsafe-inline'"],
});

/** Routes that belong in the document: the API and the machine-readable views of a search. */
export function isDocumentedRoute(url: string): boolean {
  return url.startsWith('/api/v1/') || /^\/search\.(atom|csv|jsonl)$/.test(url) || url === '/opensearch.xml';
}

/** Registers the document generator and the docs page; call before any route is added. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'wirewatch API',
        version,
        description:
          'Search and feed a wirewatch news archive. Queries use the wirewatch query language (words, "phrases", OR, -exclusions, source:, lang:, after:, before:, org:, person:, place:, country:, topic:, event:). Errors are application/problem+json (RFC 9457). Send an API token (`wirewatch tokens create`) as `Authorization: Bearer ww_…`: reading needs the read scope unless the server allows anonymous reading, adding articles and saving searches the write scope, following feeds and setting outlet types (`/api/v1/sources`) an admin’s token with the admin scope; a missing or bad token is 401, a token short of the scope 403.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token, `ww_` + prefix + secret' },
        },
      },
      security: [{ bearer: [] }],
      tags: [
        { name: 'search', description: 'Full-text search with facets and timeline' },
        { name: 'articles', description: 'Read and add articles' },
        {
          name: 'sources',
          description:
            'The archive’s sources, their outlet types and followed feeds; admins follow and drop feeds and set types',
        },
        { name: 'archive', description: 'Archive statistics' },
        {
          name: 'entities',
          description:
            'People, organisations and places named in articles: spellings, designations, mentions',
        },
        { name: 'events', description: 'Event facts read from articles: arrests, attacks, convictions…' },
        {
          name: 'saved-searches',
          description:
            'Saved searches of the watch desk: the caller’s own and the shared ones, saved, edited and removed, their hits and why each alerted',
        },
        { name: 'feeds', description: 'Atom feed of a search, OpenSearch description' },
        { name: 'exports', description: 'Every match of a search, streamed' },
      ],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      return isDocumentedRoute(input.url)
        ? transformed
        : { ...transformed, schema: { ...transformed.schema, hide: true } };
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  // Swagger UI sets style attributes from script. On its pages only, inline *styles* are allowed;
  // scripts stay 'self'-only, and no page showing article text is affected.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', docsContentSecurityPolicy);
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
