/**
 * Who may do what on the served archive, for every request, before any route runs:
 *
 * - the principal comes from a bearer token or the session cookie (authenticate.ts);
 * - each route says what it needs in `config.access` — `public`, `read`, `write` or `admin` — and
 *   by default a GET or HEAD needs `read` and anything else `write`;
 * - no principal: `read` is allowed only when the operator turned anonymous reading on; otherwise a
 *   page redirects to the sign-in page and a program gets 401 with `WWW-Authenticate: Bearer`;
 * - a principal without the scope gets 403 naming what was missing;
 * - a browser session's state-changing requests must carry the session's form token (`_csrf` field
 *   or `x-csrf-token` header), checked after the body is read; token requests need none (a browser
 *   never adds an Authorization header on its own);
 * - bad tokens are counted per client address: past 20 a minute the address gets 429 at once;
 * - a user who must change their password is sent to that page before any other.
 *
 * These hooks are added before every route, so they run before the response cache's route-level
 * hooks: a cached page is never handed to someone who may not read it.
 */
import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { wantsProblemJson } from '../error-handler.ts';
import { type Principal, principalOfSession, principalOfToken, sessionCookie } from './authenticate.ts';

/** What a route needs. */
export type RouteAccess = 'public' | 'read' | 'write' | 'admin';

export interface AccessOptions {
  /** Anyone may read (search, pages, exports) without signing in; writing still needs an account. */
  anonymousRead: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs (default: `read` for GET and HEAD, `write` otherwise). */
    access?: RouteAccess;
    /** The route checks its own form token (the sign-in form, before any session exists). */
    ownFormToken?: boolean;
  }
  interface FastifyRequest {
    /** Who is asking; null for an anonymous request. */
    principal: Principal | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const bearer = /^Bearer +([^\s]+) *$/i;

/** Registers cookies, form bodies and the access hooks on `app` (call before any route). */
export async function installAccess(
  app: FastifyInstance,
  store: Store,
  options: AccessOptions,
): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  app.decorateRequest('principal', null);
  const badTokens = new FailureCounter(20, 60_000);

  app.addHook('onRequest', async (request, reply) => {
    const needed =
      request.routeOptions.config?.access ?? (safeMethods.has(request.method) ? 'read' : 'write');
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      if (badTokens.isBlocked(request.ip))
        throw new AppError('AUTH_THROTTLED', 'too many bad API tokens from this address: wait a minute');
      const token = bearer.exec(authorization)?.[1];
      try {
        if (token === undefined)
          throw new AppError('AUTH_FAILED', 'send the API token as "Authorization: Bearer <token>"');
        request.principal = await principalOfToken(store, token);
      } catch (error) {
        badTokens.add(request.ip);
        reply.header('www-authenticate', 'Bearer realm="wirewatch", error="invalid_token"');
        throw error;
      }
    } else {
      const cookie = request.cookies[sessionCookie];
      if (cookie !== undefined) {
        request.principal = await principalOfSession(store, cookie);
        if (request.principal === null) reply.clearCookie(sessionCookie, { path: '/' });
      }
    }
    if (needed === 'public') return;
    const principal = request.principal;
    if (principal === null) {
      if (needed === 'read' && options.anonymousRead) return;
      if (!wantsProblemJson(request) && safeMethods.has(request.method))
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      reply.header('www-authenticate', 'Bearer realm="wirewatch"');
      throw new AppError(
        'AUTH_REQUIRED',
        needed === 'read'
          ? 'sign in, or send an API token as "Authorization: Bearer <token>", to read this archive'
          : `this needs ${needed === 'admin' ? 'an admin' : 'an analyst or admin'}: sign in, or send an API token with the ${needed} scope`,
      );
    }
    if (
      principal.via === 'session' &&
      principal.user.mustChangePassword &&
      !wantsProblemJson(request) &&
      !request.url.startsWith('/account/password') &&
      !request.url.startsWith('/sign-out') &&
      !request.url.startsWith('/assets/')
    )
      return reply.redirect('/account/password', 303);
    if (!principal.scopes.includes(needed))
      throw new AppError(
        'AUTH_FORBIDDEN',
        `${principal.user.name} is ${principal.user.role === 'viewer' ? 'a' : 'an'} ${principal.user.role}${principal.via === 'token' ? ` and this token has ${principal.scopes.join(', ') || 'no scope left'}` : ''}: ${describeNeed(needed)}`,
      );
  });

  app.addHook('preHandler', async (request) => {
    if (safeMethods.has(request.method) || request.routeOptions.config?.ownFormToken) return;
    const session = request.principal?.via === 'session' ? request.principal.session : undefined;
    if (session === undefined) return;
    if (!sameSecret(formTokenOf(request), session.csrfToken))
      throw new AppError(
        'AUTH_CSRF',
        'the form was sent without its security token, or with an old one: reload the page and send it again',
      );
  });
}

function describeNeed(needed: RouteAccess): string {
  if (needed === 'admin') return 'only an admin may do this';
  if (needed === 'write') return 'only an analyst or an admin may change the archive';
  return 'reading needs the read scope';
}

/** The form token a request carries: the `_csrf` form field or the `x-csrf-token` header. */
export function formTokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body !== null && typeof body === 'object' ? body._csrf : undefined;
  if (typeof field === 'string') return field;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/** Constant-time comparison of a sent secret with the expected one. */
export function sameSecret(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Failures per client address in a fixed window, bounded in the addresses it remembers. */
export class FailureCounter {
  readonly #counts = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  add(address: string, now = Date.now()): void {
    const entry = this.#current(address, now);
    if (entry) entry.count += 1;
    else {
      if (this.#counts.size >= 10_000) this.#counts.clear();
      this.#counts.set(address, { since: now, count: 1 });
    }
  }

  isBlocked(address: string, now = Date.now()): boolean {
    return (this.#current(address, now)?.count ?? 0) >= this.limit;
  }

  #current(address: string, now: number) {
    const entry = this.#counts.get(address);
    if (entry === undefined) return undefined;
    if (now - entry.since >= this.windowMs) {
      this.#counts.delete(address);
      return undefined;
    }
    return entry;
  }
}
