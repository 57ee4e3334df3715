import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { WriteOutcome } from '../../core/article.ts';
import type { PreparedArticle } from '../../store/prepare-article.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { StoreWriter } from '../../store/store.ts';
import { encodeWindows1251 } from '../../../test/fixtures/import/encode-legacy.ts';
import { tempFile } from '../../../test/fixtures/import/test-streams.ts';
import { type ImportTarget, importFile, maxReportedErrors } from './import-file.ts';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/import');

/** A stand-in for the Store's write side: dedupes by URL, else by text; transactions copy and restore. */
class FakeStore implements ImportTarget {
  articles: PreparedArticle[] = [];
  calls: number[] = [];
  failOnCall: number | null = null;

  async addPreparedArticles(articles: PreparedArticle[]): Promise<WriteOutcome[]> {
    this.calls.push(articles.length);
    if (this.failOnCall === this.calls.length) throw new AppError('STORE_FULL', 'the disk is full');
    return articles.map((article) => {
      const index = this.articles.findIndex((a) =>
        article.url ? a.url === article.url : a.text === article.text,
      );
      if (index !== -1) return { status: 'duplicate', id: index + 1, by: article.url ? 'url' : 'text' };
      this.articles.push(article);
      return { status: 'inserted', id: this.articles.length };
    });
  }

  async transaction<T>(work: (writer: Pick<StoreWriter, 'addPreparedArticles'>) => Promise<T>): Promise<T> {
    const saved = [...this.articles];
    try {
      return await work({ addPreparedArticles: (articles) => this.addPreparedArticles(articles) });
    } catch (error) {
      this.articles = saved;
      throw error;
    }
  }
}

test('imports the JSONL fixture in batches, counting errors with their lines', async () => {
  const store = new FakeStore();
  const seen: number[] = [];
  const progress: number[] = [];
  const summary = await importFile(store, `${fixtures}/articles.jsonl`, {
    batchSize: 2,
    onError: (error) => seen.push(error.location.line),
    onProgress: (read, total) => progress.push(read / total),
  });
  assert.equal(summary.format, 'jsonl');
  assert.equal(summary.encoding, 'utf-8');
  assert.equal(summary.imported, 3);
  assert.equal(summary.duplicates, 0);
  assert.equal(summary.aborted, false);
  assert.deepEqual(
    summary.errors.map((e) => e.line),
    [4, 5, 6, 7, 8],
  );
  assert.equal(summary.errorCount, 5);
  assert.deepEqual(seen, [4, 5, 6, 7, 8]);
  assert.deepEqual(store.calls, [2, 1]);
  assert.equal(progress.at(-1), 1);
});

test('strict mode: the first bad record rolls everything back and says so', async () => {
  const store = new FakeStore();
  const summary = await importFile(store, `${fixtures}/articles.jsonl`, { strict: true, batchSize: 1 });
  assert.equal(summary.aborted, true);
  assert.equal(summary.imported, 0);
  assert.equal(store.articles.length, 0);
  assert.equal(summary.errors.length, 1);
  assert.equal(summary.errors[0]!.code, 'IMPORT_STRICT_ABORTED');
  assert.match(
    summary.errors[0]!.message,
    /^line 4: not valid JSON.* — nothing from .*articles\.jsonl was imported \(--strict\)$/,
  );
});

test('a store failure propagates and leaves whole batches only', async () => {
  const store = new FakeStore();
  store.failOnCall = 2;
  await assert.rejects(importFile(store, `${fixtures}/articles.jsonl`, { batchSize: 1 }), (error) =>
    isAppError(error, 'STORE_FULL'),
  );
  assert.equal(store.articles.length, 1);
});

test('an article the store refuses is reported at its line without losing its batch', async () => {
  const store = new FakeStore();
  const original = store.addPreparedArticles.bind(store);
  store.addPreparedArticles = async (articles) => {
    const refused = articles.map((a) => a.title === 'Regional council meets');
    const outcomes = await original(articles.filter((_, i) => !refused[i]));
    return refused.map((isRefused) =>
      isRefused ? { status: 'rejected', code: 'ARTICLE_INVALID', message: 'refused' } : outcomes.shift()!,
    );
  };
  const summary = await importFile(store, `${fixtures}/articles.jsonl`, { batchSize: 10 });
  assert.equal(summary.imported, 2);
  assert.ok(summary.errors.some((e) => e.line === 2 && e.message === 'refused'));
});

