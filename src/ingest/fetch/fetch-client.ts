/**
 * wirewatch's one HTTP client for ingestion: `createFetchClient().fetchResource(url)`.
 *
 * Built on undici with a dedicated Agent whose connect function refuses non-public addresses
 * (guarded-connect.ts). Each call: http(s) only, at most two requests per host at a time, redirects
 * followed by hand (each hop goes through the same guard), a total deadline, a cap on the
 * decompressed body, conditional GET, and every failure sorted into one FETCH_* error.
 */
import { STATUS_CODES } from 'node:http';
import { MIMEType } from 'node:util';
import { Agent, request } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import { compileAllowList } from './allow-list.ts';
import { classifyFetchError, type FailureContext } from './classify-fetch-error.ts';
import { FetchError, formatSeconds } from './fetch-error.ts';
import {
  buildUserAgent,
  defaultLimits,
  defaultMaxConcurrent,
  defaultMaxPerHost,
  type FetchClientOptions,
  type FetchedResource,
  type FetchOptions,
  resolveLimits,
} from './fetch-options.ts';
import { createGuardedConnector, resolveWithSystem } from './guarded-connect.ts';
import { createHostLimiter } from './host-limiter.ts';
import { readBody } from './read-body.ts';
import { parseRetryAfter } from './retry-after.ts';

