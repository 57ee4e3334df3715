/**
 * `wirewatch cluster` after a bulk import: the fixture stories' copies are grouped, a second run has
 * nothing left to do, and the results page's "more outlets" shows in the command's own search.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { readFixtureArticles } from '../ingest/cluster/cluster-stream.ts';
import { runCli } from '../support/run-cli.ts';

const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cli-cluster-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

test('wirewatch cluster groups what a bulk import brought in, once', async () => {
  const fixtures = readFixtureArticles();
  writeFileSync(
    join(cwd, 'stories.jsonl'),
    fixtures
      .map((article, i) =>
        JSON.stringify({
          source: article.source,
          title: article.title,
          text: article.text,
          url: `https://fixtures.example/${i}`,
        }),
      )
      .join('\n'),
  );
  assert.equal(runCli(['import', 'stories.jsonl'], { cwd }).status, 0);
  const first = runCli(['cluster'], { cwd });
  assert.equal(first.status, 0, first.stderr);
  const match = /^(\d+) articles placed in [\d.]+ s: (\d+) joined a story told by another article/.exec(
    first.stdout,
  );
  assert.ok(match, first.stdout);
  assert.equal(Number(match[1]), fixtures.length);
  const stories = new Set(fixtures.map((article) => article.cluster)).size;
  assert.ok(Number(match[2]) >= fixtures.length - stories - 2, `${match[2]} joined`);
  assert.match(runCli(['cluster'], { cwd }).stdout, /^0 articles placed/);

  const store = await openSqliteStore({ path: join(cwd, 'data', 'wirewatch.db'), mustExist: true });
  try {
    const clusters = new Set<number>();
    for (let id = 1; id <= fixtures.length; id++) clusters.add((await store.getArticle(id))!.clusterId!);
    assert.ok(Math.abs(clusters.size - stories) <= 2, `${clusters.size} clusters for ${stories} stories`);
  } finally {
    await store.close();
  }
});
