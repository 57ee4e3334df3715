/** The SQLite store with its reads in worker threads (readWorkers): same answers, errors, crashes, close. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { loadSampleArticles } from '../../../test/support/sample-articles.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { parseQuery } from '../../search/query-parser.ts';
import { openSqliteStore, type SqliteStore } from './sqlite-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-read-pool-'));
let counter = 0;
after(() => rmSync(directory, { recursive: true, force: true }));

const freshPath = () => join(directory, `archive-${++counter}.db`);

describe('SQLite store with read workers', () => {
  let pooled: SqliteStore;
  let local: SqliteStore;
  before(async () => {
    const path = freshPath();
    pooled = await openSqliteStore({ path, readWorkers: 2 });
    await pooled.addArticles(loadSampleArticles());
    local = await openSqliteStore({ path, mustExist: true });
  });
  after(async () => {
    await local.close();
    await pooled.close();
  });

  it('answers every read call exactly as the calling thread does', async () => {
    assert.equal(pooled.readWorkerPool?.readyWorkers, 2);
    const query = parseQuery('Tokayev OR "Central Asia" -Russia');
    for (const sort of ['relevance', 'newest', 'oldest'] as const) {
      const request = { query, sort, page: 2, perPage: 3, withScores: true };
      assert.deepEqual(await pooled.search(request), await local.search(request));
    }
    const everything = parseQuery('');
    const page = await pooled.search({ query: everything, sort: 'newest', page: 1, perPage: 2 });
    assert.ok(page.next);
    const afterRequest = {
      query: everything,
      sort: 'newest' as const,
      page: 2,
      perPage: 2,
      after: page.next,
    };
    assert.deepEqual(await pooled.search(afterRequest), await local.search(afterRequest));
    assert.deepEqual(await pooled.facets(query, 5), await local.facets(query, 5));
    assert.deepEqual(await pooled.timeline(query, 'month'), await local.timeline(query, 'month'));
    assert.deepEqual(await pooled.topTexts(query, 4, 50), await local.topTexts(query, 4, 50));
    assert.deepEqual(await pooled.getArticle(3), await local.getArticle(3));
    assert.deepEqual(await pooled.readWorkerPool?.call('getArticle', 3), await local.getArticle(3));
    assert.equal(await pooled.getArticle(999_999), null);
    assert.deepEqual(await pooled.listSources(), await local.listSources());
    assert.deepEqual(await pooled.stats(), await local.stats());
  });

  it('gives a worker AppError back as an AppError with the same code, message, status and location', async () => {
    // The parser refuses a filter inside a group of words, so the tree is built by hand: the store's
    // own refusal (the query plan's) carries the span.
    const query: ParsedQuery = {
      source: 'water OR (x org:acme)',
      root: {
        kind: 'or',
        children: [
          { kind: 'term', value: 'water', prefix: false, span: { column: 1, length: 5 } },
          {
            kind: 'and',
            children: [
              { kind: 'term', value: 'x', prefix: false, span: { column: 11, length: 1 } },
              { kind: 'filter', field: 'org', value: 'acme', prefix: false, span: { column: 13, length: 8 } },
            ],
          },
        ],
      },
    };
    const request = { query, sort: 'relevance' as const, page: 1, perPage: 5 };
    const expected = await local.search(request).then(
      () => assert.fail('the local search should fail'),
      (error: unknown) => error as AppError,
    );
    assert.ok(isAppError(expected, 'QUERY_MIXED_OR'));
    assert.ok(expected.location?.column);
    await assert.rejects(pooled.search(request), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, expected.code);
      assert.equal(error.message, expected.message);
      assert.equal(error.status, expected.status);
      assert.deepEqual(error.location, expected.location);
      return true;
    });
    const cursor = { query: parseQuery('water'), sort: 'relevance' as const, page: 2, perPage: 5 };
    await assert.rejects(
      pooled.search({ ...cursor, after: { publishedAt: null, id: 1 } }),
      (error: unknown) => isAppError(error, 'SEARCH_BAD_CURSOR'),
    );
  });

  it('sees every write through the store at once, and a transaction its own writes before commit', async () => {
    for (let n = 0; n < 40; n++) {
      const word = `zq${n}x${counter}readback`;
      const [outcome] = await pooled.addArticles([
        { source: 'Read back', title: `Write ${n}`, text: `A body with ${word} in it.` },
      ]);
      assert.equal(outcome?.status, 'inserted');
      const id = (outcome as { id: number }).id;
      const [page, article] = await Promise.all([
        pooled.search({ query: parseQuery(word), sort: 'relevance', page: 1, perPage: 5 }),
        pooled.getArticle(id),
      ]);
      assert.equal(page.total, 1, word);
      assert.equal(page.hits[0]?.article.id, id);
      assert.equal(article?.title, `Write ${n}`);
    }
    const word = 'zqinsidetransaction';
    const seen = await pooled.transaction(async (writer) => {
      await writer.addArticles([{ source: 'Read back', title: 'Inside', text: `Body ${word}.` }]);
      return (await pooled.search({ query: parseQuery(word), sort: 'newest', page: 1, perPage: 5 })).total;
    });
    assert.equal(seen, 1);
  });
});

describe('SQLite read workers that die', () => {
  const query = parseQuery('Central Asia');

  it('fails the calls a dead worker had with STORE_UNAVAILABLE, replaces it and keeps answering', async () => {
    const store = await openSqliteStore({ path: freshPath(), readWorkers: 1 });
    try {
      await store.addArticles(loadSampleArticles());
      const pool = store.readWorkerPool!;
      const expected = await store.facets(query, 10);
      // A working worker dies: its replacement starts at once.
      await pool.terminateWorker(0);
      // Calls sent now wait for the replacement, which is still loading: they are all in flight when
      // it dies too, so none can have been answered.
      const calls = Array.from({ length: 5 }, () => store.facets(query, 10));
      await pool.terminateWorker(0);
      for (const call of calls) {
        await assert.rejects(call, (error: unknown) => {
          assert.ok(isAppError(error, 'STORE_UNAVAILABLE'), String(error));
          assert.equal((error as AppError).status, 503);
          assert.match(
            (error as AppError).message,
            /read worker of .* stopped \(exit code \d+\) before answering/,
          );
          return true;
        });
      }
      // A worker that died before it was ready is started again after a short delay; meanwhile calls are
      // refused at once rather than queued.
      await assert.rejects(store.facets(query, 10), (error: unknown) =>
        isAppError(error, 'STORE_UNAVAILABLE'),
      );
      while (pool.readyWorkers < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(await store.facets(query, 10), expected);
    } finally {
      await store.close();
    }
  });

  it('keeps answering on the other workers while one is replaced', async () => {
    const store = await openSqliteStore({ path: freshPath(), readWorkers: 2 });
    try {
      await store.addArticles(loadSampleArticles());
      const pool = store.readWorkerPool!;
      const expected = await store.facets(query, 10);
      const calls = Array.from({ length: 40 }, () =>
        store.facets(query, 10).then(
          (facets) => ({ ok: true as const, facets }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      );
      await pool.terminateWorker(0);
      // Each call was answered before the worker died, or fails clearly; how many is a race.
      for (const outcome of await Promise.all(calls)) {
        if (outcome.ok) assert.deepEqual(outcome.facets, expected);
        else assert.ok(isAppError(outcome.error, 'STORE_UNAVAILABLE'), String(outcome.error));
      }
      const answers = await Promise.all(Array.from({ length: 10 }, () => store.facets(query, 10)));
      for (const answer of answers) assert.deepEqual(answer, expected);
      while (pool.readyWorkers < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await store.close();
    }
  });
});

/**
 * Records every time a worker is let go of (unref) after terminate() was called on it and before its
 * 'exit': from then on only that exit settles terminateWorker's promise and the worker's calls, and a
 * worker let go of no longer keeps the process running until it arrives, so a process with nothing else
 * to do ends with them pending ("Promise resolution is still pending but the event loop has already
 * resolved" under node:test).
 */
