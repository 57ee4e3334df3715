/**
 * `wirewatch serve` keeps the archive filled: a feed followed with `sources add` is fetched in the
 * background as it falls due, its articles become searchable, and /sources shows each feed's state,
 * a failing one with its error. The outlets are invented, on 127.0.0.1 (allowed as an operator would).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FetchTestServer } from '../ingest/fetch/fetch-test-server.ts';
import { fullFeedArticles, startOutletServer } from '../ingest/poll/outlet-fixtures.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { startServe } from '../support/serve-process.ts';

const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-serve-poll-'));
let outlets: FetchTestServer;
const env = { WIREWATCH_ALLOW_PRIVATE: '127.0.0.0/8', WIREWATCH_POLL_SECONDS: '1' };

before(async () => {
  outlets = await startOutletServer();
});
after(async () => {
  await outlets.close();
  rmSync(cwd, { recursive: true, force: true });
});

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('wirewatch serve fetching in the background', () => {
  it('fetches followed feeds as they fall due and shows their state on /sources', async () => {
    for (const path of ['/feeds/full.rss', '/feeds/error']) {
      const added = await runCliAsync(
        [
          'sources',
          'add',
          outlets.url(path),
          '--name',
          path.includes('error') ? 'Broken Outlet' : 'Steppe Herald',
        ],
        { cwd, env },
      );
      if (path.includes('error'))
        assert.match(added.stderr, /FETCH_HTTP_STATUS/, 'a feed that answers 500 cannot be added');
      else assert.equal(added.status, 0, added.stderr);
    }
    const { child, url, stderr } = await startServe(cwd, { args: ['--no-sample'], env });
    try {
      // Printed just after the address, once the poller has started.
      await waitFor('the poller to start', async () =>
        /fetching the 1 followed feeds as they fall due/.test(stderr()) ? true : null,
      );
      assert.match(stderr(), /fetching the 1 followed feeds as they fall due/);
      const total = await waitFor('the feed to be fetched', async () => {
        const response = await fetch(
          `${url}/api/v1/search?q=${encodeURIComponent(`"${fullFeedArticles[0]!.title}"`)}&facets=false&timeline=false`,
        );
        const body = (await response.json()) as { total: number };
        return body.total > 0 ? body.total : null;
      });
      assert.equal(total, 1);
      const page = await (await fetch(`${url}/sources`)).text();
      assert.match(page, /1 followed feeds/);
      assert.match(page, /OK \(HTTP 200\)/);
      assert.match(page, /<td class="number">3<\/td>/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, stderr());
  });
});
