/**
 * Webhook deliveries end to end on a real SQLite archive and a real HTTP receiver on 127.0.0.1: an
 * alert is queued once, posted signed, retried with back-off after a 500 and after a receiver that
 * hangs, sent once it answers, never sent twice, given up after the last attempt, and refused
 * before connecting to a private address that is not allowed.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { compileAllowList } from '../../ingest/fetch/allow-list.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { addUser } from '../accounts/manage-accounts.ts';
import { matchSavedSearches } from '../searches/match-saved-searches.ts';
import { saveSearch } from '../searches/save-search.ts';
import { deliverDueWebhooks, retryDelay } from './deliver-webhooks.ts';
import { createWebhookSender, type WebhookSender } from './webhook-sender.ts';

interface Received {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

describe('webhook deliveries', () => {
  let directory: string;
  let store: Store;
  let server: Server;
  let url: string;
  let secret: string;
  let sender: WebhookSender;
  let mode: 'ok' | 'error' | 'hang' = 'ok';
  const received: Received[] = [];
  const t0 = new Date('2025-05-05T08:00:00.000Z');
  const at = (seconds: number) => () => new Date(t0.getTime() + seconds * 1000);

  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        received.push({ body, headers: request.headers });
        if (mode === 'hang') return; // never answers: the sender's deadline ends it
        response.statusCode = mode === 'ok' ? 204 : 500;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-webhooks-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    const saved = await saveSearch(
      store,
      { ownerName: 'ana', name: 'Osh', query: 'Osh', webhookUrl: url },
      'cli:test',
      { allowPrivate: compileAllowList(['127.0.0.1/32']) },
    );
    secret = saved.webhookSecret!;
    sender = createWebhookSender({ allowPrivate: ['127.0.0.1/32'], timeoutMs: 500 });
    await store.addArticles([
      {
        source: 'Valley Times',
        title: 'Curfew in Osh',
        text: 'A curfew was declared in Osh.',
        url: 'https://vt.example/osh',
      },
    ]);
    const pass = await matchSavedSearches(store, t0);
    assert.equal(pass.alerts, 1);
  });
  after(async () => {
    await sender.close();
    await store.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  });

  it('retries after a 500 and after a receiver that hangs, on the back-off schedule', async () => {
    mode = 'error';
    assert.deepEqual(await deliverDueWebhooks(store, sender, { now: at(0) }), {
      due: 1,
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    assert.equal((await deliverDueWebhooks(store, sender, { now: at(59) })).due, 0);
    mode = 'hang';
    assert.deepEqual(await deliverDueWebhooks(store, sender, { now: at(60) }), {
      due: 1,
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    const [delivery] = await store.savedSearches.listDeliveries(1);
    assert.equal(delivery?.state, 'pending');
    assert.equal(delivery?.attempts, 2);
    assert.equal(delivery?.nextAttemptAt, new Date(t0.getTime() + 60_000 + retryDelay(2)).toISOString());
    const attempts = await store.savedSearches.attemptsOf(delivery!.id);
    assert.equal(attempts[0]?.status, 500);
    assert.match(attempts[0]?.error ?? '', /^FETCH_HTTP_STATUS: the webhook answered 500/);
    assert.equal(attempts[1]?.status, null);
    assert.match(attempts[1]?.error ?? '', /^FETCH_TIMEOUT: /);
  });

  it('sends it signed once the receiver answers, and never again', async () => {
    mode = 'ok';
    const before = received.length;
    assert.deepEqual(await deliverDueWebhooks(store, sender, { now: at(3_600) }), {
      due: 1,
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    assert.deepEqual(await deliverDueWebhooks(store, sender, { now: at(90_000) }), {
      due: 0,
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    assert.equal(received.length, before + 1);
    const last = received.at(-1)!;
    const signature = String(last.headers['x-wirewatch-signature']);
    const [, seconds, digest] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    assert.equal(Number(seconds), Math.floor(t0.getTime() / 1000) + 3_600);
    assert.equal(digest, createHmac('sha256', secret).update(`${seconds}.${last.body}`).digest('hex'));
    const body = JSON.parse(last.body) as {
      event: string;
      why: string;
      saved_search: { name: string };
      article: { title: string };
    };
    assert.equal(body.event, 'alert');
    assert.equal(body.why, 'new story');
    assert.equal(body.saved_search.name, 'Osh');
    assert.equal(body.article.title, 'Curfew in Osh');
    const [delivery] = await store.savedSearches.listDeliveries(1);
    assert.equal(last.headers['x-wirewatch-delivery'], String(delivery!.id));
    assert.deepEqual([delivery?.state, delivery?.attempts, delivery?.lastStatus], ['sent', 3, 204]);
  });

  it('gives up after the last attempt, and keeps every attempt listed', async () => {
    mode = 'error';
    await store.addArticles([{ source: 'Valley Times', title: 'Osh again', text: 'More news from Osh.' }]);
    await matchSavedSearches(store, at(100_000)());
    assert.deepEqual(await deliverDueWebhooks(store, sender, { now: at(100_000), maxAttempts: 1 }), {
      due: 1,
      sent: 0,
      retrying: 0,
      failed: 1,
    });
    const [newest] = await store.savedSearches.listDeliveries(1);
    assert.equal(newest?.state, 'failed');
    assert.equal((await deliverDueWebhooks(store, sender, { now: at(999_999) })).due, 0);
  });

  it('refuses a private address before connecting unless it is allowed', async () => {
    const guarded = createWebhookSender({ timeoutMs: 500 });
    try {
      const before = received.length;
      const answer = await guarded.post(url, '{}', {});
      assert.equal(answer.status, null);
      assert.match(answer.error ?? '', /^FETCH_ADDRESS_BLOCKED: /);
      assert.equal(received.length, before);
    } finally {
      await guarded.close();
    }
  });
});
