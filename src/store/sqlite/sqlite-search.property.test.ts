/**
 * Whatever a user types, search answers with results or an AppError naming the problem — never an
 * SQLite or FTS5 syntax error, since every word reaches FTS5 as a quoted string (property).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { loadSampleArticles } from '../../../test/support/sample-articles.ts';
import { isAppError } from '../../core/errors.ts';
import { searchArticles } from '../../search/search-articles.ts';
import type { Store } from '../store.ts';
import { openSqliteStore } from './sqlite-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-search-property-'));
let store: Store;
before(async () => {
  store = await openSqliteStore({ path: join(directory, 'archive.db') });
  await store.addArticles(loadSampleArticles());
});
after(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

/** Pieces of queries, including FTS5's own syntax, which must stay literal. */
const piece = fc.oneof(
  fc.constantFrom(
    'Tokayev',
    'extrem*',
    '"Hizb ut-Tahrir"',
    'OR',
    'AND',
    'NOT',
    '-',
    '(',
    ')',
    '"',
    '|',
    '*',
    ':',
  ),
  fc.constantFrom(
    'NEAR(a b, 2)',
    '^Syria',
    'title:',
    'text:Syria',
    'source:"Steppe Herald"',
    'lang:ru',
    'date:2025',
  ),
  fc.constantFrom('{title}: x', 'a + b', "'", '""', 'Токаев', 'café', '\u0002', '\u0000', 'after:2024-01-01'),
  fc.string({ maxLength: 8 }),
);

test('any query gives a page or an AppError, never an engine error', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(piece, { maxLength: 12 }),
      fc.constantFrom('relevance', 'newest', 'oldest'),
      async (parts, sort) => {
        const q = parts.join(' ');
        try {
          const page = await searchArticles(store, { q, sort: sort as 'relevance', perPage: 5 });
          assert.ok(page.total >= page.hits.length);
        } catch (error) {
          assert.ok(isAppError(error), `query ${JSON.stringify(q)} threw ${String(error)}`);
          assert.match(error.code, /^(QUERY|SEARCH)_/);
        }
      },
    ),
    { numRuns: 400 },
  );
});
