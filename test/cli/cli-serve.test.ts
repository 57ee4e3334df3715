/**
 * `wirewatch serve`, as `npm start` runs it: a fresh directory gets an archive with the sample, the
 * desk answers on the printed address, SIGTERM stops it cleanly, and bad settings are named.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { runCli } from '../support/run-cli.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { startServe } from '../support/serve-process.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-serve-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('wirewatch serve', () => {
  it('creates the archive with the sample, serves the desk and the API, and stops cleanly on SIGTERM', async () => {
    const cwd = mkdtempSync(join(directory, 'fresh-'));
    const { child, url, stderr } = await startServe(cwd);
    try {
      assert.match(stderr(), new RegExp(`loaded ${loadSampleArticles().length} sample articles`));
      const home = await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(home.status, 200);
      assert.match(await home.text(), /wirewatch/);
      const api = await fetch(`${url}/api/v1/stats`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(
        ((await api.json()) as { article_count: number }).article_count,
        loadSampleArticles().length,
      );
      // Served through the response cache: a browser's revalidation of an unchanged answer is a 304.
      const etag = api.headers.get('etag');
      assert.ok(etag, 'wirewatch serve keeps finished answers (WIREWATCH_RESPONSE_CACHE_MB)');
      const again = await fetch(`${url}/api/v1/stats`, {
        headers: { 'if-none-match': etag },
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(again.status, 304);
      // The server caches answers and reads through worker threads: an import by another process
      // into the same archive must still show in the very next search.
      const search = async () => {
        const response = await fetch(`${url}/api/v1/search?q=quokka&facets=false&timeline=false`, {
          signal: AbortSignal.timeout(10_000),
        });
        return ((await response.json()) as { total: number }).total;
      };
      assert.equal(await search(), 0);
      assert.equal(await search(), 0);
      writeFileSync(
        join(cwd, 'new.jsonl'),
        `${JSON.stringify({ source: 'Zoo Wire', title: 'A quokka in Almaty', text: 'A quokka was seen in Almaty.' })}\n`,
      );
      const imported = runCli(['import', 'new.jsonl'], { cwd });
      assert.equal(imported.status, 0, imported.stderr);
      assert.equal(await search(), 1);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, stderr());
    // Closed cleanly: the archive opens and holds the sample.
    const store = await openSqliteStore({ path: join(cwd, 'data', 'wirewatch.db'), mustExist: true });
    assert.equal((await store.stats()).articleCount, loadSampleArticles().length + 1);
    await store.close();
  });

  it('names a bad PORT and HOST setting instead of starting', () => {
    const run = runCli(['serve'], { cwd: directory, env: { PORT: 'eighty', WIREWATCH_RATE_LIMIT: '-1' } });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /CONFIG_INVALID/);
    assert.match(run.stderr, /PORT/);
    assert.match(run.stderr, /WIREWATCH_RATE_LIMIT/);
  });

  it('refuses to serve other machines with no accounts, and asks for sign-in once there are accounts', async () => {
    const cwd = mkdtempSync(join(directory, 'accounts-'));
    const open = runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--no-poll'], { cwd });
    assert.equal(open.status, 1);
    assert.match(
      open.stderr,
      /CONFIG_INVALID: not serving 0\.0\.0\.0 with no accounts: .*wirewatch users add NAME --role admin/,
    );
    assert.equal(runCli(['users', 'add', 'root', '--role', 'admin'], { cwd }).status, 0);
    const served = await startServe(cwd, { args: ['--no-poll'] });
    try {
      assert.match(served.stderr(), /signing in \(or an API token\) is needed to read it/);
      const api = await fetch(`${served.url}/api/v1/search?q=Osh`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(api.status, 401);
      const page = await fetch(`${served.url}/`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
      assert.equal(page.status, 303);
      assert.equal(page.headers.get('location'), '/sign-in?next=%2F');
    } finally {
      served.child.kill('SIGTERM');
      await once(served.child, 'exit');
    }
  });

  it('says so when the port is taken', async () => {
    const cwd = mkdtempSync(join(directory, 'taken-'));
    const first = await startServe(cwd);
    try {
      const port = new URL(first.url).port;
      const run = runCli(['serve', '--port', port], { cwd });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /EADDRINUSE|in use/);
    } finally {
      first.child.kill('SIGTERM');
      await once(first.child, 'exit');
    }
  });
});
