/**
 * What the SQLite writer promises beyond the contract: with foreign keys unenforced and the full-text
 * entry written by hand (see sqlite-article-writer.ts), the file stays consistent.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { loadSampleArticles } from '../../../test/support/sample-articles.ts';
import { openSqliteStore } from './sqlite-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-integrity-'));
after(() => rmSync(directory, { recursive: true, force: true }));

test('every article has its source and its full-text entry, after duplicates, rejects and a rollback', async () => {
  const path = join(directory, 'archive.db');
  const store = await openSqliteStore({ path });
  const sample = loadSampleArticles();
  await store.addArticles(sample);
  await store.addArticles([...sample.slice(0, 5), { source: 'X', title: '', text: 'rejected' }]);
  await assert.rejects(
    store.transaction(async (writer) => {
      await writer.addArticles([{ source: 'Gone Source', title: 'Gone', text: 'rolled back' }]);
      throw new Error('roll back');
    }),
  );
  await store.addArticles([{ source: 'Gone Source', title: 'Back', text: 'kept this time' }]);
  await store.close();

  const db = new Database(path, { readonly: true });
  assert.deepEqual(db.pragma('foreign_key_check'), []);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const articles = db.prepare('SELECT count(*) FROM articles').pluck().get();
  assert.equal(articles, sample.length + 1);
  assert.equal(db.prepare('SELECT count(*) FROM articles_fts_docsize').pluck().get(), articles);
  db.close();
  // FTS5's own check compares the index with the articles table, term by term.
  const writable = new Database(path);
  writable.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)");
  writable.close();
});
