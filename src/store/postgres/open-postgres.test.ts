/**
 * Opening the PostgreSQL archive: wrong URLs, passwords and servers give errors that name the problem;
 * migrations are recorded, never half-applied, refused when the archive is newer than the code, and
 * safe when several processes start at once.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import pg from 'pg';
import { testDatabases } from '../../../test/support/test-postgres.ts';
import { isAppError } from '../../core/errors.ts';
import { postgresMigrations } from './migrations/index.ts';
import { openPostgresStore } from './postgres-store.ts';

const databases = await testDatabases();

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The versions of this wirewatch's migrations, and the newest. */
const knownVersions = postgresMigrations.map((migration) => migration.version);
const latestVersion = knownVersions.at(-1)!;

function rejectsWith(code: string, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, /wirewatch_test:wirewatch_test@|password=/, 'no password in messages');
    return true;
  };
}

describe('opening a PostgreSQL archive', { skip: databases.skip }, () => {
  it('names a wrong password, a missing database, an unknown host and a server that is down', async () => {
    const url = new URL(await databases.create());
    const wrongPassword = new URL(url);
    wrongPassword.password = 'not-the-password';
    await assert.rejects(
      openPostgresStore({ url: wrongPassword.toString() }),
      rejectsWith('STORE_AUTH_FAILED', /refused the password of user "wirewatch_test"/),
    );
    await assert.rejects(
      openPostgresStore({ url: databases.urlFor('wirewatch_no_such_database') }),
      rejectsWith('STORE_CANNOT_OPEN', /"wirewatch_no_such_database" does not exist.*createdb/),
    );
    const down = new URL(url);
    down.port = String(await closedPort());
    await assert.rejects(
      openPostgresStore({ url: down.toString() }),
      rejectsWith('STORE_UNAVAILABLE', /connection refused — is the server running\?/),
    );
    await assert.rejects(
      openPostgresStore({
        url: 'postgres://user:secret@no-such-host.invalid:5432/x',
        connectTimeoutMs: 3000,
      }),
      rejectsWith('STORE_CANNOT_OPEN', /no-such-host\.invalid.*does not resolve/),
    );
  });

  it('creates nothing for a command that only reads, and says the archive is not there', async () => {
    const url = await databases.create();
    await assert.rejects(
      openPostgresStore({ url, mustExist: true }),
      rejectsWith('STORE_CANNOT_OPEN', /holds no wirewatch archive yet/),
    );
    assert.deepEqual(await query(url, "SELECT 1 FROM pg_tables WHERE schemaname = 'public'"), []);
  });

  it('refuses a database whose tables wirewatch did not create, and leaves it untouched', async () => {
    const url = await databases.create();
    await query(url, 'CREATE TABLE articles (something text)');
    await assert.rejects(openPostgresStore({ url }), rejectsWith('STORE_NOT_WIREWATCH', /articles/));
    assert.deepEqual(
      (
        await query<{ name: string }>(
          url,
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
        )
      ).map((row) => row.name),
      ['articles'],
    );
  });

  it('refuses an archive at a newer migration than the code knows', async () => {
    const url = await databases.create();
    const newer = [
      ...postgresMigrations,
      { version: 99, name: 'from the future', sql: 'CREATE TABLE future (x int)' },
    ];
    await (await openPostgresStore({ url, migrations: newer })).close();
    await assert.rejects(
      openPostgresStore({ url }),
      rejectsWith(
        'STORE_TOO_NEW',
        new RegExp(
          `schema version 99, newer than this wirewatch knows \\(${latestVersion}\\); upgrade wirewatch`,
        ),
      ),
    );
  });

  it('never leaves a failed migration half-applied', async () => {
    const url = await databases.create();
    const broken = [
      ...postgresMigrations,
      {
        version: latestVersion + 1,
        name: 'breaks halfway',
        sql: 'CREATE TABLE half (x int); SELECT no_such_function();',
      },
    ];
    await assert.rejects(openPostgresStore({ url, migrations: broken }), /no_such_function/);
    const versions = await query<{ version: number }>(
      url,
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      versions.map((row) => row.version),
      knownVersions,
    );
    assert.deepEqual(await query(url, "SELECT 1 FROM pg_tables WHERE tablename = 'half'"), []);
    // The archive still opens at the version it reached.
    const store = await openPostgresStore({ url });
    assert.equal((await store.stats()).schemaVersion, latestVersion);
    await store.close();
  });

  it('migrates once when many processes start at the same moment (advisory lock)', async () => {
    const url = await databases.create();
    const stores = await Promise.all(
      Array.from({ length: 8 }, () => openPostgresStore({ url, poolSize: 1 })),
    );
    await Promise.all(stores.map((store) => store.close()));
    const rows = await query<{ version: number; n: number }>(
      url,
      'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
    );
    assert.deepEqual(
      rows,
      knownVersions.map((version) => ({ version, n: 1 })),
    );
  });
});
