/**
 * Configuration from the environment, validated once and frozen. Every problem is listed at once,
 * so a user fixes their set-up in one go rather than one error per run.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { parseCidrList } from '../ingest/fetch/allow-list.ts';

/** The default archive file of the embedded store, relative to the working directory. */
export const defaultDatabasePath = './data/wirewatch.db';

/** The port `wirewatch serve` listens on by default. */
export const defaultPort = 8080;
/** The address `wirewatch serve` listens on by default: this machine only. */
export const defaultHost = '127.0.0.1';
/** API requests per client address per minute by default: ample for scripts, a brake on runaway loops. */
export const defaultRateLimitPerMinute = 1200;

/** Search answers the server keeps for repeated requests, until the archive changes. */
export const defaultCacheEntries = 2000;
/** Megabytes of finished pages and API answers the server keeps for repeated requests. */
export const defaultResponseCacheMb = 32;
/** How often the server looks for feeds due to be fetched (each feed has its own interval, 30 min by default). */
export const defaultPollSeconds = 60;
/** Worker threads the server gives SQLite reads, so one slow search does not hold up every request. */
export const defaultReadWorkers = 2;
/** The UTC hour after which the server mails the day before's digests: just after midnight. */
export const defaultDigestHour = 0;

const configSchema = z.object({
  /** Path of the embedded SQLite archive. */
  WIREWATCH_DB: z.string().min(1, 'must not be empty').default(defaultDatabasePath),
  /** A PostgreSQL server to use instead of the embedded file (server mode); wins over WIREWATCH_DB. */
  WIREWATCH_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./i, 'must be a postgres:// URL (postgres://user:password@host:port/database)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Set (to anything) to turn colour off in terminal output (https://no-color.org). */
  NO_COLOR: z.string().optional(),
  /** TCP port of `wirewatch serve`, 0..65535 (0 picks a free port). */
  PORT: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0..65535')
    .max(65535, 'must be 0..65535')
    .default(defaultPort),
  /** Address `wirewatch serve` listens on; loopback by default, so nothing is exposed by accident. */
  HOST: z.string().min(1, 'must not be empty').default(defaultHost),
  /** API requests allowed per client address per minute; 0 turns the limit off. */
  WIREWATCH_RATE_LIMIT: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .default(defaultRateLimitPerMinute),
  /** Cached search answers (results, facets, timelines) kept by the server; 0 turns the cache off. */
  WIREWATCH_CACHE_ENTRIES: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .max(1_000_000, 'must be at most 1000000')
    .default(defaultCacheEntries),
  /** Megabytes of finished answers the server keeps (response-cache.ts); 0 turns that cache off. */
  WIREWATCH_RESPONSE_CACHE_MB: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .max(4096, 'must be at most 4096')
    .default(defaultResponseCacheMb),
  /** SQLite read worker threads of the server (0: reads run on the main thread). */
  WIREWATCH_READ_WORKERS: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0..16')
    .max(16, 'must be 0..16')
    .default(defaultReadWorkers),
  /**
   * Non-public address ranges the fetcher may reach anyway, comma-separated CIDR (`127.0.0.1/8,::1/128`),
   * for feeds on this machine or the local network. Unset: every loopback, private, link-local… address is refused.
   */
  /** Seconds between the server's looks for feeds due to be fetched; 0 turns background fetching off. */
  WIREWATCH_POLL_SECONDS: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .max(86_400, 'must be at most 86400')
    .default(defaultPollSeconds),
  /** 1: anyone may read the served archive without signing in (writing still needs an account). */
  WIREWATCH_ANONYMOUS_READ: z
    .enum(['0', '1', ''], { message: 'must be 1 (on) or 0 (off)' })
    .optional()
    .transform((value) => value === '1'),
  /** Where daily digests are mailed through: smtp://host:port (or smtps://, with user:password@). */
  WIREWATCH_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The From address of digests. */
  WIREWATCH_MAIL_FROM: z.string().min(3, 'must be an address').default('wirewatch@localhost'),
  /** The UTC hour after which `wirewatch serve` mails the day before's digests (0: just after midnight). */
  WIREWATCH_DIGEST_HOUR: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0..23')
    .max(23, 'must be 0..23')
    .default(defaultDigestHour),
  WIREWATCH_ALLOW_PRIVATE: z
    .string()
    .optional()
    .transform((text, context) => {
      const { cidrs, problems } = parseCidrList(text ?? '');
      for (const problem of problems) context.addIssue({ code: 'custom', message: problem });
      return cidrs;
    }),
});

/** Validated configuration. */
export interface Config {
  /** The archive: a PostgreSQL URL when WIREWATCH_DATABASE_URL is set, else the SQLite file's path. */
  databasePath: string;
  color: boolean;
  port: number;
  host: string;
  /** API requests per client address per minute; 0 means no limit. */
  rateLimitPerMinute: number;
  /** Cached search answers the server keeps; 0 means no cache. */
  cacheEntries: number;
  /** Bytes of finished answers the server keeps; 0 means none. */
  responseCacheBytes: number;
  /** SQLite read worker threads of the server; 0 means none. */
  readWorkers: number;
  /** CIDR ranges of non-public addresses the fetcher may reach (WIREWATCH_ALLOW_PRIVATE); empty: none. */
  allowPrivate: readonly string[];
  /** Seconds between the server's looks for due feeds; 0 means it does not fetch. */
  pollSeconds: number;
  /** Anyone may read the served archive without signing in (WIREWATCH_ANONYMOUS_READ=1). */
  anonymousRead: boolean;
  /** SMTP URL for digests (WIREWATCH_SMTP_URL); null: digests are not mailed. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The UTC hour (0..23) after which `wirewatch serve` mails the day before's digests. */
  digestHour: number;
}

/** Reads and validates the environment; throws CONFIG_INVALID naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('CONFIG_INVALID', `invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze({
    databasePath: parsed.data.WIREWATCH_DATABASE_URL ?? parsed.data.WIREWATCH_DB,
    color: parsed.data.NO_COLOR === undefined || parsed.data.NO_COLOR === '',
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    rateLimitPerMinute: parsed.data.WIREWATCH_RATE_LIMIT,
    cacheEntries: parsed.data.WIREWATCH_CACHE_ENTRIES,
    responseCacheBytes: parsed.data.WIREWATCH_RESPONSE_CACHE_MB * 1024 * 1024,
    readWorkers: parsed.data.WIREWATCH_READ_WORKERS,
    allowPrivate: Object.freeze(parsed.data.WIREWATCH_ALLOW_PRIVATE),
    pollSeconds: parsed.data.WIREWATCH_POLL_SECONDS,
    anonymousRead: parsed.data.WIREWATCH_ANONYMOUS_READ,
    smtpUrl: parsed.data.WIREWATCH_SMTP_URL ?? null,
    mailFrom: parsed.data.WIREWATCH_MAIL_FROM,
    digestHour: parsed.data.WIREWATCH_DIGEST_HOUR,
  });
}