/** A configured client; share one per process so the per-host limit holds across all callers. */
export interface FetchClient {
  /** GETs `url`; resolves for 2xx and 304, throws a FetchError (FETCH_*) for everything else. */
  fetchResource(url: string, options?: FetchOptions): Promise<FetchedResource>;
  /** Closes idle connections; calls after close fail. */
  close(): Promise<void>;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** Bytes of an unwanted body (redirect, error page) read to keep the connection; beyond, it is dropped. */
const discardLimit = 64 * 1024;

/** Creates a client; throws CONFIG_INVALID for a bad allow-list or limit. */
export function createFetchClient(options: FetchClientOptions = {}): FetchClient {
  const allowList = compileAllowList(options.allowPrivate ?? []);
  const clientLimits = resolveLimits(defaultLimits, options);
  const limiter = createHostLimiter(
    options.maxPerHost ?? defaultMaxPerHost,
    options.maxConcurrent ?? defaultMaxConcurrent,
  );
  const userAgent = options.userAgent ?? buildUserAgent();
  const resolveHost = options.resolveHost ?? resolveWithSystem;
  // The connect timeout lives in the Agent's connector, so a call with its own gets its own Agent.
  const agents = new Map<number, Agent>();
  const agentFor = (connectTimeoutMs: number): Agent => {
    let agent = agents.get(connectTimeoutMs);
    if (agent === undefined) {
      agent = new Agent({ connect: createGuardedConnector({ allowList, connectTimeoutMs, resolveHost }) });
      agents.set(connectTimeoutMs, agent);
    }
    return agent;
  };

  async function fetchResource(input: string, callOptions: FetchOptions = {}): Promise<FetchedResource> {
    const started = performance.now();
    const limits = resolveLimits(clientLimits, callOptions);
    const agent = agentFor(limits.connectTimeoutMs);
    const headers = requestHeaders(userAgent, callOptions);
    const visited = new Set<string>();
    const redirects: string[] = [];
    let current = parseHttpUrl(input, input);
    visited.add(current.href);
    let deadline: AbortSignal | undefined;
    for (;;) {
      const context: FailureContext = {
        url: current.href,
        phase: 'response',
        deadline,
        deadlineMs: limits.totalTimeoutMs,
        connectTimeoutMs: limits.connectTimeoutMs,
        callerSignal: callOptions.signal,
      };
      let release: () => void;
      try {
        release = await limiter.acquire(current.hostname, combine(deadline, callOptions.signal));
      } catch (error) {
        throw classifyFetchError(error, context);
      }
      deadline ??= AbortSignal.timeout(limits.totalTimeoutMs);
      context.deadline = deadline;
      try {
        const response = await request(current, {
          dispatcher: agent,
          method: 'GET',
          headers,
          signal: combine(deadline, callOptions.signal),
        });
        context.phase = 'body';
        const { statusCode: status } = response;
        const responseHeaders = flattenHeaders(response.headers);
        if (redirectStatuses.has(status)) {
          await response.body.dump({ limit: discardLimit });
          const next = redirectTarget(current, status, responseHeaders.location);
          if (visited.has(next.href)) {
            throw new FetchError(
              'FETCH_REDIRECT_LOOP',
              `${input}: redirect loop: ${[input, ...redirects, next.href].join(' → ')}`,
              { url: current.href },
            );
          }
          if (redirects.length >= limits.maxRedirects) {
            throw new FetchError(
              'FETCH_TOO_MANY_REDIRECTS',
              `${input}: more than ${limits.maxRedirects} redirects: ${[input, ...redirects, next.href].join(' → ')}`,
              { url: current.href },
            );
          }
          visited.add(next.href);
          redirects.push(next.href);
          current = next;
          continue;
        }
        const base = { finalUrl: current.href, status, headers: responseHeaders, redirects };
        const media = parseContentType(responseHeaders['content-type']);
        // A 304 may leave its validators out: the ones we sent still hold. A 200 without them has none.
        const kept = status === 304 ? callOptions : {};
        const etag = responseHeaders.etag ?? kept.etag;
        const lastModified = responseHeaders['last-modified'] ?? kept.lastModified;
        const validators = {
          ...(etag === undefined ? {} : { etag }),
          ...(lastModified === undefined ? {} : { lastModified }),
        };
        if (status === 304) {
          await response.body.dump({ limit: discardLimit });
          return {
            ...base,
            ...media,
            ...validators,
            body: Buffer.alloc(0),
            notModified: true,
            elapsedMs: since(started),
          };
        }
        if (status < 200 || status > 299) {
          await response.body.dump({ limit: discardLimit });
          throw statusError(current.href, status, responseHeaders['retry-after']);
        }
        const { body } = await readBody(response.body, {
          url: current.href,
          contentEncoding: responseHeaders['content-encoding'],
          contentLength: responseHeaders['content-length'],
          maxBytes: limits.maxBodyBytes,
        });
        return { ...base, ...media, ...validators, body, notModified: false, elapsedMs: since(started) };
      } catch (error) {
        throw classifyFetchError(error, context);
      } finally {
        release();
      }
    }
  }

  return {
    fetchResource,
    async close() {
      await Promise.all([...agents.values()].map((agent) => agent.close()));
      agents.clear();
    },
  };
}

/** An absolute http(s) URL without its fragment; throws FETCH_BAD_URL naming `shownAs`. */
function parseHttpUrl(text: string, shownAs: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch (error) {
    throw new FetchError('FETCH_BAD_URL', `${shownAs}: not a valid URL`, { url: shownAs, cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(
      'FETCH_BAD_URL',
      `${shownAs}: only http and https URLs are fetched (got ${url.protocol})`,
      { url: shownAs },
    );
  }
  if (url.username !== '' || url.password !== '') {
    // Refused rather than ignored: undici would drop them silently, and the URL (password included)
    // would end up in finalUrl, the archive and error messages.
    url.username = '';
    url.password = '';
    throw new FetchError(
      'FETCH_BAD_URL',
      `${url.href}: a user name or password in the URL is not supported (written here without them)`,
      { url: url.href },
    );
  }
  url.hash = '';
  return url;
}

function redirectTarget(current: URL, status: number, location: string | undefined): URL {
  if (location === undefined || location.trim() === '') {
    throw new FetchError(
      'FETCH_BAD_RESPONSE',
      `${current.href}: HTTP ${status} redirect without a Location`,
      {
        url: current.href,
      },
    );
  }
  const next = parseHttpUrl(location, `${current.href} redirected to ${location}`, current);
  return next;
}

function statusError(url: string, status: number, retryAfter: string | undefined): FetchError {
  const label = `HTTP ${status}${STATUS_CODES[status] === undefined ? '' : ` ${STATUS_CODES[status]}`}`;
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    const wait =
      retryAfterMs === undefined
        ? 'no usable Retry-After given'
        : `asked to retry in ${formatSeconds(retryAfterMs)}`;
    return new FetchError('FETCH_RETRY_LATER', `${url}: ${label}; ${wait}`, {
      url,
      httpStatus: status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new FetchError('FETCH_HTTP_STATUS', `${url}: ${label}`, { url, httpStatus: status });
}

function requestHeaders(userAgent: string, options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: options.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag !== undefined) headers['if-none-match'] = options.etag;
  if (options.lastModified !== undefined) headers['if-modified-since'] = options.lastModified;
  return headers;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** The media type and charset of a Content-Type header; an unreadable header counts as absent. */
function parseContentType(header: string | undefined): { contentType: string; charset?: string } {
  if (header === undefined) return { contentType: '' };
  try {
    const mime = new MIMEType(header);
    const charset = mime.params.get('charset')?.trim().toLowerCase();
    return { contentType: mime.essence, ...(charset ? { charset } : {}) };
  } catch {
    // Servers send junk like "text/html;;charset=utf-8" or "html"; keep what precedes the first ';'.
    return { contentType: header.split(';')[0]!.trim().toLowerCase() };
  }
}

function combine(
  deadline: AbortSignal | undefined,
  caller: AbortSignal | undefined,
): AbortSignal | undefined {
  if (deadline === undefined) return caller;
  return caller === undefined ? deadline : AbortSignal.any([deadline, caller]);
}

function since(started: number): number {
  return Math.round(performance.now() - started);
}
