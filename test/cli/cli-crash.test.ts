/**
 * kill -9 in the middle of a bulk import: the archive must pass SQLite's and FTS5's integrity checks,
 * hold whole articles only, and a re-run must complete it without duplicates.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { writeCorpusJsonl } from '../../bench/corpus/generate-corpus.ts';
import { binPath, runCli } from '../support/run-cli.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-crash-'));
after(() => rmSync(directory, { recursive: true, force: true }));

test('an import killed with SIGKILL leaves a consistent archive that a re-run completes', async () => {
  const corpus = join(directory, 'corpus.jsonl');
  const total = 15_000;
  writeCorpusJsonl(corpus, total, 7);
  const db = join(directory, 'archive.db');

  const child = spawn(process.execPath, [binPath, '--db', db, 'import', corpus], { stdio: 'ignore' });
  // Kill once some batches are committed, well before the end (polled, so a slow machine waits longer).
  const deadline = Date.now() + 60_000;
  let committed = 0;
  while (committed < 1000 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      const peek = new Database(db, { readonly: true, fileMustExist: true });
      committed = peek.prepare('SELECT count(*) FROM articles').pluck().get() as number;
      peek.close();
    } catch {
      // The file or its schema may not exist yet.
    }
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  const check = new Database(db);
  assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
  check.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)");
  const survived = check.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  assert.ok(survived > 0 && survived < total, `killed midway: ${survived} of ${total} committed`);
  assert.equal(survived % 500, 0, 'whole batches only');
  check.close();

  // Enrichment after the import is not what this test is about (and would take a minute on 15,000).
  const rerun = runCli(['--db', db, 'import', '--no-enrich', corpus], { cwd: directory });
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stderr, new RegExp(`${total - survived} imported, ${survived} duplicates, 0 errors`));
  const after = new Database(db, { readonly: true });
  assert.equal(after.prepare('SELECT count(*) FROM articles').pluck().get(), total);
  assert.equal(after.prepare('SELECT count(DISTINCT canonical_url) FROM articles').pluck().get(), total);
  after.close();
});