function watchLettingGoOfStoppingWorkers(): { violations: string[]; restore: () => void } {
  const violations: string[] = [];
  const stopping = new WeakSet<Worker>();
  const { terminate, unref } = Worker.prototype;
  Worker.prototype.terminate = function (this: Worker) {
    stopping.add(this);
    this.once('exit', () => stopping.delete(this));
    return terminate.call(this);
  };
  Worker.prototype.unref = function (this: Worker) {
    if (stopping.has(this)) violations.push(`worker thread ${this.threadId} let go of while it stops`);
    unref.call(this);
  };
  return {
    violations,
    restore: () => {
      Worker.prototype.terminate = terminate;
      Worker.prototype.unref = unref;
    },
  };
}

/** Holds this thread without returning to the event loop: workers run on, their replies wait unread. */
function blockThisThread(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

describe('a read worker told to stop', () => {
  const query = parseQuery('Central Asia');

  it('holds the process until its exit when the answers it sent before stopping are read after', async () => {
    const store = await openSqliteStore({ path: freshPath(), readWorkers: 2 });
    const watch = watchLettingGoOfStoppingWorkers();
    try {
      await store.addArticles(loadSampleArticles());
      const pool = store.readWorkerPool!;
      const expected = await store.facets(query, 10);
      const calls = Array.from({ length: 10 }, () =>
        store.facets(query, 10).then(
          (facets) => ({ ok: true as const, facets }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      );
      // Both workers answer everything while this thread reads nothing, then worker 0 is terminated:
      // its answers are read only now, and the last of them used to let go of it (its calls were done)
      // although it was stopping: the process could end before its exit, terminateWorker never settling.
      blockThisThread(400);
      const terminated = pool.terminateWorker(0);
      // A call sent while a worker stops goes to one that will answer it, not to its failure.
      const whileStopping = store.facets(query, 10);
      for (const outcome of await Promise.all(calls)) {
        if (outcome.ok) assert.deepEqual(outcome.facets, expected);
        else assert.ok(isAppError(outcome.error, 'STORE_UNAVAILABLE'), String(outcome.error));
      }
      await terminated;
      assert.deepEqual(await whileStopping, expected);
      assert.deepEqual(watch.violations, []);
    } finally {
      watch.restore();
      await store.close();
    }
  });
});

describe('closing a store with read workers', () => {
  it('answers the calls already sent, refuses new ones while the workers stop, then as before', async () => {
    const path = freshPath();
    const store = await openSqliteStore({ path, readWorkers: 2 });
    await store.addArticles(loadSampleArticles());
    const pool = store.readWorkerPool!;
    const waiting = Array.from({ length: 6 }, () => store.stats());
    const closed = store.close();
    // Called while the workers finish: refused, not run on the closing main connection.
    await assert.rejects(
      store.search({ query: parseQuery('water'), sort: 'newest', page: 1, perPage: 1 }),
      (error: unknown) => isAppError(error, 'STORE_UNAVAILABLE'),
    );
    for (const stats of await Promise.all(waiting)) assert.ok(stats.articleCount > 0);
    await closed;
    assert.equal(pool.readyWorkers, 0);
    assert.equal(store.readWorkerPool, null);
    await assert.rejects(pool.call('stats'), (error: unknown) => isAppError(error, 'STORE_UNAVAILABLE'));
    const plain = await openSqliteStore({ path });
    await plain.close();
    // Both refuse the same way once closed.
    const refusal = async (s: SqliteStore) =>
      s.search({ query: parseQuery('water'), sort: 'newest', page: 1, perPage: 1 }).then(
        () => 'answered',
        (error: unknown) => (error as Error).message,
      );
    assert.equal(await refusal(store), await refusal(plain));
    await store.close();
  });

  it('refuses a number of workers that is not a whole number from 0 to 16', async () => {
    for (const readWorkers of [-1, 1.5, 17]) {
      await assert.rejects(openSqliteStore({ path: freshPath(), readWorkers }), (error: unknown) =>
        isAppError(error, 'CONFIG_INVALID'),
      );
    }
  });
});
