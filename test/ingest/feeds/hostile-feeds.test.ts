/**
 * Hostile and broken feeds: XXE, billion laughs, broken XML, HTML instead of a feed, a 50,000-item feed.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isAppError } from '../../../src/core/errors.ts';
import { parseFeed } from '../../../src/ingest/feeds/parse-feed.ts';

const fetchedAt = new Date('2025-06-01T00:00:00Z');
const url = 'https://hostile.example/feed.xml';

test('XXE: an external entity is never read; the feed parses with the reference as inert text', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'wirewatch-xxe-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const canary = join(folder, 'canary.txt');
  const secret = 'CANARY-5f1d9a-SECRET';
  writeFileSync(canary, secret);
  const body = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${canary}"><!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<rss version="2.0"><channel><title>&xxe;</title>
<item><title>Leak &xxe;</title><description>&lt;p&gt;&amp;xxe; &xxe;&lt;/p&gt;</description><link>https://hostile.example/a</link></item>
</channel></rss>`;
  const started = performance.now();
  const feed = parseFeed({ body, url, fetchedAt });
  assert.ok(performance.now() - started < 1000);
  const everything = JSON.stringify(feed);
  assert.ok(!everything.includes(secret), 'the canary file content must never appear');
  assert.equal(feed.items[0]!.title, 'Leak &xxe;');
  assert.ok(feed.warnings.some((warning) => warning.includes('DOCTYPE declares entities')));
});

test('XXE pointing at a named pipe: reading it would block forever, so finishing proves no read', {
  timeout: 10_000,
}, (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'wirewatch-xxe-fifo-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const fifo = join(folder, 'never-read');
  execFileSync('mkfifo', [fifo]);
  const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxepipe SYSTEM "file://${fifo}">]><rss version="2.0"><channel><item><title>&xxepipe;</title></item></channel></rss>`;
  assert.equal(parseFeed({ body, url, fetchedAt }).items[0]!.title, '&xxepipe;');
});

test('billion laughs: entities are not expanded, the parse is fast and small', () => {
  const levels = Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
  ).join('');
  const body = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;&lol9;</description></item></channel></rss>`;
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const feed = parseFeed({ body, url, fetchedAt });
  assert.ok(performance.now() - started < 1000);
  assert.ok(process.memoryUsage().heapUsed - before < 50 * 1024 * 1024);
  assert.ok(!JSON.stringify(feed).includes('lollol'));
  assert.equal(feed.items[0]!.title, '&lol9;');
});

test('broken XML is FEED_MALFORMED with the line and column', () => {
  const body =
    '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<item><title>one</titl></item>\n</channel>\n</rss>';
  assert.throws(
    () => parseFeed({ body, url, fetchedAt }),
    (error) =>
      isAppError(error, 'FEED_MALFORMED') &&
      error.location?.line === 4 &&
      error.location.column === 17 &&
      error.message.includes('</titl> found where </title> was expected'),
  );
  assert.throws(
    () => parseFeed({ body: '{"version": "https://jsonfeed.org/version/1.1", "items": [', url, fetchedAt }),
    (error) => isAppError(error, 'FEED_MALFORMED'),
  );
});

test('recoverable breakage is kept with a warning that says where', () => {
  const feed = parseFeed({
    body: '<rss version="2.0"><channel><title>x</title><item><title>a &amp; b</title><description>cut <b>x</description></item>',
    url,
    fetchedAt,
  });
  assert.equal(feed.items[0]!.title, 'a & b');
  assert.match(
    feed.warnings[0]!,
    /not well-formed XML \(<\/description> found where <\/b> was expected.*line 1, column \d+\)/,
  );
});

test('an HTML page is FEED_NOT_A_FEED and names the feeds it links to; other documents likewise', () => {
  const page =
    '<!DOCTYPE html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>Hi</body></html>';
  assert.throws(
    () => parseFeed({ body: page, url: 'https://site.example/news/', fetchedAt }),
    (error) =>
      isAppError(error, 'FEED_NOT_A_FEED') && error.message.includes('https://site.example/atom.xml'),
  );
  for (const body of [
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
    '{"hello": "world"}',
    'plain text, not a feed',
  ]) {
    assert.throws(
      () => parseFeed({ body, url, fetchedAt }),
      (error) => isAppError(error, 'FEED_NOT_A_FEED'),
      body,
    );
  }
  assert.throws(
    () => parseFeed({ body: Buffer.from('  \n '), url, fetchedAt }),
    (error) => isAppError(error, 'FEED_EMPTY'),
  );
});

test('a 50,000-item feed (14 MiB) parses within a bounded time and memory, capped at 10,000 items', () => {
  const items: string[] = [];
  for (let i = 0; i < 50_000; i++) {
    items.push(
      `<item><title>Item ${i} &amp; more</title><link>/a/${i}</link><guid>g${i}</guid><pubDate>Mon, 05 May 2025 10:00:00 +0000</pubDate>` +
        `<description>&lt;p&gt;Paragraph ${i} with &lt;a href="/x"&gt;a link&lt;/a&gt; and words to make it longer than a few bytes.&lt;/p&gt;</description></item>`,
    );
  }
  const body = Buffer.from(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('\n')}</channel></rss>`,
  );
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const feed = parseFeed({ body, url: 'https://big.example/feed', fetchedAt });
  const seconds = (performance.now() - started) / 1000;
  const grown = (process.memoryUsage().rss - before) / 1024 / 1024;
  console.log(
    `# 50,000-item feed, ${(body.length / 1024 / 1024).toFixed(1)} MiB: ${seconds.toFixed(2)} s, RSS +${grown.toFixed(0)} MiB, ${feed.items.length} items kept`,
  );
  assert.equal(feed.items.length, 10_000);
  assert.equal(feed.items[9_999]!.url, 'https://big.example/a/9999');
  assert.match(feed.warnings.join('\n'), /more than 10000 entries/);
  assert.ok(seconds < 20, `took ${seconds} s`);
  assert.ok(grown < 500, `RSS grew ${grown} MiB`);
});
