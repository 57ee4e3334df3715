/**
 * Connects to the PostgreSQL archive: one pool per store, sessions in UTC, 64-bit integers read as
 * numbers, and the schema brought up to date under an advisory lock, so two processes starting at
 * once never apply the same migration twice or see a half-applied one.
 */
import pg from 'pg';
import { AppError } from '../../core/errors.ts';
import type { Migration } from '../migration.ts';
import { postgresMigrations } from './migrations/index.ts';
import { mapPostgresError, redactUrl } from './postgres-errors.ts';

/** How to connect. */
export interface OpenPostgresOptions {
  /** `postgres://user:password@host:port/database` (libpq-style parameters such as `?host=/run/postgresql` work). */
  url: string;
  /** Refuse a database that holds no archive yet (commands that only read). */
  mustExist?: boolean;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** How long to wait for a connection before STORE_UNAVAILABLE, in ms (default 10000). */
  connectTimeoutMs?: number;
  /** Migrations to apply; tests pass a longer list to check upgrades and refusals. */
  migrations?: readonly Migration[];
}

// The key of the advisory lock that serialises migrations: 'wirewatc' as a 64-bit integer.
const migrationLockKey = '8603440004452004963';

const int8Oid = 20;
const timestamptzOid = 1184;

// Ids and counts are bigint in PostgreSQL; they stay far below 2^53, so read them as numbers.
// Timestamps are read as the same ISO strings the SQLite store keeps.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === int8Oid) return (value: string) => Number(value);
    if (oid === timestamptzOid)
      return (value: string) =>
        new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** Opens a pool on the server at `options.url` and migrates its schema. */
export async function openPostgresPool(options: OpenPostgresOptions): Promise<pg.Pool> {
  try {
    new URL(options.url);
  } catch {
    throw new AppError(
      'STORE_CANNOT_OPEN',
      `"${redactUrl(options.url)}" is not a valid PostgreSQL URL (postgres://user:password@host:port/database)`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'wirewatch',
    options: '-c TimeZone=UTC',
    types,
  });
  // An idle connection that the server drops emits 'error' on the pool; unhandled, it would end the
  // process. The next query on the pool meets the same failure and reports it, so it is not lost.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      await checkServer(client, options.url);
      await migrate(client, options);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw mapPostgresError(error, options.url);
  }
  return pool;
}

async function checkServer(client: pg.PoolClient, url: string): Promise<void> {
  const { rows } = await client.query<{ encoding: string; version: number }>(
    "SELECT current_setting('server_encoding') AS encoding, current_setting('server_version_num')::int AS version",
  );
  const { encoding, version } = rows[0]!;
  if (encoding !== 'UTF8') {
    throw new AppError(
      'STORE_CANNOT_OPEN',
      `the database at ${redactUrl(url)} uses encoding ${encoding}; wirewatch needs UTF8 (createdb --encoding=UTF8 --template=template0)`,
    );
  }
  if (version < 140000) {
    throw new AppError(
      'STORE_CANNOT_OPEN',
      `PostgreSQL ${Math.floor(version / 10000)} at ${redactUrl(url)} is too old; wirewatch needs 14 or newer`,
    );
  }
}

async function migrate(client: pg.PoolClient, options: OpenPostgresOptions): Promise<void> {
  const migrations = options.migrations ?? postgresMigrations;
  const where = redactUrl(options.url);
  await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('schema_migrations', 'articles', 'sources')",
    );
    const tables = rows.map((row) => row.name);
    if (!tables.includes('schema_migrations')) {
      if (tables.length > 0) {
        throw new AppError(
          'STORE_NOT_WIREWATCH',
          `the database at ${where} has tables named ${tables.join(', ')} that wirewatch did not create; it was left untouched`,
        );
      }
      if (options.mustExist) {
        throw new AppError(
          'STORE_CANNOT_OPEN',
          `the database at ${where} holds no wirewatch archive yet: import articles first or check the URL`,
        );
      }
      await client.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
      );
    }
    const current =
      (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]
        ?.v ?? 0;
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) {
      throw new AppError(
        'STORE_TOO_NEW',
        `the archive at ${where} is at schema version ${current}, newer than this wirewatch knows (${newest}); upgrade wirewatch`,
      );
    }
    for (const migration of migrations.filter((m) => m.version > current)) {
      // Each migration and its record commit together: a failure or a lost connection rolls both back.
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())',
          [migration.version, migration.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]).catch(() => {});
  }
}
