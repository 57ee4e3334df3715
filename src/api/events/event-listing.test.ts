/** Listing event facts by type and query on a real SQLite archive: the narrowing, the bound, the paging, the refusals. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { parseQuery } from '../../search/query-parser.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { listEventFacts, withEventFilter } from './event-listing.ts';

let store: Store;
let directory: string;
/** Article ids, oldest first: five about Osh with an arrest each, one about Osh with none, one elsewhere. */
let ids: number[];

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'wirewatch-events-'));
  store = await openSqliteStore({ path: join(directory, 'archive.db') });
  const outcomes = await store.addArticles(
    Array.from({ length: 7 }, (_, index) => ({
      url: `https://events.example/${index}`,
      source: 'Events Example',
      title: index === 6 ? 'Harvest in Batken' : `Osh report ${index}`,
      publishedAt: `2025-0${index + 1}-10T08:00:00Z`,
      language: 'en',
      text: index === 6 ? 'Farmers in Batken detained nobody.' : `Police in Osh detained ${index + 2} men.`,
    })),
  );
  ids = outcomes.map((outcome) => (outcome as { id: number }).id);
  await store.enrichment.saveEnrichments(
    ids.map((articleId, index) => ({
      articleId,
      mentions: [],
      topics: [],
      spellings: [],
      events:
        index === 5
          ? []
          : [{ type: index === 6 ? 'attack' : 'arrest', count: index + 2, sentence: `Sentence ${index}.` }],
    })),
    1,
  );
});
after(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('listEventFacts', () => {
  it('keeps only the events of the articles a query matches, newest first', async () => {
    const list = await listEventFacts(store, { q: 'Osh', limit: 10, offset: 0 });
    assert.deepEqual(
      list.events.map((event) => event.articleId),
      ids.slice(0, 5).reverse(),
    );
    assert.equal(list.truncated, false);
    assert.equal(list.hasMore, false);
    const attacks = await listEventFacts(store, { q: '', type: 'attack', limit: 10, offset: 0 });
    assert.deepEqual(
      attacks.events.map((event) => event.articleId),
      [ids[6]],
    );
  });

  it('reads only the newest matches past the bound, and says so', async () => {
    const list = await listEventFacts(store, { q: 'Osh', limit: 10, offset: 0 }, 3);
    assert.equal(list.truncated, true);
    // The article without events is not counted against the bound: the query is narrowed to event holders.
    assert.deepEqual(
      list.events.map((event) => event.articleId),
      ids.slice(2, 5).reverse(),
    );
    const exact = await listEventFacts(store, { q: 'Osh', limit: 10, offset: 0 }, 5);
    assert.equal(exact.truncated, false);
  });

  it('pages with limit and offset', async () => {
    const first = await listEventFacts(store, { q: '', limit: 4, offset: 0 });
    const second = await listEventFacts(store, { q: '', limit: 4, offset: 4 });
    assert.equal(first.hasMore, true);
    assert.equal(second.hasMore, false);
    assert.deepEqual(
      [...first.events, ...second.events].map((event) => event.articleId),
      [ids[6], ...ids.slice(0, 5).reverse()],
    );
  });

  it('refuses an unknown type, a malformed query and an offset too deep with 400 errors', async () => {
    for (const request of [
      { q: '', type: 'picnic', limit: 5, offset: 0 },
      { q: '"Osh', limit: 5, offset: 0 },
      { q: '', limit: 5, offset: 100_001 },
    ]) {
      await assert.rejects(
        listEventFacts(store, request),
        (error) => isAppError(error) && error.status === 400,
        JSON.stringify(request),
      );
    }
  });
});

describe('withEventFilter', () => {
  it('adds the event clause, an OR query in parentheses, and keeps a query it cannot extend', () => {
    assert.equal(withEventFilter(parseQuery('Osh'), 'arrest').source, 'Osh event:arrest');
    assert.equal(
      withEventFilter(parseQuery('Osh OR Batken'), 'arrest').source,
      '(Osh OR Batken) event:arrest',
    );
    assert.match(
      withEventFilter(parseQuery('Osh'), undefined).source,
      /^Osh \(event:arrest OR event:attack OR/,
    );
    const long = parseQuery('x'.repeat(995));
    assert.equal(withEventFilter(long, 'arrest'), long, 'past the length limit the query stays as it is');
  });
});
