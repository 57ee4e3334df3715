/**
 * Server mode from the command line: every command on `--db postgres://…` or WIREWATCH_DATABASE_URL,
 * with the same results as the embedded archive, and `wirewatch copy` between the two — verified,
 * resumable after an interruption, and refusing a destination that is not a copy.
 */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStoreAt } from '../../src/cli/open-store.ts';
import { isAppError } from '../../src/core/errors.ts';
import { copyArchive } from '../../src/store/copy-archive.ts';
import { postgresMigrations } from '../../src/store/postgres/migrations/index.ts';
import { runCli } from '../support/run-cli.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { testDatabases } from '../support/test-postgres.ts';

const databases = await testDatabases();
const directory = mkdtempSync(join(tmpdir(), 'wirewatch-cli-postgres-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const samplePath = new URL('../../samples/central-asia-sample.jsonl', import.meta.url).pathname;

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: directory, env });

/** The headlines of a results page, in order. */
function headlines(page: string): string[] {
  return page
    .split('\n\n')
    .slice(2)
    .map((block) => block.split('\n')[0]!.replaceAll('**', ''));
}

describe('wirewatch on PostgreSQL', { skip: databases.skip }, () => {
  it('imports, searches, exports and summarises through WIREWATCH_DATABASE_URL as on SQLite', async () => {
    const url = await databases.create();
    const sqlite = join(directory, 'same.db');
    const onPostgres = (...args: string[]) => cli(args, { WIREWATCH_DATABASE_URL: url });
    const onSqlite = (...args: string[]) => cli(['--db', sqlite, ...args]);
    for (const run of [onPostgres, onSqlite]) {
      const imported = run('import', samplePath);
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stderr, /14 imported, 0 duplicates/);
      assert.match(run('import', samplePath).stderr, /0 imported, 14 duplicates/);
    }
    for (const q of [
      '"Hizb ut-Tahrir" OR HTS',
      'extremism -Syria',
      'Tokayev after:2024-01-01',
      'source:"Tashkent Wire"',
    ]) {
      const pg = onPostgres('search', q, '--sort', 'date');
      const lite = onSqlite('search', q, '--sort', 'date');
      assert.equal(pg.status, 0, pg.stderr);
      const viewing = /Viewing results \d+ - \d+ of \d+/;
      assert.equal(pg.stdout.match(viewing)?.[0], lite.stdout.match(viewing)?.[0], q);
      assert.deepEqual(headlines(pg.stdout), headlines(lite.stdout), q);
    }
    const exported = onPostgres('export', '--format', 'csv', 'Kazakhstan');
    assert.equal(exported.status, 0, exported.stderr);
    // Ids may differ: PostgreSQL numbers a batch in the order of its URLs (see postgres-article-writer.ts).
    const withoutIds = (csv: string) => csv.replace(/^\d+,/gm, '');
    assert.equal(
      withoutIds(exported.stdout),
      withoutIds(onSqlite('export', '--format', 'csv', 'Kazakhstan').stdout),
    );
    assert.ok(exported.stdout.split('\n').length > 3);
    const stats = JSON.parse(cli(['--db', url, 'stats', '--json']).stdout);
    assert.equal(stats.articleCount, 14);
    assert.equal(stats.schemaVersion, postgresMigrations.at(-1)!.version);
    const bad = cli(['search', 'Tokayev', '--db', url.replace('wirewatch_test@', 'wirewatch_test_wrong@')]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /STORE_AUTH_FAILED: PostgreSQL at 127\.0\.0\.1:5432\/\S+ refused/);
  });

  it('copies SQLite → PostgreSQL → SQLite with the same ids and checksum at every step', async () => {
    const url = await databases.create();
    const first = join(directory, 'first.db');
    const back = join(directory, 'back.db');
    assert.equal(cli(['--db', first, 'import', samplePath]).status, 0);
    const there = cli(['copy', '--from', first, '--to', url, '--batch-size', '4']);
    assert.equal(there.status, 0, there.stderr);
    assert.match(
      there.stdout,
      /copied 14 articles\nverified: 14 articles on both sides, sha256 ([0-9a-f]{64})/,
    );
    const checksum = there.stdout.match(/sha256 ([0-9a-f]{64})/)![1];
    const home = cli(['copy', '--from', url, '--to', back]);
    assert.equal(home.status, 0, home.stderr);
    assert.equal(home.stdout.match(/sha256 ([0-9a-f]{64})/)![1], checksum);
    const again = cli(['copy', '--from', first, '--to', url]);
    assert.match(again.stdout, /copied 0 articles, 14 were already there/);
    const show = (db: string) => cli(['--db', db, 'show', '3']).stdout;
    assert.equal(show(url), show(first));
    assert.equal(show(back), show(first));
  });

  it('resumes an interrupted copy where it stopped, and refuses a destination that is not a copy', async () => {
    const from = join(directory, 'resume-from.db');
    assert.equal(cli(['--db', from, 'import', samplePath]).status, 0);
    const url = await databases.create();
    const source = await openStoreAt(from, { readonly: true });
    try {
      const interrupted = await openStoreAt(url, { readonly: false });
      await assert.rejects(
        copyArchive(source, interrupted, {
          batchSize: 3,
          onProgress: (done) => {
            if (done >= 6) throw new Error('interrupted');
          },
        }),
        /interrupted/,
      );
      assert.equal((await interrupted.stats()).articleCount, 6, 'the committed batches stay');
      await interrupted.close();
      const resumed = await openStoreAt(url, { readonly: false });
      const summary = await copyArchive(source, resumed, { batchSize: 3 });
      assert.deepEqual([summary.alreadyThere, summary.copied, summary.verified.count], [6, 8, 14]);
      await resumed.close();

      const unrelated = await openStoreAt(await databases.create(), { readonly: false });
      await unrelated.addArticles(loadSampleArticles().slice(5, 7));
      await assert.rejects(copyArchive(source, unrelated), (error: unknown) => {
        assert.ok(isAppError(error, 'COPY_MISMATCH'), String(error));
        assert.match(error.message, /not a copy of .*copy into an empty archive/);
        return true;
      });
      assert.equal((await unrelated.stats()).articleCount, 2, 'nothing was written');
      await unrelated.close();
    } finally {
      await source.close();
    }
  });
});
