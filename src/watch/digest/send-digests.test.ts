/**
 * The daily digest by e-mail through a real SMTP server on 127.0.0.1 (smtp-server), from a real
 * SQLite archive: the right user gets the day's alerts of their daily searches the seed page's way,
 * once; a failed send is tried again by the next run, and one whose sender died mid-send is taken
 * over once its claim is 15 minutes old.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import type { SMTPServer } from 'smtp-server';
import { type ReceivedMail, smtpSink } from '../../../test/support/smtp-sink.ts';
import { staleDigestClaimMs } from '../../store/saved-searches.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { addUser, setEmail } from '../accounts/manage-accounts.ts';
import { matchSavedSearches } from '../searches/match-saved-searches.ts';
import { saveSearch } from '../searches/save-search.ts';
import { type MailTransport, sendDailyDigests } from './send-digests.ts';

describe('daily digests by e-mail', () => {
  let directory: string;
  let store: Store;
  let smtp: SMTPServer;
  let transport: MailTransport;
  const mails: ReceivedMail[] = [];

  before(async () => {
    smtp = smtpSink(mails);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-digest-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    await setEmail(store, 'ana', 'ana@newsroom.example', 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Osh', query: 'Osh', digest: 'daily' }, 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Snow', query: 'snow' }, 'cli:test');
    await saveSearch(
      store,
      { ownerName: 'bo', name: 'Curfews', query: 'curfew', digest: 'daily' },
      'cli:test',
    );
    await store.addArticles([
      {
        source: 'Valley Times',
        title: 'Curfew in Osh',
        text: `A curfew was declared in Osh. ${'More detail follows. '.repeat(40)}`,
      },
      { source: 'Valley Times', title: 'Snow closes passes', text: 'Snow closed two passes.' },
    ]);
    await matchSavedSearches(store, new Date('2025-05-05T08:00:00.000Z'));
  });
  after(async () => {
    transport.close?.();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('mails the day’s alerts of a user’s daily searches the seed page’s way, once', async () => {
    const first = await sendDailyDigests(store, transport, {
      day: '2025-05-05',
      from: 'wirewatch@newsroom.example',
    });
    assert.deepEqual(first, {
      day: '2025-05-05',
      sent: ['ana'],
      failed: [],
      alreadySent: [],
      beingSent: [],
    });
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to, ['ana@newsroom.example']);
    const data = mails[0]!.data.replace(/=\r?\n/g, '');
    assert.match(data, /Subject: wirewatch digest, 05 May 2025: 1 new/);
    assert.match(data, /05 May 2025/);
    assert.match(data, /"Osh" =E2=80=94 Osh|"Osh" — Osh/);
    assert.match(data, /Viewing results 1 - 1 of 1/);
    assert.match(data, /Curfew in Osh/);
    assert.match(data, /\.\.\./);
    assert.doesNotMatch(data, /Snow closes passes/);
    const again = await sendDailyDigests(store, transport, {
      day: '2025-05-05',
      from: 'wirewatch@newsroom.example',
    });
    assert.deepEqual(again, {
      day: '2025-05-05',
      sent: [],
      failed: [],
      alreadySent: ['ana'],
      beingSent: [],
    });
    assert.equal(mails.length, 1);
    assert.deepEqual(await sendDailyDigests(store, transport, { day: '2025-05-06', from: 'x@y.example' }), {
      day: '2025-05-06',
      sent: [],
      failed: [],
      alreadySent: [],
      beingSent: [],
    });
  });

  it('records a failed send and sends it on the next run', async () => {
    await store.addArticles([
      { source: 'Valley Times', title: 'Osh market reopens', text: 'The Osh bazaar reopened.' },
    ]);
    await matchSavedSearches(store, new Date('2025-05-07T08:00:00.000Z'));
    const broken: MailTransport = {
      sendMail: async () => {
        throw new Error('connection refused by the relay');
      },
    };
    const failed = await sendDailyDigests(store, broken, {
      day: '2025-05-07',
      from: 'wirewatch@newsroom.example',
    });
    assert.deepEqual(failed.sent, []);
    assert.match(failed.failed[0]?.error ?? '', /connection refused by the relay/);
    const retried = await sendDailyDigests(store, transport, {
      day: '2025-05-07',
      from: 'wirewatch@newsroom.example',
    });
    assert.deepEqual(retried.sent, ['ana']);
    assert.equal(mails.length, 2);
  });

  it('takes over a digest whose sender died mid-send, once its claim is 15 minutes old', async () => {
    await store.addArticles([
      { source: 'Valley Times', title: 'Osh airport closed', text: 'Fog closed the Osh airport.' },
    ]);
    await matchSavedSearches(store, new Date('2025-05-09T08:00:00.000Z'));
    const ana = (await store.accounts.findUserByName('ana'))!;
    // A run claimed ana's digest at 00:05 and died before sending it (nothing recorded after).
    const claimedAt = new Date('2025-05-10T00:05:00.000Z');
    assert.equal(await store.savedSearches.claimDigest(ana.id, '2025-05-09', claimedAt), true);
    const run = (minutes: number) =>
      sendDailyDigests(store, transport, {
        day: '2025-05-09',
        from: 'wirewatch@newsroom.example',
        now: new Date(claimedAt.getTime() + minutes * 60_000),
      });
    const early = await run(10);
    assert.deepEqual([early.sent, early.alreadySent, early.beingSent], [[], [], ['ana']]);
    assert.equal(mails.length, 2, 'not sent while the claim may still be alive');
    const late = await run(staleDigestClaimMs / 60_000 + 1);
    assert.deepEqual([late.sent, late.beingSent], [['ana'], []]);
    assert.equal(mails.length, 3);
    assert.match(mails[2]!.data, /Osh airport closed/);
    const after = await run(60);
    assert.deepEqual([after.sent, after.alreadySent, after.beingSent], [[], ['ana'], []]);
    assert.equal(mails.length, 3);
  });
});
