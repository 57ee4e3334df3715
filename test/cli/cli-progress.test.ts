/**
 * The progress bar: an import that lasts over a second draws one on a terminal (here a real pseudo-
 * terminal from util-linux `script`), and never on a pipe, where it would garble logs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeCorpusJsonl } from '../../bench/corpus/generate-corpus.ts';
import { binPath, runCli } from '../support/run-cli.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-progress-'));
after(() => rmSync(directory, { recursive: true, force: true }));
const corpus = join(directory, 'corpus.jsonl');
writeCorpusJsonl(corpus, 12_000, 11);

test('a long import shows a progress bar on a terminal', (t) => {
  if (!existsSync('/usr/bin/script')) {
    t.skip('util-linux `script` is not installed, so no pseudo-terminal can be made');
    return;
  }
  const command = `${process.execPath} ${binPath} --db ${join(directory, 'tty.db')} import --no-enrich ${corpus}`;
  const run = spawnSync('/usr/bin/script', ['-qfec', command, '/dev/null'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout, /importing \[[=-]+\] \d+% \| /);
  assert.match(run.stdout, /importing \[=+\] 100% \| /, 'the bar reaches the end');
  assert.match(run.stdout, /12000 imported, 0 duplicates, 0 errors \(jsonl, utf-8\)/);
});

test('a pipe gets the summary without a progress bar', () => {
  // The bar is the import's; enriching 12,000 articles after it is not what this test is about.
  const run = runCli(['--db', join(directory, 'pipe.db'), 'import', '--no-enrich', corpus], {
    cwd: directory,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /importing \[/);
  assert.match(run.stderr, /12000 imported/);
});