test('only the first 1,000 errors are kept, all are counted', async () => {
  const lines = Array.from({ length: maxReportedErrors + 5 }, (_, i) => `{"title":"T${i}"}`).join('\n');
  const file = await tempFile('many.jsonl', `${lines}\n{"title":"ok","text":"fine","source":"S"}\n`);
  try {
    const summary = await importFile(new FakeStore(), file.path, {});
    assert.equal(summary.errors.length, maxReportedErrors);
    assert.equal(summary.errorCount, maxReportedErrors + 5);
    assert.equal(summary.imported, 1);
  } finally {
    await file.remove();
  }
});

test('a windows-1251 CSV is decoded, with the note for the user', async () => {
  const file = await tempFile(
    'ru.csv',
    encodeWindows1251('title,text\nПограничный пост открыт,Жители села ждали две недели.\n'),
  );
  try {
    const store = new FakeStore();
    const summary = await importFile(store, file.path, { source: 'Steppe Wire' });
    assert.equal(summary.encodingNote, 'decoded as windows-1251 (file is not valid UTF-8)');
    assert.equal(summary.imported, 1);
    assert.equal(store.articles[0]!.title, 'Пограничный пост открыт');
  } finally {
    await file.remove();
  }
});

test('missing and empty files are reported as such', async () => {
  await assert.rejects(importFile(new FakeStore(), `${fixtures}/nope.jsonl`), (error) =>
    isAppError(error, 'IMPORT_FILE_NOT_FOUND'),
  );
  const file = await tempFile('empty.csv', '');
  try {
    await assert.rejects(importFile(new FakeStore(), file.path), (error) =>
      isAppError(error, 'IMPORT_EMPTY_FILE'),
    );
  } finally {
    await file.remove();
  }
});

test('SQLite archive: re-importing gives duplicates, strict failure leaves it unchanged', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-import-db-'));
  const store = await openSqliteStore({ path: join(dir, 'archive.db') });
  try {
    const first = await importFile(store, `${fixtures}/multi-page.digest.txt`, { source: 'Steppe Wire' });
    assert.equal(first.imported, 3);
    const again = await importFile(store, `${fixtures}/multi-page.digest.txt`, { source: 'Steppe Wire' });
    assert.equal(again.imported, 0);
    assert.equal(again.duplicates, 3);
    const before = (await store.stats()).articleCount;
    const strict = await importFile(store, `${fixtures}/articles.jsonl`, { strict: true });
    assert.equal(strict.aborted, true);
    assert.equal((await store.stats()).articleCount, before);
    const loose = await importFile(store, `${fixtures}/articles.jsonl`, {});
    assert.equal(loose.imported, 3);
    assert.equal((await store.stats()).articleCount, before + 3);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the worker thread reads every format exactly as the calling thread does', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-import-worker-'));
  const inThread = await openSqliteStore({ path: join(dir, 'in-thread.db') });
  const inWorker = await openSqliteStore({ path: join(dir, 'in-worker.db') });
  try {
    for (const [file, source] of [
      ['articles.jsonl', undefined],
      ['articles.csv', 'Steppe Wire'],
      ['multi-page.digest.txt', 'Steppe Wire'],
    ] as const) {
      const options = { batchSize: 2, ...(source ? { source } : {}) };
      const expected = await importFile(inThread, `${fixtures}/${file}`, { ...options, worker: false });
      const progress: number[] = [];
      const actual = await importFile(inWorker, `${fixtures}/${file}`, {
        ...options,
        worker: true,
        onProgress: (read, total) => progress.push(read / total),
      });
      assert.deepEqual(actual, expected, file);
      assert.equal(progress.at(-1), 1, `${file}: progress reaches the end`);
    }
    const exported = async (store: typeof inThread) => {
      const titles = [];
      for await (const article of store.exportArticles({ source: '', root: null }, 'oldest'))
        titles.push(article.title + article.text);
      return titles;
    };
    assert.deepEqual(await exported(inWorker), await exported(inThread));

    const strict = await importFile(inWorker, `${fixtures}/articles.jsonl`, { strict: true, worker: true });
    assert.equal(strict.aborted, true);
    const empty = await tempFile('empty.jsonl', '');
    try {
      await assert.rejects(importFile(inWorker, empty.path, { worker: true }), (error) =>
        isAppError(error, 'IMPORT_EMPTY_FILE'),
      );
    } finally {
      await empty.remove();
    }
  } finally {
    await inThread.close();
    await inWorker.close();
    await rm(dir, { recursive: true, force: true });
  }
});
