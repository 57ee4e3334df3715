/**
 * The watch desk's table dump (Store.tableDump, run by store-contract.ts on every implementation),
 * through `copyArchive` from one store to another of the same kind: users with their hashes, tokens,
 * the audit log with one `archive.copy` entry more, followed feeds with their fetch state and log,
 * outlet types, saved searches with their ids, secrets, positions, hits, read marks, deliveries and
 * digest sends all arrive as they were; new rows get ids above the copied ones; a second copy finds
 * everything there and writes nothing; a destination with an account of its own is refused untouched.
 * (SQLite ↔ PostgreSQL is test/cli/cli-copy-desk.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import { copyArchive } from '../../src/store/copy-archive.ts';
import type { Store } from '../../src/store/store.ts';
import { dumpTable } from '../../src/store/table-dump.ts';

const at = new Date('2025-06-01T08:00:00.000Z');
const note = (action: string, target: string) => ({ actor: 'cli:root', action, target });

/** An archive with something in every table the copy moves. */
export async function fillWatchDesk(store: Store): Promise<{ searchId: number; tokenPrefix: string }> {
  await store.addArticles(
    ['Osh Regional News', 'Kabar'].flatMap((source, s) =>
      [0, 1].map((index) => ({
        source,
        url: `https://example.org/${s}/${index}`,
        title: `Flood headline ${s} ${index}`,
        text: `Flood in the valley, report ${s} ${index}.`,
        publishedAt: `2025-05-0${index + 1}T10:00:00.000Z`,
      })),
    ),
  );
  const admin = await store.accounts.addUser(
    { name: 'root', role: 'admin', passwordHash: '$argon2id$root', mustChangePassword: false },
    note('user.add', 'root'),
    at,
  );
  const analyst = await store.accounts.addUser(
    { name: 'ana', role: 'analyst', passwordHash: '$argon2id$ana', mustChangePassword: true },
    note('user.add', 'ana'),
    at,
  );
  await store.accounts.setEmail(analyst.id, 'ana@example.org', note('user.email', 'ana'));
  const token = await store.accounts.addToken(
    {
      userId: analyst.id,
      label: 'scripts',
      prefix: 'ww_abcd1234',
      secretHash: 'f'.repeat(64),
      scopes: ['read', 'write'],
      expiresAt: '2026-01-01T00:00:00.000Z',
    },
    note('token.create', 'ww_abcd1234'),
    at,
  );
  await store.accounts.touchToken(token.id, new Date('2025-06-02T09:00:00.000Z'));
  await store.accounts.addSession({
    idHash: 'a'.repeat(64),
    userId: admin.id,
    csrfToken: 'csrf',
    createdAt: at.toISOString(),
    lastSeenAt: at.toISOString(),
    expiresAt: '2099-01-01T00:00:00.000Z',
  });
  const { subscription } = await store.subscriptions.add(
    { feedUrl: 'https://kabar.example/rss', sourceName: 'Kabar', intervalMinutes: 20 },
    at,
    { actor: 'cli:root' },
  );
  await store.subscriptions.add({ feedUrl: 'https://quiet.example/rss', sourceName: 'Quiet Outlet' }, at);
  await store.subscriptions.recordFetch({
    subscriptionId: subscription.id,
    startedAt: '2025-06-01T08:10:00.000Z',
    finishedAt: '2025-06-01T08:10:01.000Z',
    httpStatus: 500,
    notModified: false,
    itemsSeen: 0,
    newArticles: 0,
    error: { code: 'FETCH_BAD_RESPONSE', message: 'server error' },
    etag: '"v1"',
    lastModified: 'Sun, 01 Jun 2025 08:00:00 GMT',
    nextFetchAt: '2025-06-01T08:30:00.000Z',
  });
  await store.setSourceType('Kabar', 'wire', 'cli:root', at);
  const search = await store.savedSearches.add(
    {
      ownerId: analyst.id,
      name: 'floods',
      query: 'flood',
      shared: true,
      webhookUrl: 'https://hooks.example/in',
      digest: 'daily',
      webhookSecret: 'whsec',
      feedKey: 'feedkey123',
    },
    note('watch.add', 'floods'),
    at,
  );
  const ids = (await store.readArticlesAfter(0, 10)).map((article) => article.id);
  await store.savedSearches.recordPass(
    [
      {
        savedSearchId: search.id,
        hits: ids.map((articleId, index) => ({
          articleId,
          storyId: null,
          alert: index % 2 === 0,
          why: index % 2 === 0 ? 'new story' : 'same story',
        })),
        upTo: ids.at(-1)!,
        webhook: true,
      },
    ],
    at,
  );
  await store.savedSearches.markRead(admin.id, [{ savedSearchId: search.id, articleId: ids[0]! }], at);
  const [delivery] = await store.savedSearches.dueDeliveries(new Date('2025-06-02T00:00:00.000Z'), 1);
  await store.savedSearches.recordAttempt(
    delivery!.id,
    { at: '2025-06-01T08:05:00.000Z', status: 503, error: 'unavailable', ms: 120 },
    { state: 'pending', nextAttemptAt: '2025-06-01T08:15:00.000Z' },
  );
  await store.savedSearches.claimDigest(analyst.id, '2025-05-31', at);
  await store.savedSearches.finishDigest(analyst.id, '2025-05-31', null, at);
  return { searchId: search.id, tokenPrefix: token.prefix };
}

