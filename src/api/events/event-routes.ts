/** GET /api/v1/events: event facts newest first, by type and by the articles a query matches. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Store } from '../../store/store.ts';
import { entityDirectory } from '../entities/entity-directory.ts';
import { ProblemSchema } from '../problem-schema.ts';
import { listEventFacts } from './event-listing.ts';
import { EventsQuerySchema, EventsResponseSchema } from './event-schema.ts';
import { presentListedEvent } from './present-event.ts';

/** Registers the route. */
export function eventRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/events',
      {
        config: { responseCache: true },
        schema: {
          summary: 'Event facts: arrests, attacks, convictions, repatriations, bans',
          description:
            'Facts read from article sentences (type, count, actor, target, place, date, the sentence), newest article first. `q` keeps the events of the articles a query matches.',
          tags: ['events'],
          querystring: EventsQuerySchema,
          response: { 200: EventsResponseSchema, 400: ProblemSchema },
        },
      },
      async (request) => {
        const input = request.query;
        const [list, directory] = await Promise.all([
          listEventFacts(store, {
            ...(input.type === undefined ? {} : { type: input.type }),
            q: input.q,
            limit: input.limit,
            offset: input.offset,
          }),
          entityDirectory(store),
        ]);
        return {
          type: input.type ?? null,
          query: input.q,
          limit: input.limit,
          offset: input.offset,
          next_offset: list.hasMore ? input.offset + input.limit : null,
          truncated: list.truncated,
          events: list.events.map((event) => presentListedEvent(event, (id) => directory.byId.get(id))),
        };
      },
    );
  };
}
