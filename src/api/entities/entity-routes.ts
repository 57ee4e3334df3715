/**
 * GET /api/v1/entities and GET /api/v1/entities/:slug: the people, organisations and places enrichment
 * knows, and one of them in full. A merged entity's slug answers 301 to the entity it was merged into.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { ProblemSchema } from '../problem-schema.ts';
import { entityDirectory } from './entity-directory.ts';
import { listCountedEntities } from './entity-list.ts';
import { loadEntityProfile } from './entity-profile.ts';
import {
  EntitiesQuerySchema,
  EntitiesResponseSchema,
  EntityParamsSchema,
  EntityResponseSchema,
} from './entity-schema.ts';
import { entityApiPath, presentEntity, presentEntityRef } from './present-entity.ts';

/** Registers the routes. */
export function entityRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/entities',
      {
        config: { responseCache: true },
        schema: {
          summary: 'People, organisations and places, with the number of articles naming each',
          tags: ['entities'],
          querystring: EntitiesQuerySchema,
          response: { 200: EntitiesResponseSchema, 400: ProblemSchema },
        },
      },
      async (request) => {
        const { type, q, limit, offset } = request.query;
        const counted = await listCountedEntities(store, { ...(type === undefined ? {} : { type }), q });
        return {
          total: counted.length,
          limit,
          offset,
          entities: counted.slice(offset, offset + limit).map(({ entity, articles }) => ({
            ...presentEntityRef(entity),
            subtype: entity.subtype ?? null,
            country: entity.country ?? null,
            article_count: articles,
          })),
        };
      },
    );

    app.get(
      '/entities/:slug',
      {
        config: { responseCache: true },
        schema: {
          summary:
            'One entity: spellings, designations, mentions per month, co-mentioned entities, latest articles, events',
          description:
            'The slug of an entity merged into another answers 301 with the other’s address in `location`.',
          tags: ['entities'],
          params: EntityParamsSchema,
          response: { 200: EntityResponseSchema, 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        const found = await loadEntityProfile(store, request.params.slug);
        if (found.kind === 'merged') return reply.redirect(entityApiPath(found.into.slug), 301);
        if (found.kind === 'missing') {
          throw new AppError('ENTITY_NOT_FOUND', `no entity with slug "${request.params.slug}"`);
        }
        return presentEntity(found.profile, await entityDirectory(store));
      },
    );
  };
}
