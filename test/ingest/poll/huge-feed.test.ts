/**
 * A feed of 50,000 items through a whole fetch: read within the body cap, cut to the item cap with a
 * warning, archived in one transaction, in bounded time — and the other feed of the pass unaffected.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaultMaxItems } from '../../../src/ingest/feeds/parse-feed.ts';
import { createFetchClient } from '../../../src/ingest/fetch/fetch-client.ts';
import { runFetchPass } from '../../../src/ingest/poll/fetch-pass.ts';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { startFetchTestServer } from '../fetch/fetch-test-server.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-huge-feed-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function rss(name: string, count: number, words: number): string {
  const body = 'Border guards reported a quiet night along the river. '.repeat(words);
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>${name} ${i}</title><link>http://${name}.example/${i}</link><pubDate>Mon, 12 May 2025 08:00:00 GMT</pubDate><content:encoded>${body} Item ${i}.</content:encoded></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${name}</title><link>http://${name}.example/</link><description>x</description>${items}</channel></rss>`;
}

test('a 50,000-item feed is cut to the item cap, archived, and leaves the other feeds alone', async () => {
  const huge = rss('flood', 50_000, 0);
  const server = await startFetchTestServer({
    '/flood.rss': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(huge);
    },
    '/calm.rss': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(rss('calm', 3, 12));
    },
  });
  const client = createFetchClient({ allowPrivate: ['127.0.0.0/8'] });
  const store = await openSqliteStore({ path: join(directory, 'archive.db') });
  try {
    await store.subscriptions.add({ feedUrl: server.url('/flood.rss'), sourceName: 'Flood Wire' });
    await store.subscriptions.add({ feedUrl: server.url('/calm.rss'), sourceName: 'Calm Wire' });
    const started = performance.now();
    const summary = await runFetchPass(store, client, await store.subscriptions.list());
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `# a ${(huge.length / 1_048_576).toFixed(1)} MB feed of 50,000 items: whole pass in ${seconds.toFixed(1)} s\n`,
    );
    const flood = summary.results.find((r) => r.subscription.sourceName === 'Flood Wire')!;
    assert.equal(flood.error, null);
    assert.equal(flood.itemsSeen, defaultMaxItems);
    assert.equal(flood.newArticles, defaultMaxItems);
    assert.ok(
      flood.warnings.some((w) => /10,?000/.test(w)),
      flood.warnings.join('; '),
    );
    assert.equal(summary.results.find((r) => r.subscription.sourceName === 'Calm Wire')!.newArticles, 3);
    assert.ok(seconds < 120, `took ${seconds} s`);
    assert.equal((await store.stats()).articleCount, defaultMaxItems + 3);
  } finally {
    await store.close();
    await client.close();
    await server.close();
  }
});
