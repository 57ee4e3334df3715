/**
 * Upgrading an archive to per-reader read state (SQLite migration 12, PostgreSQL migration 11): an
 * alert read under the old shared `read_at` stays read for its search's owner and, when the search
 * is shared, for every user (each of them saw it read); an unread one stays unread for everyone.
 * Run on both stores: the archive is made at the version before, filled by SQL, then opened as now.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresMigrations } from '../../src/store/postgres/migrations/index.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { sqliteMigrations } from '../../src/store/sqlite/migrations/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testDatabases } from '../support/test-postgres.ts';

/** The archive before read state was per reader: three users, a private and a shared search, read_at set on some hits. */
const before = [
  `INSERT INTO users (id, name, role, password_hash, created_at, password_changed_at) VALUES
     (1, 'ana', 'analyst', 'h', '2025-05-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z'),
     (2, 'bo', 'analyst', 'h', '2025-05-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z'),
     (3, 'cy', 'viewer', 'h', '2025-05-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z')`,
  `INSERT INTO saved_searches (id, owner_id, name, query, shared, created_at) VALUES
     (1, 1, 'private of ana', 'Osh', 0, '2025-05-01T00:00:00.000Z'),
     (2, 2, 'shared by bo', 'snow', 1, '2025-05-01T00:00:00.000Z')`,
  `INSERT INTO saved_search_hits (saved_search_id, article_id, story_id, alert, why, found_at, read_at) VALUES
     (1, 10, NULL, 1, 'new story', '2025-05-02T00:00:00.000Z', '2025-05-03T08:00:00.000Z'),
     (1, 11, NULL, 1, 'new story', '2025-05-02T00:00:00.000Z', NULL),
     (2, 10, NULL, 1, 'new story', '2025-05-02T00:00:00.000Z', '2025-05-03T09:00:00.000Z'),
     (2, 12, NULL, 1, 'new story', '2025-05-02T00:00:00.000Z', NULL)`,
];

async function checkUpgraded(store: Store): Promise<void> {
  const unread = async (userId: number) =>
    Object.fromEntries(
      (await store.savedSearches.list({ visibleTo: userId })).map((search) => [
        search.name,
        search.unreadHits,
      ]),
    );
  assert.deepEqual(await unread(1), { 'private of ana': 1, 'shared by bo': 1 });
  assert.deepEqual(await unread(2), { 'shared by bo': 1 });
  assert.deepEqual(await unread(3), { 'shared by bo': 1 });
  const inboxOf = async (userId: number) =>
    (await store.savedSearches.inbox(userId))
      .map((entry) => [entry.savedSearchId, entry.articleId, entry.readAt])
      .sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));
  assert.deepEqual(await inboxOf(1), [
    [1, 10, '2025-05-03T08:00:00.000Z'],
    [1, 11, null],
    [2, 10, '2025-05-03T09:00:00.000Z'],
    [2, 12, null],
  ]);
  assert.deepEqual(await inboxOf(3), [
    [2, 10, '2025-05-03T09:00:00.000Z'],
    [2, 12, null],
  ]);
  // From now on each reads for themselves.
  assert.equal(await store.savedSearches.markRead(3, 'all'), 1);
  assert.deepEqual(await unread(2), { 'shared by bo': 1 });
  assert.deepEqual(await unread(3), { 'shared by bo': 0 });
}

describe('per-reader read state, upgraded from the shared read_at: SQLite', () => {
  const directory = mkdtempSync(join(tmpdir(), 'wirewatch-read-state-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps what was read, read, for the owner and for everyone who sees a shared search', async () => {
    const path = join(directory, 'archive.db');
    const older = sqliteMigrations.filter((migration) => migration.version < 12);
    await (await openSqliteStore({ path, migrations: older })).close();
    const db = new Database(path);
    for (const sql of before) db.exec(sql);
    db.close();
    const store = await openSqliteStore({ path, mustExist: true });
    try {
      await checkUpgraded(store);
    } finally {
      await store.close();
    }
  });
});

const databases = await testDatabases();

describe('per-reader read state, upgraded from the shared read_at: PostgreSQL', {
  skip: databases.skip,
}, () => {
  it('keeps what was read, read, for the owner and for everyone who sees a shared search', async () => {
    const url = await databases.create();
    const older = postgresMigrations.filter((migration) => migration.version < 11);
    await (await openPostgresStore({ url, migrations: older })).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const sql of before) await client.query(sql);
    } finally {
      await client.end();
    }
    const store = await openPostgresStore({ url });
    try {
      await checkUpgraded(store);
    } finally {
      await store.close();
    }
  });
});
