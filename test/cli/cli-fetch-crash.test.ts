/**
 * kill -9 in the middle of a fetch pass: every article a finished feed reported as stored is there,
 * the archive is consistent, and the next pass takes the rest without a duplicate. The outlets are
 * invented, on 127.0.0.1: five feeds answer at once, a sixth only after a long pause, so the pass is
 * killed while it waits for that one.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { type FetchTestServer, startFetchTestServer } from '../ingest/fetch/fetch-test-server.ts';
import { binPath, runCliAsync } from '../support/run-cli.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-fetch-crash-'));
const db = join(directory, 'archive.db');
const env = { WIREWATCH_ALLOW_PRIVATE: '127.0.0.0/8' };
let server: FetchTestServer;
let slowFeedWaits = false;

/** An RSS feed of `count` full-content items (long enough that no page is fetched). */
function feed(name: string, count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) => `<item><title>${name} story ${i}</title><link>http://${name}.example/${i}</link>
<pubDate>Mon, 12 May 2025 0${i % 10}:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>${`The ${name} desk reports item ${i} on border security in the Ferghana valley. `.repeat(12)}</p>]]></content:encoded></item>`,
  ).join('\n');
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${name}</title><link>http://${name}.example/</link><description>x</description>${items}</channel></rss>`;
}

before(async () => {
  const routes: Parameters<typeof startFetchTestServer>[0] = {};
  for (const name of ['alpha', 'bravo', 'charlie', 'delta', 'echo']) {
    routes[`/${name}.rss`] = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(feed(name, 20));
    };
  }
  routes['/slow.rss'] = (_request, response) => {
    const answer = () => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(feed('slow', 20));
    };
    if (slowFeedWaits) setTimeout(answer, 20_000).unref();
    else answer();
  };
  server = await startFetchTestServer(routes);
  for (const name of ['alpha', 'bravo', 'charlie', 'slow', 'delta', 'echo']) {
    const added = await runCliAsync(['--db', db, 'sources', 'add', server.url(`/${name}.rss`)], {
      cwd: directory,
      env,
    });
    assert.equal(added.status, 0, added.stderr);
  }
  slowFeedWaits = true;
});
after(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

const count = (sql: string) => {
  const peek = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return peek.prepare(sql).pluck().get() as number;
  } finally {
    peek.close();
  }
};

test('a fetch pass killed with SIGKILL keeps what it stored and the next pass completes it', async () => {
  const child = spawn(process.execPath, [binPath, '--db', db, 'fetch'], {
    cwd: directory,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  // Kill once the five quick feeds are recorded and only the slow one is outstanding.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      if (count('SELECT count(*) FROM fetch_log') >= 5) break;
    } catch {
      // Not migrated yet.
    }
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  assert.equal(count('SELECT count(*) FROM fetch_log'), 5, 'the five quick feeds were recorded');
  assert.equal(count('SELECT count(*) FROM articles'), 100, 'and every article they reported is stored');
  assert.equal(count("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
  const logged = count('SELECT sum(new_articles) FROM fetch_log');
  assert.equal(logged, 100, 'the record agrees with the archive');

  slowFeedWaits = false;
  const rerun = await runCliAsync(['--db', db, 'fetch', '--json'], { cwd: directory, env });
  assert.equal(rerun.status, 0, rerun.stderr);
  const summary = JSON.parse(rerun.stdout) as { newArticles: number; failed: number };
  assert.deepEqual([summary.newArticles, summary.failed], [20, 0], 'the slow feed now, and nothing twice');
  assert.equal(count('SELECT count(*) FROM articles'), 120);
  assert.equal(count('SELECT count(DISTINCT canonical_url) FROM articles'), 120);
});
