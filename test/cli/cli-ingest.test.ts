/**
 * The ingest commands as a user runs them, against invented outlets on 127.0.0.1 (allowed through
 * WIREWATCH_ALLOW_PRIVATE as an operator would): sources add (a feed, a site), import and export of
 * OPML, fetch with its progress and summary, sources list with each feed's state, add-url, remove.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FetchTestServer } from '../ingest/fetch/fetch-test-server.ts';
import { startOutletServer, teaserArticles } from '../ingest/poll/outlet-fixtures.ts';
import { runCliAsync } from '../support/run-cli.ts';

const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cli-ingest-'));
let server: FetchTestServer;
const env = { WIREWATCH_ALLOW_PRIVATE: '127.0.0.0/8' };
const cli = (...args: string[]) => runCliAsync(args, { cwd, env });

before(async () => {
  server = await startOutletServer();
});
after(async () => {
  await server.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('wirewatch sources, fetch and add-url', () => {
  it('follows a site through the feed it links to, and a feed URL, once each', async () => {
    const site = await cli('sources', 'add', server.url('/site/'));
    assert.equal(site.status, 0, site.stderr);
    assert.match(
      site.stdout,
      /following http:\/\/127\.0\.0\.1:\d+\/feeds\/full\.rss \(found on .*\/site\/\) as "Steppe Herald" \(#1\): rss feed, 3 items now/,
    );
    const again = await cli('sources', 'add', server.url('/feeds/full.rss'));
    assert.match(again.stdout, /already following .* as "Steppe Herald" \(#1\); nothing changed/);
    const named = await cli(
      'sources',
      'add',
      server.url('/feeds/teasers.atom'),
      '--name',
      'Valley Monitor',
      '--interval',
      '60',
    );
    assert.equal(named.status, 0, named.stderr);
  });

  it('names what is wrong with a URL it cannot follow, and stores nothing for it', async () => {
    const page = await cli('sources', 'add', server.url('/site/nofeed'));
    assert.equal(page.status, 1);
    assert.match(page.stderr, /SUBSCRIPTION_NO_FEED: .* links to no feed/);
    const blocked = await runCliAsync(['sources', 'add', server.url('/feeds/full.rss')], {
      cwd,
      env: { WIREWATCH_ALLOW_PRIVATE: '' },
    });
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, /FETCH_ADDRESS_BLOCKED: .*127\.0\.0\.1.*WIREWATCH_ALLOW_PRIVATE/);
    const bad = await cli('sources', 'add', 'ftp://files.example/feed.xml');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /FETCH_BAD_URL|only http/);
  });

  it('imports an OPML file, skipping what it cannot follow, and exports the list again', async () => {
    const opml = join(cwd, 'subscriptions.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title></head><body>
<outline text="Central Asia"><outline text="Cyrillic Wire" type="rss" xmlUrl="${server.url('/feeds/cp1251.rss')}"/>
<outline text="Broken Wire" type="rss" xmlUrl="${server.url('/feeds/broken.xml')}"/>
<outline text="Ftp Wire" type="rss" xmlUrl="ftp://files.example/feed.xml"/>
<outline text="Steppe again" type="rss" xmlUrl="${server.url('/feeds/full.rss')}"/></outline></body></opml>`,
    );
    const imported = await cli('sources', 'import', opml);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /2 feeds added, 1 already followed, 1 skipped/);
    const exported = await cli('sources', 'export');
    assert.equal((exported.stdout.match(/<outline /g) ?? []).length, 4);
    assert.match(exported.stdout, /text="Cyrillic Wire"/);
  });

  it("fetches every feed with a line each, and lists each feed's state", async () => {
    const run = await cli('fetch');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /\[\d\/4\] Steppe Herald: 3 items, 3 new/);
    assert.match(run.stderr, /Broken Wire: FAILED FEED_NOT_A_FEED/);
    assert.match(run.stdout, /4 feeds: 6 new articles from 3, 0 unchanged, 0 not modified \(304\), 1 failed/);
    const list = await cli('sources', 'list');
    assert.match(
      list.stdout,
      /#1 {2}Steppe Herald {2}3 articles\n {4}http:\/\/127\.0\.0\.1:\d+\/feeds\/full\.rss\n {4}fetched .* \(HTTP 200\)/,
    );
    assert.match(
      list.stdout,
      /Broken Wire {2}0 articles\n.*\n {4}failing since .* \(1 in a row\): FEED_NOT_A_FEED/,
    );
    const json = JSON.parse((await cli('sources', 'list', '--json')).stdout) as Array<{
      sourceName: string;
      etag: string | null;
    }>;
    assert.equal(json.find((s) => s.sourceName === 'Steppe Herald')?.etag, '"full-v1"');
    const second = await cli('fetch', '--json');
    const summary = JSON.parse(second.stdout) as { newArticles: number; notModified: number };
    assert.deepEqual([summary.newArticles, summary.notModified], [0, 1]);
    const search = await cli('search', `"${teaserArticles[0]!.title}"`, '--json');
    assert.equal((JSON.parse(search.stdout) as { total: number }).total, 1);
  });

  it('adds one article page, and knows it the second time', async () => {
    const url = server.url('/pages/teaser-1.html');
    const first = await cli('add-url', url, '--source', 'Valley Monitor');
    // The teaser feed archived this page already, so it is a duplicate even on the first add-url.
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /already archived: ".*" is article \d+; nothing added/);
    const missing = await cli('add-url', server.url('/pages/none.html'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /FETCH_HTTP_STATUS: .*404/);
  });

  it('stops following a feed and keeps its articles', async () => {
    const removed = await cli('sources', 'remove', '1');
    assert.match(removed.stdout, /stopped following .*full\.rss \(#1\); its 3 articles stay/);
    const unknown = await cli('sources', 'remove', '99');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /SUBSCRIPTION_NOT_FOUND/);
  });
});
