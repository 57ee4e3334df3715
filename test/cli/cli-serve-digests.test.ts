/**
 * `wirewatch serve` and the daily digests: without WIREWATCH_SMTP_URL it says once that they are not
 * mailed and why; with it, it mails yesterday's digest by itself (a real SMTP server on 127.0.0.1)
 * without a `digest --send`, and still stops cleanly on SIGTERM.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { addUser, setEmail } from '../../src/watch/accounts/manage-accounts.ts';
import { matchSavedSearches } from '../../src/watch/searches/match-saved-searches.ts';
import { saveSearch } from '../../src/watch/searches/save-search.ts';
import { startServe } from '../support/serve-process.ts';
import { type ReceivedMail, smtpSink } from '../support/smtp-sink.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-serve-digests-'));
after(() => rmSync(directory, { recursive: true, force: true }));

async function waitFor(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`not within 30 s: ${what}`);
    await sleep(20);
  }
}

describe('wirewatch serve and the daily digests', () => {
  it('says once that digests are not mailed when no SMTP relay is set', async () => {
    const cwd = mkdtempSync(join(directory, 'no-smtp-'));
    const { child, stderr } = await startServe(cwd, {
      args: ['--no-sample', '--no-poll'],
      env: { WIREWATCH_SMTP_URL: '' },
    });
    try {
      await waitFor('the digest line', () => /digests are not mailed/.test(stderr()));
      assert.equal(stderr().match(/daily digests are not mailed: WIREWATCH_SMTP_URL is not set/g)?.length, 1);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, stderr());
  });

  it('mails yesterday’s digest by itself through the relay, once, and stops cleanly', async () => {
    const mails: ReceivedMail[] = [];
    const smtp = smtpSink(mails);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    const cwd = mkdtempSync(join(directory, 'smtp-'));
    mkdirSync(join(cwd, 'data'));
    const store = await openSqliteStore({ path: join(cwd, 'data', 'wirewatch.db') });
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await setEmail(store, 'ana', 'ana@newsroom.example', 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Osh', query: 'Osh', digest: 'daily' }, 'cli:test');
    await store.addArticles([
      { source: 'Valley Times', title: 'Curfew in Osh', text: 'A curfew was declared in Osh.' },
    ]);
    const yesterday = new Date(Date.now() - 86_400_000);
    await matchSavedSearches(store, yesterday);
    await store.close();

    const { child, stderr } = await startServe(cwd, {
      args: ['--no-sample', '--no-poll'],
      env: { WIREWATCH_SMTP_URL: `smtp://127.0.0.1:${port}`, WIREWATCH_MAIL_FROM: 'desk@newsroom.example' },
    });
    try {
      await waitFor('the digest mail', () => mails.length === 1);
      assert.match(
        stderr(),
        new RegExp(`mailing each day's digests through smtp://127\\.0\\.0\\.1:${port} from desk@newsroom`),
      );
      assert.deepEqual(mails[0]!.to, ['ana@newsroom.example']);
      assert.match(mails[0]!.data, /Subject: wirewatch digest, .*: 1 new/);
      assert.match(mails[0]!.data, /Curfew in Osh/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, stderr());
    // A second start finds it sent.
    const again = await startServe(cwd, {
      args: ['--no-sample', '--no-poll'],
      env: { WIREWATCH_SMTP_URL: `smtp://127.0.0.1:${port}` },
    });
    // Its first tick starts before this line, and SIGTERM waits for it.
    await waitFor('the digest line', () => /mailing each day's digests/.test(again.stderr()));
    again.child.kill('SIGTERM');
    const [codeAgain] = await once(again.child, 'exit');
    assert.equal(codeAgain, 0, again.stderr());
    assert.equal(mails.length, 1);
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    const reopened = await openSqliteStore({ path: join(cwd, 'data', 'wirewatch.db'), mustExist: true });
    const day = yesterday.toISOString().slice(0, 10);
    assert.equal(await reopened.savedSearches.claimDigest(1, day), false, 'recorded as sent');
    await reopened.close();
  });
});
