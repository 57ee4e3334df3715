/**
 * Enrichment on ingest: what `wirewatch fetch`, `add-url`, `import` and the background passes of
 * `wirewatch serve` bring in is enriched straight after it is stored (entity queries find it at
 * once), `--no-enrich` leaves it for later, and an enrichment that fails never fails the ingest:
 * the articles stay archived and searchable and the failure is said. Outlets are invented, on
 * 127.0.0.1 (allowed through WIREWATCH_ALLOW_PRIVATE as an operator would).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { FetchTestServer } from '../ingest/fetch/fetch-test-server.ts';
import { startOutletServer } from '../ingest/poll/outlet-fixtures.ts';
import { runCliAsync } from '../support/run-cli.ts';
import { samplePath } from '../support/sample-articles.ts';
import { startServe } from '../support/serve-process.ts';

const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cli-enrich-ingest-'));
let outlets: FetchTestServer;
const env = { WIREWATCH_ALLOW_PRIVATE: '127.0.0.0/8' };
const cli = (...args: string[]) => runCliAsync(args, { cwd, env });
const total = async (...args: string[]): Promise<number> => {
  const run = await cli(...args, '--json');
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { total: number }).total;
};

before(async () => {
  outlets = await startOutletServer();
});
after(async () => {
  await outlets.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('enrichment after wirewatch fetch and add-url', () => {
  it('enriches what a fetch pass brought in, and says so in its summary', async () => {
    assert.equal((await cli('sources', 'add', outlets.url('/feeds/full.rss'))).status, 0);
    const run = await cli('fetch');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /3 new articles from 1/);
    assert.match(
      run.stdout,
      /\n3 articles enriched in \d+\.\d s; loaded the shipped gazetteer \(version 1\)\n$/,
    );
    assert.equal(await total('search', 'org:"Hizb ut-Tahrir"'), 1);
    const again = await cli('fetch', '--json');
    const summary = JSON.parse(again.stdout) as { newArticles: number; enrichment: unknown };
    assert.deepEqual([summary.newArticles, summary.enrichment], [0, null], 'nothing new, nothing to enrich');
  });

  it('enriches a page added with add-url', async () => {
    const run = await cli('add-url', outlets.url('/pages/teaser-1.html'), '--source', 'Valley Monitor');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^archived ".*" from Valley Monitor as article 4\n1 article enriched in \d+\.\d s\n$/,
    );
    assert.equal(await total('search', 'person:Mirziyoyev'), 1);
  });
});

describe('enrichment after wirewatch import', () => {
  it('leaves the articles for later with --no-enrich', async () => {
    const db = join(cwd, 'later.db');
    const run = await cli('--db', db, 'import', samplePath, '--no-enrich');
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /enriched/);
    assert.equal(await total('--db', db, 'search', 'org:"Hizb ut-Tahrir"'), 0);
  });

  it('keeps the import when enrichment fails, and says why', async () => {
    // A user's spelling that the shipped gazetteer also claims: the gazetteer cannot be loaded.
    const db = join(cwd, 'clash.db');
    const store = await openSqliteStore({ path: db });
    await store.enrichment.addEntity(
      { slug: 'my-group', type: 'organisation', name: 'My Group', aliases: ['Hizb ut-Tahrir'] },
      'user',
    );
    await store.close();
    const run = await cli('--db', db, 'import', samplePath);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /14 imported, 0 duplicates, 0 errors/);
    assert.match(
      run.stderr,
      /\nenrichment failed \(GAZETTEER_INVALID: .+\); the articles are archived and searchable by their words, and the next import, fetch or `wirewatch enrich` enriches them\n$/,
    );
    assert.equal(await total('--db', db, 'search', '"Hizb ut-Tahrir"'), 1);
    const enrich = await cli('--db', db, 'enrich');
    assert.equal(enrich.status, 1, 'wirewatch enrich itself fails on a gazetteer it cannot load');
    assert.match(enrich.stderr, /^error: GAZETTEER_INVALID: /);
  });
});

describe('enrichment in wirewatch serve', () => {
  async function searchTotal(url: string, query: string): Promise<number> {
    const response = await fetch(
      `${url}/api/v1/search?q=${encodeURIComponent(query)}&facets=false&timeline=false`,
    );
    return ((await response.json()) as { total: number }).total;
  }

  async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 40_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('enriches the sample of a new archive, and what each background pass brings in', async () => {
    const polled = mkdtempSync(join(cwd, 'polled-'));
    const sampled = mkdtempSync(join(cwd, 'sampled-'));
    const follow = await runCliAsync(['sources', 'add', outlets.url('/feeds/full.rss')], {
      cwd: polled,
      env,
    });
    assert.equal(follow.status, 0, follow.stderr);
    const [withFeed, withSample] = await Promise.all([
      startServe(polled, { args: ['--no-sample'], env: { ...env, WIREWATCH_POLL_SECONDS: '1' } }),
      startServe(sampled, { args: ['--no-poll'], env }),
    ]);
    try {
      // The sample is imported and enriched before the server says it is serving.
      assert.match(withSample.stderr(), /loaded 14 sample articles\n14 articles enriched in/);
      assert.equal(await searchTotal(withSample.url, 'org:"Hizb ut-Tahrir"'), 1);
      await waitFor(
        'the feed to be fetched and enriched',
        async () => (await searchTotal(withFeed.url, 'org:"Hizb ut-Tahrir"')) === 1,
      );
      assert.equal(await searchTotal(withFeed.url, 'person:Tokayev'), 1);
    } finally {
      withFeed.child.kill('SIGTERM');
      withSample.child.kill('SIGTERM');
    }
    const [[feedCode], [sampleCode]] = await Promise.all([
      once(withFeed.child, 'exit'),
      once(withSample.child, 'exit'),
    ]);
    assert.deepEqual([feedCode, sampleCode], [0, 0], withFeed.stderr() + withSample.stderr());
  });
});
