/**
 * A cache of finished responses: the bytes of a page or API answer, kept so that the same request
 * while the archive stays the same is answered without searching, rendering or serialising again.
 * It sits above the store's answer cache (caching-store.ts), which saves the archive work; this one
 * also saves the presentation (highlighting, the page's markup, JSON validation and serialisation),
 * which is most of what a repeated request costs.
 *
 * A route opts in with `config: { responseCache: true }`. Its hooks are added at the route level, so
 * they run after every hook of the route's scope: a cached answer is still rate limited and still
 * carries the security headers. Only 200 answers whose body is a string or buffer are kept (not the
 * streamed exports). The key is the method, the origin and URL as sent, and the store's change token, read at
 * the start of each request: a write (through this server, a CLI import into the same file, another
 * server on the same PostgreSQL) moves the token and every older entry is never served again; an
 * answer computed while a write landed is stored under the token read before it, so it is never
 * served either. Entries also expire after `maxAgeMs`, so the results page's date line stays today's.
 *
 * Every kept answer carries a strong ETag (a hash of its bytes) and `cache-control: no-cache`, so a
 * browser or proxy revalidates each time and a matching If-None-Match costs a 304 with no body.
 *
 * Answers are the same for every client. A page that differs for some readers (the results page
 * carries a signed-in analyst's "Save this search" form and its session's form token) passes a
 * function instead of `true`, saying per request whether the shared answer fits; when it does not,
 * that request neither reads nor fills the cache.
 */
import { createHash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  onSendHookHandler,
} from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Store } from '../store/store.ts';

/** How big and how long. */
export interface ResponseCacheOptions {
  /** The most bytes of bodies kept; 0 turns the cache off. An answer over a quarter of it is not kept. */
  maxBytes: number;
  /** How long an entry may be served, in milliseconds (default one minute). */
  maxAgeMs?: number;
}

/** Counters, for tests and the benchmark. */
export interface ResponseCacheStats {
  hits: number;
  misses: number;
  notModified: number;
  entries: number;
  bytes: number;
}

interface CachedResponse {
  body: Buffer;
  contentType: string;
  etag: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Keep this route's 200 answers in the response cache (see response-cache.ts); a function says
     * per request (its principal known) whether this one may use the shared answer.
     */
    responseCache?: boolean | ((request: FastifyRequest) => boolean);
  }
}

const defaultMaxAgeMs = 60_000;

/** The key of a request, or undefined when this request is not to be cached. */
const pendingKeys = new WeakMap<FastifyRequest, string>();

/**
 * Installs the cache on `app`: every route registered after this call with
 * `config.responseCache` gets its hooks. Returns the counters' reader, or null when off.
 */
export function installResponseCache(
  app: FastifyInstance,
  store: Store,
  options: ResponseCacheOptions,
): (() => ResponseCacheStats) | null {
  if (!Number.isInteger(options.maxBytes) || options.maxBytes < 0) {
    throw new RangeError(`maxBytes must be a whole number from 0, not ${options.maxBytes}`);
  }
  if (options.maxBytes === 0) return null;
  const cache = new LRUCache<string, CachedResponse>({
    maxSize: options.maxBytes,
    maxEntrySize: Math.floor(options.maxBytes / 4),
    sizeCalculation: (entry, key) => entry.body.length + key.length * 2 + 200,
    ttl: options.maxAgeMs ?? defaultMaxAgeMs,
  });
  const counts = { hits: 0, misses: 0, notModified: 0 };

  const onRequest: onRequestAsyncHookHandler = async (request, reply) => {
    const wanted = request.routeOptions.config?.responseCache;
    if (typeof wanted === 'function' && !wanted(request)) return;
    // The origin is part of the key because the feeds write absolute links from the Host header.
    const key = `${await store.changeToken()}\n${request.method} ${request.protocol}://${request.host}${request.url}`;
    const hit = cache.get(key);
    if (hit === undefined) {
      counts.misses += 1;
      pendingKeys.set(request, key);
      return;
    }
    counts.hits += 1;
    markCacheable(reply, hit.etag);
    if (matchesEtag(request, hit.etag)) {
      counts.notModified += 1;
      return reply.code(304).send();
    }
    return reply.type(hit.contentType).send(hit.body);
  };

  const onSend: onSendHookHandler = async (request, reply, payload) => {
    const key = pendingKeys.get(request);
    pendingKeys.delete(request);
    if (key === undefined || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    cache.set(key, { body, contentType: String(reply.getHeader('content-type') ?? ''), etag });
    markCacheable(reply, etag);
    if (matchesEtag(request, etag)) {
      counts.notModified += 1;
      reply.code(304);
      return '';
    }
    return body;
  };

  app.addHook('onRoute', (route) => {
    const wanted = route.config?.responseCache;
    if (wanted !== true && typeof wanted !== 'function') return;
    route.onRequest = [...asList(route.onRequest), onRequest];
    route.onSend = [...asList(route.onSend), onSend];
  });
  return () => ({ ...counts, entries: cache.size, bytes: cache.calculatedSize });
}

function markCacheable(reply: FastifyReply, etag: string): void {
  reply.header('etag', etag).header('cache-control', 'no-cache');
}

/** If-None-Match holds this ETag (or `*`); weak comparison, as RFC 9110 asks for GET. */
function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

function asList<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
