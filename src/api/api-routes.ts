/** The REST API under /api/v1: one plugin per resource, rate-limited per client address. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';
import { archiveRoutes } from './archive/archive-routes.ts';
import { articleRoutes } from './articles/article-routes.ts';
import { entityRoutes } from './entities/entity-routes.ts';
import { eventRoutes } from './events/event-routes.ts';
import { savedSearchRoutes } from './saved-searches/saved-search-routes.ts';
import { searchRoute } from './search/search-route.ts';
import { sourceRoutes } from './sources/source-routes.ts';

/** Options of the API. */
export interface ApiRoutesOptions {
  store: Store;
  /** Requests per client address per minute; 0 means unlimited. */
  rateLimitPerMinute: number;
  /**
   * Non-public ranges a feed an admin follows may be fetched from, and a saved search's webhook may
   * point to (default: WIREWATCH_ALLOW_PRIVATE).
   */
  allowPrivate?: readonly string[];
}

/** Registers /api/v1/*. */
export async function apiRoutes(app: FastifyInstance, options: ApiRoutesOptions): Promise<void> {
  if (options.rateLimitPerMinute > 0) {
    app.addHook('onRequest', app.rateLimit({ max: options.rateLimitPerMinute, timeWindow: 60_000 }));
  }
  await app.register(searchRoute(options.store));
  await app.register(articleRoutes(options.store));
  await app.register(archiveRoutes(options.store));
  await app.register(
    sourceRoutes(options.store, options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
  );
  await app.register(entityRoutes(options.store));
  await app.register(eventRoutes(options.store));
  await app.register(
    savedSearchRoutes(options.store, options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
  );
}
