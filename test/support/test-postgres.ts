/**
 * A real PostgreSQL server for the tests (scripts/start-test-postgres.sh sets one up). Each test file
 * creates throwaway databases on it, named after its process, and drops them when it ends.
 *
 * Without a reachable server the PostgreSQL tests skip with a visible notice; under CI=true they fail,
 * since CI must run them. WIREWATCH_TEST_POSTGRES_URL points the tests at another server; its role
 * needs CREATEDB.
 */
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';

/** The maintenance database URL the tests connect to for creating and dropping databases. */
export const testPostgresAdminUrl =
  process.env.WIREWATCH_TEST_POSTGRES_URL ??
  'postgres://wirewatch_test:wirewatch_test@127.0.0.1:5432/postgres';

/** Creates empty databases for one test file and drops them all when the file's tests end. */
export interface TestDatabases {
  /** A new empty database's URL. */
  create(): Promise<string>;
  /** The admin URL with another database name (for tests of wrong URLs). */
  urlFor(database: string): string;
}

/**
 * The server, or the reason there is none. Call at the top level of a test file:
 * `const databases = await testDatabases();` then `describe(…, { skip: databases.skip })`.
 */
export async function testDatabases(): Promise<TestDatabases & { skip: string | false }> {
  const admin = new pg.Client({ connectionString: testPostgresAdminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = `no PostgreSQL test server at ${testPostgresAdminUrl.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}); run scripts/start-test-postgres.sh`;
    if (process.env.CI === 'true') throw new Error(`${reason} — CI must run the PostgreSQL tests`);
    process.stderr.write(`# SKIPPED PostgreSQL tests: ${reason}\n`);
    return { skip: reason, create: async () => '', urlFor: () => '' };
  }
  const prefix = `wirewatch_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const created: string[] = [];
  const urlFor = (database: string) => {
    const url = new URL(testPostgresAdminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  after(async () => {
    try {
      for (const name of created) await dropDatabase(admin, name);
    } finally {
      // Always close the admin connection: left open, it would keep the test process alive.
      await admin.end();
    }
  });
  return {
    skip: false,
    urlFor,
    create: async () => {
      const name = `${prefix}_${created.length + 1}`;
      await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
      created.push(name);
      return urlFor(name);
    },
  };
}

/**
 * Drops a test database. WITH (FORCE) ends our own leftover connections, but a non-superuser may not
 * end an autovacuum worker's (42501), and one may still be vacuuming a database the test has just
 * filled: so a refused drop is retried for a few seconds, then reported without failing the tests.
 */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code === '42501' || code === '55006') && attempt < 25) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      process.stderr.write(`# could not drop test database ${name}: ${(error as Error).message}\n`);
      return;
    }
  }
}
