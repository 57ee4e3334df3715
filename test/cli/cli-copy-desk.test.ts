/**
 * `wirewatch copy` moves the watch desk and the followed feeds with the articles, SQLite → PostgreSQL:
 * users, tokens (the token still authenticates), the audit log (plus the copy's own entry), a
 * followed feed and its source's outlet type, a saved search with its hits, a read mark and a pending
 * delivery all show the same through the commands; new rows get ids above the copied ones; copying
 * again finds everything there, and a destination with a saved search of its own is refused.
 */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStoreAt } from '../../src/cli/open-store.ts';
import { principalOfToken } from '../../src/server/access/authenticate.ts';
import { runCli } from '../support/run-cli.ts';
import { testDatabases } from '../support/test-postgres.ts';

const databases = await testDatabases();
const directory = mkdtempSync(join(tmpdir(), 'wirewatch-cli-copy-desk-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const samplePath = new URL('../../samples/central-asia-sample.jsonl', import.meta.url).pathname;

// The saved search's webhook goes to a documentation address, allowed here (it is never called).
const env = { WIREWATCH_ALLOW_PRIVATE: '203.0.113.5/32' };
const cli = (args: string[], input?: string) =>
  runCli(args, { cwd: directory, env, ...(input === undefined ? {} : { input }) });

describe('wirewatch copy with the watch desk', { skip: databases.skip }, () => {
  it('moves users, tokens, the audit log, feeds, outlet types and saved searches to PostgreSQL', async () => {
    const sqlite = join(directory, 'desk.db');
    const on = (db: string, ...args: string[]) => {
      const run = cli(['--db', db, ...args]);
      assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
      return run.stdout;
    };
    on(sqlite, 'import', samplePath);
    on(sqlite, 'users', 'add', 'root', '--role', 'admin');
    assert.equal(
      cli(
        ['--db', sqlite, 'users', 'add', 'ana', '--role', 'analyst', '--password-stdin'],
        'a long enough secret\n',
      ).status,
      0,
    );
    const token = on(
      sqlite,
      'tokens',
      'create',
      '--user',
      'ana',
      '--scope',
      'read,write',
      '--label',
      'run',
    ).trim();
    const store = await openStoreAt(sqlite, { readonly: false });
    try {
      await store.subscriptions.add(
        { feedUrl: 'https://kabar.example/rss', sourceName: 'Kabar', intervalMinutes: 20 },
        new Date(),
        { actor: 'cli:test' },
      );
    } finally {
      await store.close();
    }
    on(sqlite, 'sources', 'type', 'Kabar', 'wire');
    const saved = on(
      sqlite,
      'watch',
      'add',
      'leaders',
      'Tokayev OR Mirziyoyev',
      '--owner',
      'ana',
      '--shared',
      '--webhook',
      'https://203.0.113.5/hook',
    );
    const searchId = Number(/saved #(\d+)/.exec(saved)![1]);
    // Saved after the import: its hits are recorded here as a matching pass would have.
    const lite = await openStoreAt(sqlite, { readonly: false });
    try {
      const anaId = (await lite.accounts.findUserByName('ana'))!.id;
      const ids = (await lite.readArticlesAfter(0, 100)).map((article) => article.id);
      await lite.savedSearches.recordPass(
        [
          {
            savedSearchId: searchId,
            hits: ids.slice(0, 3).map((articleId, index) => ({
              articleId,
              storyId: null,
              alert: true,
              why: index === 0 ? 'new story' : 'new place: Osh',
            })),
            upTo: ids.at(-1)!,
            webhook: true,
          },
        ],
        new Date(),
      );
      assert.equal(
        await lite.savedSearches.markRead(anaId, [{ savedSearchId: searchId, articleId: ids[0]! }]),
        1,
      );
    } finally {
      await lite.close();
    }

    const url = await databases.create();
    const copied = cli(['copy', '--from', sqlite, '--to', url]);
    assert.equal(copied.status, 0, copied.stderr);
    assert.match(copied.stdout, /copied 14 articles\n/);
    assert.match(
      copied.stdout,
      /verified per table on both sides: users 2, api_tokens 1, audit_log \d+, sources \d+, subscriptions 1, fetch_log 0, saved_searches 1, saved_search_hits 3, hit_reads 1, deliveries 3, delivery_attempts 0, digest_sends 0\n/,
    );
    assert.match(copied.stdout, /sessions are not copied: users sign in again/);

    for (const args of [
      ['users', 'list'],
      ['tokens', 'list'],
      ['watch', 'list'],
      ['watch', 'hits', String(searchId), '--reader', 'ana'],
      ['watch', 'deliveries', String(searchId)],
      ['sources', 'list'],
    ]) {
      assert.equal(on(url, ...args), on(sqlite, ...args), args.join(' '));
    }
    assert.match(on(url, 'sources', 'list'), /Kabar.*wire|wire.*Kabar/);
    assert.match(on(url, 'watch', 'deliveries', String(searchId)), /pending/);
    const audit = on(url, 'audit').split('\n');
    assert.match(
      audit[0]!,
      /^\S+ {2}cli:\S+ {2}archive\.copy {2}\S*desk\.db {2}\(from sqlite: 14 articles, 2 users/,
    );
    assert.equal(audit.slice(1).join('\n'), on(sqlite, 'audit'));

    // Copying again finds everything there and writes nothing.
    const again = cli(['copy', '--from', sqlite, '--to', url]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /copied 0 articles, 14 were already there/);
    assert.match(again.stdout, /copied the watch desk and followed feeds: \d+ rows, \d+ were already there/);
    assert.equal(on(url, 'audit'), audit.join('\n'), 'no second copy entry');
    assert.equal(on(url, 'users', 'list'), on(sqlite, 'users', 'list'));

    // And back to a new SQLite file: PostgreSQL's timestamps arrive as the same text.
    const back = join(directory, 'back.db');
    const home = cli(['copy', '--from', url, '--to', back]);
    assert.equal(home.status, 0, home.stderr);
    assert.equal(
      home.stdout.match(/verified per table.*/)?.[0].replace(/audit_log \d+/, ''),
      copied.stdout.match(/verified per table.*/)?.[0].replace(/audit_log \d+/, ''),
    );
    for (const args of [
      ['users', 'list'],
      ['tokens', 'list'],
      ['watch', 'list'],
      ['watch', 'hits', String(searchId), '--reader', 'ana'],
      ['watch', 'deliveries', String(searchId)],
      ['sources', 'list'],
    ]) {
      assert.equal(on(back, ...args), on(sqlite, ...args), `back: ${args.join(' ')}`);
    }
    assert.equal(on(back, 'audit').split('\n').slice(1).join('\n'), audit.join('\n'));

    // A new saved search is numbered after the copied ones; the destination now has one of its own.
    const later = on(url, 'watch', 'add', 'later', 'Kazakhstan', '--owner', 'ana');
    assert.ok(Number(/saved #(\d+)/.exec(later)![1]) > searchId, later);
    const refused = cli(['copy', '--from', sqlite, '--to', url]);
    assert.equal(refused.status, 1);
    // Its audit entry is the first row found that is not the source's (the log is checked first).
    assert.match(
      refused.stderr,
      /COPY_MISMATCH: .* already has audit_log that are not .*action "watch\.add"/,
    );
    assert.equal(on(url, 'watch', 'list').includes('later'), true, 'nothing of it was touched');
    // The token's hash moved: it authenticates on the new archive.
    const server = await openStoreAt(url, { readonly: false });
    try {
      const principal = await principalOfToken(server, token);
      assert.equal(principal.user.name, 'ana');
    } finally {
      await server.close();
    }
  });
});