export function runTableDumpContract(openEmpty: () => Promise<Store>): void {
  describe('copying the watch desk (table dump)', () => {
    let from: Store;
    let to: Store;
    let searchId: number;
    let tokenPrefix: string;
    before(async () => {
      from = await openEmpty();
      to = await openEmpty();
      ({ searchId, tokenPrefix } = await fillWatchDesk(from));
    });
    after(async () => {
      await from.close();
      await to.close();
    });

    it('moves every account, token, feed, search, hit, read mark, delivery and digest send as it was', async () => {
      const summary = await copyArchive(from, to, { batchSize: 2, actor: 'cli:mover', now: at });
      const counts = Object.fromEntries(
        summary.desk.tables.map((table) => [table.table, table.verified.count]),
      );
      assert.deepEqual(counts, {
        users: 2,
        api_tokens: 1,
        audit_log: await from.tableDump.countRows(dumpTable('audit_log')),
        sources: 3,
        subscriptions: 2,
        fetch_log: 1,
        saved_searches: 1,
        saved_search_hits: 4,
        hit_reads: 1,
        deliveries: 2,
        delivery_attempts: 1,
        digest_sends: 1,
      });
      assert.equal(summary.desk.audited, true);
      assert.deepEqual(await to.accounts.listUsers(), await from.accounts.listUsers());
      assert.deepEqual(await to.accounts.listTokens(), await from.accounts.listTokens());
      assert.deepEqual(await to.accounts.findToken(tokenPrefix), await from.accounts.findToken(tokenPrefix));
      assert.deepEqual(
        await to.accounts.findUserByName('ana'),
        await from.accounts.findUserByName('ana'),
        'the password hash moved',
      );
      assert.equal(await to.accounts.findSession('a'.repeat(64)), null, 'sessions stay behind');
      // A source's id is the store's own (the copied articles made the sources); feeds follow by slug.
      const feeds = async (store: Store) =>
        (await store.subscriptions.list()).map(({ sourceId: _id, ...feed }) => feed);
      assert.deepEqual(await feeds(to), await feeds(from));
      const [kabar] = (await from.subscriptions.list()).filter((sub) => sub.sourceName === 'Kabar');
      assert.deepEqual(
        await to.subscriptions.fetchLog(kabar!.id, 10),
        await from.subscriptions.fetchLog(kabar!.id, 10),
      );
      assert.equal(kabar!.etag, '"v1"');
      assert.equal(kabar!.consecutiveFailures, 1);
      const types = async (store: Store) =>
        (await store.listSources()).map((source) => [source.name, source.outletType]).sort();
      assert.deepEqual(await types(to), await types(from));
      assert.deepEqual(await to.savedSearches.list(), await from.savedSearches.list());
      assert.equal(await to.savedSearches.feedKeyOf(searchId), 'feedkey123');
      const users = await from.accounts.listUsers();
      for (const user of users) {
        assert.deepEqual(
          await to.savedSearches.listHits(searchId, { readerId: user.id }),
          await from.savedSearches.listHits(searchId, { readerId: user.id }),
        );
        assert.deepEqual(await to.savedSearches.inbox(user.id), await from.savedSearches.inbox(user.id));
      }
      const deliveries = await from.savedSearches.listDeliveries(searchId);
      assert.deepEqual(await to.savedSearches.listDeliveries(searchId), deliveries);
      for (const delivery of deliveries) {
        assert.deepEqual(
          await to.savedSearches.attemptsOf(delivery.id),
          await from.savedSearches.attemptsOf(delivery.id),
        );
      }
      const ana = users.find((user) => user.name === 'ana')!;
      assert.deepEqual(
        await to.savedSearches.digestSend(ana.id, '2025-05-31'),
        await from.savedSearches.digestSend(ana.id, '2025-05-31'),
      );
      const copiedAudit = await to.accounts.listAudit({ limit: 1000 });
      assert.deepEqual(copiedAudit.slice(1), await from.accounts.listAudit({ limit: 1000 }));
      assert.deepEqual(
        { ...copiedAudit[0]!, id: 0, detail: copiedAudit[0]!.detail?.split(':')[0] },
        {
          id: 0,
          at: at.toISOString(),
          actor: 'cli:mover',
          action: 'archive.copy',
          target: from.location,
          detail: `from ${from.kind}`,
        },
      );
      assert.match(copiedAudit[0]!.detail!, /4 articles, 2 users, 1 api_tokens, .*; sessions not copied/);
    });

    it('gives new rows ids above the copied ones', async () => {
      const highest = Math.max(...(await from.accounts.listUsers()).map((user) => user.id));
      const viewer = await to.accounts.addUser(
        { name: 'vic', role: 'viewer', passwordHash: '$argon2id$vic', mustChangePassword: true },
        note('user.add', 'vic'),
      );
      assert.ok(viewer.id > highest, `${viewer.id} > ${highest}`);
      const search = await to.savedSearches.add(
        { ownerId: viewer.id, name: 'new', query: 'valley', shared: false, webhookUrl: null, digest: 'none' },
        note('watch.add', 'new'),
      );
      assert.ok(search.id > searchId, `${search.id} > ${searchId}`);
      const { subscription } = await to.subscriptions.add({
        feedUrl: 'https://new.example/rss',
        sourceName: 'New',
      });
      const highestFeed = Math.max(...(await from.subscriptions.list()).map((sub) => sub.id));
      assert.ok(subscription.id > highestFeed);
    });

    it('refuses a destination with accounts of its own before writing anything', async () => {
      const other = await openEmpty();
      try {
        await other.accounts.addUser(
          { name: 'someone', role: 'admin', passwordHash: '$argon2id$x', mustChangePassword: false },
          note('user.add', 'someone'),
        );
        await assert.rejects(copyArchive(from, other), (error: unknown) => {
          assert.ok(isAppError(error, 'COPY_MISMATCH'), String(error));
          assert.match(error.message, /already has users that are not .*name "someone"/);
          return true;
        });
        assert.equal((await other.stats()).articleCount, 0, 'no article was written');
        assert.equal(await other.accounts.countUsers(), 1);
      } finally {
        await other.close();
      }
    });
  });

  describe('copying the watch desk again', () => {
    it('finds everything there and writes nothing, not even a second audit entry', async () => {
      const from = await openEmpty();
      const to = await openEmpty();
      try {
        await fillWatchDesk(from);
        await copyArchive(from, to, { actor: 'cli:mover' });
        const audit = await to.accounts.listAudit({ limit: 1000 });
        const again = await copyArchive(from, to, { actor: 'cli:mover' });
        assert.equal(again.copied, 0);
        assert.equal(again.desk.audited, false);
        for (const table of again.desk.tables) {
          if (table.table === 'sources') continue;
          assert.equal(table.copied, 0, table.table);
          assert.equal(table.alreadyThere, table.verified.count, table.table);
        }
        assert.deepEqual(await to.accounts.listAudit({ limit: 1000 }), audit);
      } finally {
        await from.close();
        await to.close();
      }
    });

    it('resumes a copy that stopped in the middle of a table', async () => {
      const from = await openEmpty();
      const to = await openEmpty();
      try {
        await fillWatchDesk(from);
        // As if a run had stopped after the articles and the users: the rest is copied, the users checked.
        await to.restoreArticles(await from.readArticlesAfter(0, 100));
        const users = dumpTable('users');
        await to.tableDump.restoreRows(users, await from.tableDump.readRows(users, null, 100));
        assert.deepEqual(await to.tableDump.lastRow(users), await from.tableDump.lastRow(users));
        const summary = await copyArchive(from, to, { actor: 'cli:mover', batchSize: 3 });
        const table = (name: string) => summary.desk.tables.find((entry) => entry.table === name)!;
        assert.deepEqual([table('users').alreadyThere, table('users').copied], [2, 0]);
        assert.deepEqual(
          [table('saved_search_hits').alreadyThere, table('saved_search_hits').copied],
          [0, 4],
        );
        const hits = dumpTable('saved_search_hits');
        assert.deepEqual(
          await to.tableDump.readRows(hits, null, 10),
          await from.tableDump.readRows(hits, null, 10),
        );
      } finally {
        await from.close();
        await to.close();
      }
    });
  });
}
