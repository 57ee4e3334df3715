import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type Database from 'better-sqlite3';
import { writeCorpusJsonl } from './corpus/generate-corpus.ts';
import { generateArticles } from './corpus/generate-corpus.ts';
import { benchQueries, type RawResult, rawFtsImport } from './raw-baseline.ts';
import { createWirewatchSchemaDb } from './raw-wirewatch-db.ts';

const count = 2_000;
let directory: string;
let db: Database.Database;

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'wirewatch-raw-baseline-'));
  db = await createWirewatchSchemaDb(join(directory, 'archive.db'), generateArticles(count, 42));
});

after(() => {
  db.close();
  rmSync(directory, { recursive: true, force: true });
});

test('the query set covers every class with unique names', () => {
  assert.ok(benchQueries.length >= 38, `${benchQueries.length} queries`);
  assert.equal(new Set(benchQueries.map((query) => query.name)).size, benchQueries.length);
  const classes = new Map<string, number>();
  for (const query of benchQueries) classes.set(query.class, (classes.get(query.class) ?? 0) + 1);
  assert.equal(classes.size, 10);
  for (const [name, size] of classes) assert.ok(size >= 4, `class ${name} has ${size} queries`);
});

test('every raw query answers with consistent totals', () => {
  const results = new Map<string, RawResult>();
  for (const query of benchQueries) {
    const result = query.raw(db);
    results.set(query.name, result);
    assert.ok(result.ids.length <= 10, `${query.name}: at most a page`);
    assert.ok(
      result.total >= result.ids.length,
      `${query.name}: total ${result.total} >= ${result.ids.length}`,
    );
    assert.equal(new Set(result.ids).size, result.ids.length, `${query.name}: no repeated hit`);
    if (query.page === 1)
      assert.equal(result.ids.length, Math.min(10, result.total), `${query.name}: a full first page`);
  }
  for (const query of benchQueries.filter((each) => each.class === 'common')) {
    assert.ok(results.get(query.name)!.total > count * 0.2, `${query.name} is common`);
  }
  for (const query of benchQueries.filter((each) => each.class === 'rare')) {
    assert.ok(results.get(query.name)!.total <= 5, `${query.name} is rare`);
  }
  const browseAll = results.get('browse-all')!;
  assert.equal(browseAll.total, count);
  const notOnly = results.get('not-only')!;
  const security = results.get('common-security')!;
  assert.equal(notOnly.total + security.total, count, 'exclusion is the complement of inclusion');
});

test('rawFtsImport indexes the whole JSONL file', () => {
  const jsonl = join(directory, 'corpus.jsonl');
  const bytes = writeCorpusJsonl(jsonl, count, 42);
  assert.ok(bytes > count * 1000);
  const result = rawFtsImport(jsonl, join(directory, 'raw.db'));
  assert.equal(result.articles, count);
  assert.ok(result.seconds > 0);
  console.log(
    `rawFtsImport: ${count} articles in ${result.seconds.toFixed(2)} s (${Math.round(count / result.seconds)}/s)`,
  );
});
