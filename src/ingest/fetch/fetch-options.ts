/**
 * The fetch client's options, their defaults and valid ranges, and the shape of a fetched resource.
 */
import packageJson from '../../../package.json' with { type: 'json' };
import { AppError } from '../../core/errors.ts';
import type { ResolveHost } from './guarded-connect.ts';

/** Connect timeout, per attempt (DNS, then TCP+TLS, each bounded by it): 10 s. */
export const defaultConnectTimeoutMs = 10_000;
/** Total deadline for one call, redirects and body included: 30 s. */
export const defaultTotalTimeoutMs = 30_000;
/** Largest body kept, counted after decompression: 10 MiB. */
export const defaultMaxBodyBytes = 10 * 1024 * 1024;
/** Redirects followed before giving up: 5. */
export const defaultMaxRedirects = 5;
/** Requests at a time to one host name: 2. */
export const defaultMaxPerHost = 2;
/** Requests at a time in all, per client: 16. */
export const defaultMaxConcurrent = 16;

/** What wirewatch says it is to every server; operators can add where to reach them (`contact`). */
export function buildUserAgent(contact?: string): string {
  const base = `wirewatch/${packageJson.version}`;
  return contact === undefined || contact.trim() === ''
    ? `${base} (self-hosted news archive)`
    : `${base} (+${contact.trim()})`;
}

/** Limits that may be set for the whole client and overridden per call. */
export interface FetchLimits {
  /** Milliseconds for DNS resolution, and again for the TCP/TLS connect; 100..120000, default 10 s. */
  connectTimeoutMs: number;
  /**
   * Milliseconds for the whole call: every redirect hop, headers and body; 100..600000, default 30 s.
   * Counted from when the first request slot is granted (a call queued behind the per-host limit is
   * not late yet). undici's own bodyTimeout is per chunk, so a 1-byte-a-second drip needs this one.
   */
  totalTimeoutMs: number;
  /** Bytes of body kept, counted after decompression; 1..1 GiB, default 10 MiB. */
  maxBodyBytes: number;
  /** Redirects followed; 0..20, default 5. */
  maxRedirects: number;
}

/** How a client is set up. */
export interface FetchClientOptions extends Partial<FetchLimits> {
  /**
   * Non-public address ranges that may be fetched anyway, as CIDR (`127.0.0.0/8`, `::1/128`); from
   * WIREWATCH_ALLOW_PRIVATE. Default none: loopback, private, link-local… are all refused.
   */
  allowPrivate?: readonly string[];
  /** The whole User-Agent header; default `wirewatch/<version> (…)` from buildUserAgent. */
  userAgent?: string;
  /** Requests at a time to one host name; 1..16, default 2. */
  maxPerHost?: number;
  /** Requests at a time in all; 1..1024, default 16. */
  maxConcurrent?: number;
  /** How host names become addresses; default the system resolver. Tests give a fixed table. */
  resolveHost?: ResolveHost;
}

/** One call's options. */
export interface FetchOptions extends Partial<FetchLimits> {
  /** The ETag of the copy we have: sent as If-None-Match, so an unchanged resource costs a 304. */
  etag?: string;
  /** The Last-Modified of the copy we have: sent as If-Modified-Since. */
  lastModified?: string;
  /** The Accept header; default `*\/*`. */
  accept?: string;
  /** Cancels the call (waiting for a slot included): FETCH_ABORTED. */
  signal?: AbortSignal;
}

/** A fetched resource (or a 304 answer to a conditional request). */
export interface FetchedResource {
  /** The URL the body came from, after redirects. */
  finalUrl: string;
  status: number;
  /** Response headers, names in lower case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The decompressed body; empty for a 304. */
  body: Buffer;
  /** The media type without parameters, lower case (`application/rss+xml`); '' when the server sent none. */
  contentType: string;
  /** The Content-Type charset parameter as sent, lower case, when there was one. */
  charset?: string;
  /** True for a 304 answer to a conditional request: the copy we have is current. */
  notModified: boolean;
  /** The ETag to send next time (the 304's, else the one we sent). */
  etag?: string;
  /** The Last-Modified to send next time (the 304's, else the one we sent). */
  lastModified?: string;
  /** Every URL a redirect led to, in order; the last one is finalUrl. Empty without redirects. */
  redirects: string[];
  /** Milliseconds from the call to the last body byte. */
  elapsedMs: number;
}

const limitRanges: Record<keyof FetchLimits, [number, number]> = {
  connectTimeoutMs: [100, 120_000],
  totalTimeoutMs: [100, 600_000],
  maxBodyBytes: [1, 1024 * 1024 * 1024],
  maxRedirects: [0, 20],
};

/** `base` with the limits set in `overrides`; throws CONFIG_INVALID for a value out of range. */
export function resolveLimits(base: FetchLimits, overrides: Partial<FetchLimits>): FetchLimits {
  const limits = { ...base };
  for (const name of Object.keys(limitRanges) as Array<keyof FetchLimits>) {
    const value = overrides[name];
    if (value === undefined) continue;
    const [min, max] = limitRanges[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new AppError(
        'CONFIG_INVALID',
        `fetch option ${name} must be a whole number ${min}..${max} (got ${value})`,
      );
    }
    limits[name] = value;
  }
  return limits;
}

/** The defaults of every limit. */
export const defaultLimits: FetchLimits = Object.freeze({
  connectTimeoutMs: defaultConnectTimeoutMs,
  totalTimeoutMs: defaultTotalTimeoutMs,
  maxBodyBytes: defaultMaxBodyBytes,
  maxRedirects: defaultMaxRedirects,
});
