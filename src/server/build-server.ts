/**
 * The wirewatch server as a Fastify app, built but not listening, so tests drive it with inject() or
 * listen on a free port themselves. Everything is wired here once: validation (zod), security headers,
 * limits, the API, the feeds and exports, the pages, and the one error mapper.
 */
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { apiRoutes } from '../api/api-routes.ts';
import { exportRoutes } from '../api/exports/export-routes.ts';
import { registerOpenApi } from '../api/openapi.ts';
import { watchFeedRoute } from '../api/watch/watch-feed-route.ts';
import type { Store } from '../store/store.ts';
import { accountRoutes } from '../web/account-routes.ts';
import { adminRoutes } from '../web/admin-routes.ts';
import { sourcePageRoutes } from '../web/source-routes.ts';
import { watchRoutes } from '../web/watch-routes.ts';
import { renderErrorPage, webRoutes } from '../web/web-routes.ts';
import { type AccessOptions, installAccess } from './access/install-access.ts';
import { installErrorHandlers } from './error-handler.ts';
import { installResponseCache, type ResponseCacheStats } from './response-cache.ts';
import { contentSecurityPolicy } from './security-headers.ts';

/** Options of the server. */
export interface ServerOptions {
  store: Store;
  /** API and export requests per client address per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** pino log level (default 'warn'; 'info' logs every request, 'silent' in tests). */
  logLevel?: string;
  /** The version shown in the API document. */
  version?: string;
  /** Bytes of finished answers kept for repeated requests (response-cache.ts); 0 or absent: none. */
  responseCacheBytes?: number;
  /** Who may read without signing in (install-access.ts); default: no one. */
  access?: AccessOptions;
  /**
   * Non-public address ranges (CIDR) a feed an admin follows may be fetched from and a saved
   * search's webhook may point to; default WIREWATCH_ALLOW_PRIVATE from the environment, as the
   * ingestion reads it.
   */
  allowPrivate?: readonly string[];
}

/** The largest request body outside POST /api/v1/articles (which sets its own). */
export const defaultBodyLimit = 1024 * 1024;

/** A request that has not finished in this long is answered 408 and dropped. */
export const requestTimeoutMs = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** The response cache's counters, when the server has one. */
    responseCacheStats?: () => ResponseCacheStats;
  }
}

/** Builds the app; call `listen` on it to serve, `close` to stop (the store is the caller's to close). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Request lines are logged at info; the default 'warn' keeps a busy server's log to what needs a look.
    logger: { level: options.logLevel ?? 'warn' },
    bodyLimit: defaultBodyLimit,
    requestTimeout: requestTimeoutMs,
    connectionTimeout: requestTimeoutMs,
    // The longest path parameter we accept; queries are capped by their schemas.
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app, renderErrorPage);
  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: contentSecurityPolicy } });
  await app.register(fastifyRateLimit, { global: false });
  // Before every route, so each route's access is checked ahead of anything it does (or has cached).
  await installAccess(app, options.store, options.access ?? { anonymousRead: false });
  await registerOpenApi(app, options.version ?? '0.1.0');
  const responseCacheStats = installResponseCache(app, options.store, {
    maxBytes: options.responseCacheBytes ?? 0,
  });
  if (responseCacheStats !== null) app.decorate('responseCacheStats', responseCacheStats);

  await app.register(
    async (api) => {
      await apiRoutes(api, {
        store: options.store,
        rateLimitPerMinute: options.rateLimitPerMinute,
        ...(options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
      });
    },
    { prefix: '/api/v1' },
  );
  await app.register(async (exports) => {
    if (options.rateLimitPerMinute > 0) {
      exports.addHook(
        'onRequest',
        exports.rateLimit({ max: options.rateLimitPerMinute, timeWindow: 60_000 }),
      );
    }
    await exports.register(exportRoutes(options.store));
  });
  await app.register(webRoutes, { store: options.store });
  await app.register(accountRoutes, { store: options.store });
  await app.register(adminRoutes, { store: options.store });
  await app.register(sourcePageRoutes, {
    store: options.store,
    ...(options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
  });
  await app.register(watchRoutes, {
    store: options.store,
    ...(options.allowPrivate ? { allowPrivate: options.allowPrivate } : {}),
  });
  await app.register(watchFeedRoute, { store: options.store });
  return app;
}
