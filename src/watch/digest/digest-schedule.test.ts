/**
 * The server's digest schedule: which days are due at a given time (the hour, the catch-up window,
 * month and year ends), what `serve` says about it, WIREWATCH_DIGEST_HOUR; and the schedule itself
 * from a real SQLite archive through a real SMTP server on 127.0.0.1 (smtp-server) with a clock
 * and a short tick: a past day's digest goes out once its hour has come and only once (not again on
 * later ticks nor after a restart), and a send that fails while the relay is down is logged with its
 * reason and made by a later tick once it is back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SMTPServer } from 'smtp-server';
import { type ReceivedMail, smtpSink } from '../../../test/support/smtp-sink.ts';
import { loadConfig } from '../../config/load-config.ts';
import { isAppError } from '../../core/errors.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { addUser, setEmail } from '../accounts/manage-accounts.ts';
import { matchSavedSearches } from '../searches/match-saved-searches.ts';
import { saveSearch } from '../searches/save-search.ts';
import {
  type DigestSchedule,
  describeDigestMailing,
  dueDigestDays,
  startDigestSchedule,
} from './digest-schedule.ts';
import { type MailTransport, smtpTransport } from './send-digests.ts';

describe('which days’ digests are due', () => {
  it('a day is due once it is over, the last 7 of them', () => {
    assert.deepEqual(dueDigestDays(new Date('2025-05-08T00:00:00.000Z'), { hour: 0 }), [
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
      '2025-05-05',
      '2025-05-06',
      '2025-05-07',
    ]);
    assert.deepEqual(dueDigestDays(new Date('2025-05-07T23:59:59.999Z'), { hour: 0, windowDays: 2 }), [
      '2025-05-05',
      '2025-05-06',
    ]);
  });

  it('waits for the hour of the next day', () => {
    const at = (time: string) => dueDigestDays(new Date(time), { hour: 6, windowDays: 1 });
    assert.deepEqual(at('2025-05-08T05:59:59.999Z'), ['2025-05-06']);
    assert.deepEqual(at('2025-05-08T06:00:00.000Z'), ['2025-05-07']);
    assert.deepEqual(at('2025-05-08T23:59:59.999Z'), ['2025-05-07']);
    assert.deepEqual(dueDigestDays(new Date('2025-05-09T22:59:59.999Z'), { hour: 23, windowDays: 1 }), [
      '2025-05-07',
    ]);
  });

  it('counts across month, year and leap-day ends', () => {
    assert.deepEqual(dueDigestDays(new Date('2025-01-01T00:00:00.000Z'), { hour: 0, windowDays: 3 }), [
      '2024-12-29',
      '2024-12-30',
      '2024-12-31',
    ]);
    assert.deepEqual(dueDigestDays(new Date('2024-03-01T12:00:00.000Z'), { hour: 0, windowDays: 2 }), [
      '2024-02-28',
      '2024-02-29',
    ]);
  });

  it('leaves out the days already settled', () => {
    const settled = new Set(['2025-05-05', '2025-05-07', '2025-04-01']);
    assert.deepEqual(
      dueDigestDays(new Date('2025-05-08T01:00:00.000Z'), { hour: 0, windowDays: 3, settled }),
      ['2025-05-06'],
    );
  });

  it('serve says whether and how digests are mailed, without the relay’s password', () => {
    assert.match(
      describeDigestMailing({ smtpUrl: null, mailFrom: 'wirewatch@localhost', digestHour: 0 }),
      /^daily digests are not mailed: WIREWATCH_SMTP_URL is not set/,
    );
    const line = describeDigestMailing({
      smtpUrl: 'smtps://desk:s3cret-pass@mail.newsroom.example:465',
      mailFrom: 'desk@newsroom.example',
      digestHour: 6,
    });
    assert.match(line, /through smtps:\/\/mail\.newsroom\.example:465 from desk@newsroom\.example/);
    assert.match(line, /after 06:00 UTC/);
    assert.doesNotMatch(line, /s3cret|desk:/);
  });

  it('WIREWATCH_DIGEST_HOUR is 0 unless set to an hour 0..23', () => {
    assert.equal(loadConfig({}).digestHour, 0);
    assert.equal(loadConfig({ WIREWATCH_DIGEST_HOUR: '6' }).digestHour, 6);
    for (const bad of ['24', '-1', '6.5', 'six'])
      assert.throws(
        () => loadConfig({ WIREWATCH_DIGEST_HOUR: bad }),
        (error: unknown) =>
          isAppError(error, 'CONFIG_INVALID') && /\n {2}WIREWATCH_DIGEST_HOUR: /.test(error.message),
      );
  });
});

describe('the server’s digest schedule', () => {
  let directory: string;
  let store: Store;
  let smtp: SMTPServer;
  let port = 0;
  let transport: MailTransport;
  const mails: ReceivedMail[] = [];

  /** A real SMTP server on 127.0.0.1 that keeps what it receives (on `port` once it is known). */
  async function listen(): Promise<void> {
    smtp = smtpSink(mails);
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  }
  const closeSmtp = () => new Promise<void>((resolve) => smtp.close(() => resolve()));

  async function waitFor(what: string, condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) assert.fail(`not within 10 s: ${what}`);
      await sleep(10);
    }
  }

  function schedule(clock: { now: Date }, hour: number, log: { info: string[]; error: string[] }) {
    return startDigestSchedule({
      store,
      transport,
      from: 'wirewatch@newsroom.example',
      hour,
      tickMs: 20,
      now: () => clock.now,
      log: {
        info: (message) => log.info.push(message),
        error: (message) => log.error.push(message),
      },
    });
  }

  before(async () => {
    await listen();
    transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-digest-schedule-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await setEmail(store, 'ana', 'ana@newsroom.example', 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Osh', query: 'Osh', digest: 'daily' }, 'cli:test');
    await store.addArticles([
      { source: 'Valley Times', title: 'Curfew in Osh', text: 'A curfew was declared in Osh.' },
    ]);
    await matchSavedSearches(store, new Date('2025-05-05T08:00:00.000Z'));
  });
  after(async () => {
    transport.close?.();
    await closeSmtp();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('mails a past day’s digest once its hour has come, and never again', async () => {
    const clock = { now: new Date('2025-05-06T05:59:00.000Z') };
    const log = { info: [] as string[], error: [] as string[] };
    const running: DigestSchedule = schedule(clock, 6, log);
    try {
      await running.tickNow();
      await sleep(100);
      assert.equal(mails.length, 0, 'nothing before 06:00 UTC');
      clock.now = new Date('2025-05-06T06:00:30.000Z');
      await waitFor('the digest of 2025-05-05', () => mails.length === 1);
      assert.deepEqual(mails[0]!.to, ['ana@newsroom.example']);
      assert.match(mails[0]!.data, /Subject: wirewatch digest, 05 May 2025: 1 new/);
      assert.match(mails[0]!.data, /Curfew in Osh/);
      await sleep(200); // ten more ticks
      await running.tickNow();
      assert.equal(mails.length, 1);
      assert.deepEqual(log.info, ['digest of 2025-05-05 mailed to ana']);
      assert.deepEqual(log.error, []);
    } finally {
      await running.stop();
    }
    // A restarted server goes over the week again: the store says it was sent.
    const restarted = schedule(clock, 6, log);
    await restarted.tickNow();
    await restarted.stop();
    assert.equal(mails.length, 1);
    assert.deepEqual(log.info, ['digest of 2025-05-05 mailed to ana']);
  });

  it('logs a send that failed while the relay was down, with why, and makes it on a later tick', async () => {
    await store.addArticles([
      { source: 'Valley Times', title: 'Osh market reopens', text: 'The Osh bazaar reopened.' },
    ]);
    await matchSavedSearches(store, new Date('2025-05-07T08:00:00.000Z'));
    await closeSmtp();
    const clock = { now: new Date('2025-05-08T00:10:00.000Z') };
    const log = { info: [] as string[], error: [] as string[] };
    const running = schedule(clock, 0, log);
    try {
      await waitFor('a logged failure', () => log.error.length >= 2);
      assert.match(
        log.error[0]!,
        /^digest of 2025-05-07 not mailed to ana, the next tick tries again: .*ECONNREFUSED/,
      );
      assert.equal(mails.length, 1);
      await listen(); // the relay is back, on the same port
      await waitFor('the digest of 2025-05-07', () => mails.length === 2);
      assert.match(mails[1]!.data, /Subject: wirewatch digest, 07 May 2025: 1 new/);
      assert.match(mails[1]!.data, /Osh market reopens/);
      await sleep(200);
      assert.equal(mails.length, 2);
      assert.deepEqual(log.info, ['digest of 2025-05-07 mailed to ana']);
    } finally {
      await running.stop();
    }
  });

  it('stop() waits for the mail being sent and starts no other', async () => {
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    await setEmail(store, 'bo', 'bo@newsroom.example', 'cli:test');
    await saveSearch(
      store,
      { ownerName: 'bo', name: 'Curfews', query: 'curfew', digest: 'daily' },
      'cli:test',
    );
    await store.addArticles([
      { source: 'Valley Times', title: 'Osh curfew lifted', text: 'The curfew in Osh was lifted.' },
    ]);
    await matchSavedSearches(store, new Date('2025-05-09T08:00:00.000Z'));
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    const slow: MailTransport = {
      async sendMail(message) {
        started.push(message.to);
        await gate;
      },
    };
    const clock = { now: new Date('2025-05-10T00:05:00.000Z') };
    const log = { info: [] as string[], error: [] as string[] };
    const running = startDigestSchedule({
      store,
      transport: slow,
      from: 'wirewatch@newsroom.example',
      hour: 0,
      tickMs: 60_000,
      now: () => clock.now,
      log: { info: (message) => log.info.push(message), error: (message) => log.error.push(message) },
    });
    void running.tickNow();
    await waitFor('a mail being sent', () => started.length === 1);
    let stopped = false;
    const stopping = running.stop().then(() => {
      stopped = true;
    });
    await sleep(100);
    assert.equal(stopped, false, 'stop() waits for the mail in flight');
    release();
    await stopping;
    assert.equal(started.length, 1, 'no other user’s digest is started after stop()');
    assert.equal(log.info.length, 1);
    // The other user's digest of the day is left to the next start, and the first is not sent again.
    const next = schedule(clock, 0, log);
    await next.tickNow();
    await next.stop();
    assert.equal(mails.length, 3);
    const other = started[0] === 'ana@newsroom.example' ? 'bo@newsroom.example' : 'ana@newsroom.example';
    assert.deepEqual(mails[2]!.to, [other]);
    assert.match(mails[2]!.data, /Osh curfew lifted/);
    assert.deepEqual(log.error, []);
  });

  it('takes over a digest another server claimed and died sending, once the claim is 15 minutes old', async () => {
    await store.addArticles([
      { source: 'Valley Times', title: 'Osh bridge reopened', text: 'The bridge in Osh reopened.' },
    ]);
    await matchSavedSearches(store, new Date('2025-05-11T08:00:00.000Z'));
    const ana = (await store.accounts.findUserByName('ana'))!;
    // The server that was running claimed ana's digest at 00:01 and died before sending it.
    assert.equal(
      await store.savedSearches.claimDigest(ana.id, '2025-05-11', new Date('2025-05-12T00:01:00.000Z')),
      true,
    );
    const clock = { now: new Date('2025-05-12T00:05:00.000Z') };
    const log = { info: [] as string[], error: [] as string[] };
    const restarted = schedule(clock, 0, log);
    try {
      await restarted.tickNow();
      await sleep(200); // ten more ticks: the claim may still be alive, so the day is not settled
      assert.equal(mails.length, 3);
      clock.now = new Date('2025-05-12T00:16:30.000Z');
      await waitFor('the abandoned digest of 2025-05-11', () => mails.length === 4);
      assert.deepEqual(mails[3]!.to, ['ana@newsroom.example']);
      assert.match(mails[3]!.data, /Osh bridge reopened/);
      await sleep(200);
      assert.equal(mails.length, 4);
      assert.deepEqual(log.info, ['digest of 2025-05-11 mailed to ana']);
      assert.deepEqual(log.error, []);
    } finally {
      await restarted.stop();
    }
  });
});
