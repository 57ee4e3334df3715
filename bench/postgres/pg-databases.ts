/**
 * The PostgreSQL benchmark's databases: which server it talks to (said out loud, password hidden),
 * fresh databases for each run, whether a kept one is already full, VACUUM ANALYZE and sizes. Every
 * connection sets the session up as the store's pool does (UTC), so both sides compare like with like.
 */
import pg from 'pg';
import { redactUrl } from '../../src/store/postgres/postgres-errors.ts';

/** The server the bench uses unless --url or WIREWATCH_BENCH_POSTGRES_URL says otherwise. */
export const defaultBenchPostgresUrl = 'postgres://wirewatch_test:wirewatch_test@127.0.0.1:5432/postgres';

/** The server settings that move query and import times most, printed and recorded with the results. */
const reportedSettings = [
  'shared_buffers',
  'work_mem',
  'maintenance_work_mem',
  'effective_cache_size',
  'synchronous_commit',
  'max_wal_size',
  'jit',
  'max_parallel_workers_per_gather',
  'random_page_cost',
  'gin_pending_list_limit',
];

/** What the bench connected to. */
export interface ServerInfo {
  /** The URL it was given, without the password. */
  url: string;
  user: string;
  /** Address and port as the server sees its end of the connection. */
  address: string;
  version: string;
  settings: Record<string, string>;
}

/** `serverUrl` pointing at database `name` instead (user, password, host and options unchanged). */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A client in the store's session settings (UTC), for the bench's own statements. */
export function benchClient(url: string): pg.Client {
  return new pg.Client({
    connectionString: url,
    options: '-c TimeZone=UTC',
    application_name: 'wirewatch-bench',
  });
}

/** Runs `work` on a fresh connection to `url` and closes it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = benchClient(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Who and what is at `url`. */
export async function describeServer(url: string): Promise<ServerInfo> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{
      version: string;
      user: string;
      address: string | null;
      port: number;
    }>(
      'SELECT version() AS version, current_user AS user, host(inet_server_addr()) AS address, inet_server_port() AS port',
    );
    const settings = await client.query<{ name: string; setting: string }>(
      'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name',
      [reportedSettings],
    );
    const row = rows[0]!;
    return {
      url: redactUrl(url),
      user: row.user,
      // A Unix socket has no address; say so rather than print null.
      address: row.address === null ? 'local socket' : `${row.address}:${row.port}`,
      version: row.version,
      settings: Object.fromEntries(settings.rows.map((setting) => [setting.name, setting.setting])),
    };
  });
}

/** Quotes an identifier (the bench's database names are plain, but quoting stays total). */
function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Drops database `name` if it exists (closing other sessions on it) and creates it empty, in UTF-8. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${identifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
  });
}

/** How many articles database `name` holds, or null when there is no such database or no archive in it. */
export async function storedArticles(serverUrl: string, name: string): Promise<number | null> {
  const exists = await withClient(
    serverUrl,
    async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount,
  );
  if (!exists) return null;
  return withClient(databaseUrl(serverUrl, name), async (client) => {
    const { rows } = await client.query<{ found: string | null }>(
      "SELECT to_regclass('articles')::text AS found",
    );
    if (rows[0]?.found == null) return null;
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0]!.n;
  });
}

/**
 * VACUUM ANALYZE: fresh statistics for the planner, the visibility map set (index-only scans) and the
 * GIN index's pending list merged, so that queries are timed on the archive as it settles, not on
 * whatever autovacuum happened to reach during the import.
 */
export async function vacuumAnalyze(url: string): Promise<number> {
  const started = performance.now();
  await withClient(url, (client) => client.query('VACUUM ANALYZE'));
  return (performance.now() - started) / 1000;
}

/** The size of the database at `url`, in MB. */
export async function databaseMb(url: string): Promise<number> {
  return withClient(
    url,
    async (client) =>
      (await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n,
  ).then((bytes) => Number(bytes) / 1_048_576);
}
