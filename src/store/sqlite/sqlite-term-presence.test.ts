/**
 * Term presence on a real SQLite archive: the same answer on this thread and on worker threads, over
 * ranges longer than one slice, and when a worker is given up (a part past its time limit) the
 * answer is still whole and right, done on this thread, and the call says so once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { generateArticles } from '../../../bench/corpus/generate-corpus.ts';
import type { TermProbe } from '../term-presence.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { SqliteTermPresence } from './sqlite-term-presence.ts';
import { readTokenizeClause, type SliceRow } from './term-presence-slice.ts';

describe('term presence on SQLite', () => {
  let directory: string;
  let db: Database.Database;
  let probes: TermProbe[];
  const open: SqliteTermPresence[] = [];
  const presence = (options: { threads: number; timeoutMs?: number }) => {
    const made = new SqliteTermPresence(
      (after, upTo, limit) =>
        db
          .prepare('SELECT id, title, text FROM articles WHERE id > ? AND id <= ? ORDER BY id LIMIT ?')
          .all(after, upTo, limit) as SliceRow[],
      readTokenizeClause(db),
      options,
    );
    open.push(made);
    return made;
  };

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-presence-'));
    const path = join(directory, 'archive.db');
    const articles = [...generateArticles(2_300, 3)];
    const store = await openSqliteStore({ path });
    await store.addArticles(articles);
    await store.close();
    db = new Database(path, { readonly: true });
    const words = [...new Set(articles.slice(0, 50).flatMap((article) => article.title.split(/\s+/)))];
    probes = [
      ...words.slice(0, 150).map((value): TermProbe => ({ kind: 'term', value, prefix: false })),
      ...words
        .slice(150, 170)
        .map((value): TermProbe => ({ kind: 'term', value: value.slice(0, 4), prefix: true })),
      ...articles.slice(0, 20).map(
        (article): TermProbe => ({
          kind: 'phrase',
          value: article.title.split(/\s+/).slice(0, 2).join(' '),
        }),
      ),
      { kind: 'term', value: words[0]!, prefix: false, column: 'title' },
    ];
  });
  after(async () => {
    await Promise.all(open.map((made) => made.close()));
    db.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers the same on worker threads as on this thread, across slices', async () => {
    const range = { after: 100, upTo: 2_250 };
    const here = await presence({ threads: 0 }).termPresence(range, probes);
    const onWorkers = presence({ threads: 2 });
    assert.equal(await onWorkers.startWorkers(), true);
    const workers = await onWorkers.termPresence(range, probes);
    assert.deepEqual(
      here.ids,
      Array.from({ length: 2_150 }, (_, index) => 101 + index),
    );
    assert.equal(workers.warning, undefined);
    assert.deepEqual(workers, here);
    const found = here.matches.filter((ids) => ids.length > 0).length;
    assert.ok(found > probes.length / 2, `only ${found} of ${probes.length} probes found anything`);
    for (const ids of here.matches)
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
    // The same as FTS5 on the archive itself, for a probe of each kind.
    for (const [index, expression] of [
      [0, `"${probes[0]!.value}"`],
      [150, `"${probes[150]!.value}" *`],
      [170, `"${probes[170]!.value}"`],
      [probes.length - 1, `title : "${probes.at(-1)!.value}"`],
    ] as const) {
      const expected = db
        .prepare(
          'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ? AND rowid <= ? ORDER BY rowid',
        )
        .pluck()
        .all(expression, range.after, range.upTo);
      assert.deepEqual(here.matches[index], expected, expression);
    }
  });

  it('answers the same from a slice indexed ahead (prepare), as the range grows after it', async () => {
    const expected = await presence({ threads: 0 }).termPresence({ after: 100, upTo: 2_250 }, probes);
    const ahead = presence({ threads: 2 });
    ahead.prepare({ after: 100, upTo: 900 });
    assert.equal(ahead.slicesIndexedAhead, 0);
    // The first call only started the workers (nothing is held while they load).
    assert.deepEqual(await ahead.termPresence({ after: 100, upTo: 2_250 }, probes), expected);
    assert.equal(ahead.slicesIndexedAhead, 0);
    assert.equal(await ahead.startWorkers(), true);
    // Indexed ahead up to 900; asked up to 2,250 (more arrived since): the held slice, then the rest.
    ahead.prepare({ after: 100, upTo: 900 });
    assert.deepEqual(await ahead.termPresence({ after: 100, upTo: 2_250 }, probes), expected);
    assert.equal(ahead.slicesIndexedAhead, 1);
    // Held for another range, it is not used, and the answer is still the range's own.
    ahead.prepare({ after: 0, upTo: 900 });
    const other = await presence({ threads: 0 }).termPresence({ after: 300, upTo: 1_200 }, probes);
    assert.deepEqual(await ahead.termPresence({ after: 300, upTo: 1_200 }, probes), other);
    assert.equal(ahead.slicesIndexedAhead, 1);
    // A later prepare replaces an earlier one; the worker holds only the last.
    ahead.prepare({ after: 0, upTo: 700 });
    ahead.prepare({ after: 300, upTo: 1_200 });
    assert.deepEqual(await ahead.termPresence({ after: 300, upTo: 1_200 }, probes), other);
    assert.equal(ahead.slicesIndexedAhead, 2);
  });

  it('answers whole on this thread when a worker fails a slice it indexed ahead', async () => {
    const range = { after: 0, upTo: 600 };
    const expected = await presence({ threads: 0 }).termPresence(range, probes);
    const impatient = presence({ threads: 2, timeoutMs: 1 });
    assert.equal(await impatient.startWorkers(), true);
    impatient.prepare(range);
    const answer = await impatient.termPresence(range, probes);
    assert.match(answer.warning ?? '', /term-presence workers given up \(a slice took over 0\.001 s\)/);
    assert.deepEqual({ ids: answer.ids, matches: answer.matches }, expected);
  });

  it('gives a worker up when a part outlasts its limit, and answers whole on this thread', async () => {
    const range = { after: 0, upTo: 600 };
    const expected = await presence({ threads: 0 }).termPresence(range, probes);
    const impatient = presence({ threads: 2, timeoutMs: 1 });
    assert.equal(await impatient.startWorkers(), true);
    const first = await impatient.termPresence(range, probes);
    assert.match(
      first.warning ?? '',
      /term-presence workers given up \(a slice took over 0\.001 s\); matching on the main thread/,
    );
    assert.deepEqual({ ids: first.ids, matches: first.matches }, expected);
    const second = await impatient.termPresence(range, probes);
    assert.equal(second.warning, undefined, 'said once');
    assert.deepEqual(second, expected);
  });
});
