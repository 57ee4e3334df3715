/**
 * The same query on both stores: the same articles, the same exact totals, and rankings that mostly
 * agree — on 2,000 generated articles (bench/corpus) plus the bundled sample. Where the engines differ
 * by design (docs/DESIGN.md, "SQLite and PostgreSQL"), the difference is pinned here, so that it
 * cannot change unnoticed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateArticles } from '../../bench/corpus/generate-corpus.ts';
import type { NewArticle } from '../../src/core/article.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { MARK_END, MARK_START, type SortOrder, type Store } from '../../src/store/store.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { testDatabases } from '../support/test-postgres.ts';

const databases = await testDatabases();
const directory = mkdtempSync(join(tmpdir(), 'wirewatch-parity-'));
after(() => rmSync(directory, { recursive: true, force: true }));

/** Every matching article's URL, all pages, in result order. */
async function allHits(store: Store, q: string, sort: SortOrder): Promise<string[]> {
  const urls: string[] = [];
  for (let page = 1; ; page++) {
    const result = await store.search({ query: parseQuery(q), sort, page, perPage: 100 });
    urls.push(...result.hits.map((hit) => hit.article.canonicalUrl!));
    if (result.hits.length < 100) return urls;
  }
}

const queries = [
  'security',
  'president minister',
  '"Central Asia"',
  '"national security"',
  '"Hizb ut-Tahrir"',
  '"Islamic State" Tajikistan',
  'Tokayev OR Mirziyoyev',
  '(Almaty OR Astana) security',
  'SCO | CSTO',
  'security -Russia',
  'extremism NOT Tajikistan',
  '"Islamic State" -Afghanistan -Syria',
  '-security',
  'security source:"Steppe Times"',
  'экстремизма lang:ru',
  'безопасности',
  'Tokayev after:2024-01-01',
  'extrem*',
  'Japar*',
  'title:security',
  'text:border title:Tokayev',
  'detained',
  'задержаны',
  'Tokayev radical',
  'café',
];

describe('SQLite and PostgreSQL answer alike', { skip: databases.skip }, () => {
  let sqlite: Store;
  let postgres: Store;
  before(async () => {
    sqlite = await openSqliteStore({ path: join(directory, 'parity.db') });
    postgres = await openPostgresStore({ url: await databases.create() });
    const articles: NewArticle[] = [...loadSampleArticles(), ...generateArticles(2000, 7)];
    for (let start = 0; start < articles.length; start += 500) {
      await sqlite.addArticles(articles.slice(start, start + 500));
      await postgres.addArticles(articles.slice(start, start + 500));
    }
  });
  after(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('finds exactly the same articles, in the same date order, for every kind of query', async () => {
    for (const q of queries) {
      const [a, b] = [await allHits(sqlite, q, 'newest'), await allHits(postgres, q, 'newest')];
      assert.ok(a.length > 0, `"${q}" matches something`);
      assert.deepEqual(b, a, q);
    }
  });

  it('counts the same facets and timelines for every kind of query', async () => {
    for (const q of ['', ...queries]) {
      const query = parseQuery(q);
      assert.deepEqual(await postgres.facets(query, 50), await sqlite.facets(query, 50), q);
      for (const interval of ['week', 'month'] as const) {
        assert.deepEqual(await postgres.timeline(query, interval), await sqlite.timeline(query, interval), q);
      }
    }
  });

  it('ranks mostly alike: on average at least 6 of the top 10 are shared, and both put a title match first', async () => {
    let shared = 0;
    for (const q of queries.filter((query) => !query.startsWith('-'))) {
      const top = async (store: Store) =>
        (await store.search({ query: parseQuery(q), sort: 'relevance', page: 1, perPage: 10 })).hits.map(
          (hit) => hit.article.canonicalUrl,
        );
      const [a, b] = [await top(sqlite), new Set(await top(postgres))];
      shared += a.filter((url) => b.has(url)).length / queries.length;
    }
    assert.ok(shared >= 6, `${shared.toFixed(2)} of 10 shared on average`);
    for (const store of [sqlite, postgres]) {
      const page = await store.search({
        query: parseQuery('Japarov'),
        sort: 'relevance',
        page: 1,
        perPage: 3,
        withScores: true,
      });
      assert.match(page.hits[0]!.article.title, /Japarov/, store.kind);
    }
  });

  describe('documented differences', () => {
    it('Porter (SQLite) stems "generously" to the stem of "general"; Snowball (PostgreSQL) does not', async () => {
      const article = {
        source: 'Stemming',
        title: 'A note',
        text: 'The donors gave generously to the fund.',
      };
      await sqlite.addArticles([article]);
      await postgres.addArticles([article]);
      assert.equal(
        (
          await sqlite.search({
            query: parseQuery('general source:Stemming'),
            sort: 'newest',
            page: 1,
            perPage: 5,
          })
        ).total,
        1,
      );
      assert.equal(
        (
          await postgres.search({
            query: parseQuery('general source:Stemming'),
            sort: 'newest',
            page: 1,
            perPage: 5,
          })
        ).total,
        0,
      );
    });

    it('PostgreSQL indexes the first 100,000 characters of a body; SQLite all of it', async () => {
      const filler = 'word '.repeat(30_000);
      const article = {
        source: 'Long Read',
        title: 'A long transcript',
        text: `${filler} zanzibarite ${filler}`,
      };
      await sqlite.addArticles([article]);
      await postgres.addArticles([article]);
      const q = { query: parseQuery('zanzibarite'), sort: 'newest' as const, page: 1, perPage: 5 };
      assert.equal((await sqlite.search(q)).total, 1);
      assert.equal((await postgres.search(q)).total, 0);
      const early = { ...article, title: 'A shorter transcript', text: `zanzibarite ${filler}` };
      await postgres.addArticles([early]);
      assert.equal((await postgres.search(q)).total, 1);
    });

    it('ts_headline (PostgreSQL) marks a phrase’s words wherever they occur; FTS5 only the phrase', async () => {
      const marked = async (store: Store) => {
        const page = await store.search({
          query: parseQuery('"Hizb ut-Tahrir" OR HTS'),
          sort: 'relevance',
          page: 1,
          perPage: 100,
        });
        const hit = page.hits.find((h) => h.article.title.includes('Weigh Return'))!;
        return hit.marked.text;
      };
      const tahrir = `${MARK_START}Tahrir${MARK_END}`;
      assert.ok(!(await marked(sqlite)).includes(tahrir));
      assert.ok((await marked(postgres)).includes(tahrir));
      assert.ok((await marked(postgres)).includes(`${MARK_START}HTS${MARK_END}`));
    });

    it('breaks ties in rank by id on PostgreSQL', async () => {
      const twins = [1, 2, 3].map((n) => ({
        source: 'Twins',
        url: `https://twins.example/${n}`,
        title: 'Quokkas sighted',
        text: `Quokkas sighted near the border, report ${n}.`,
      }));
      await postgres.addArticles(twins);
      const page = await postgres.search({
        query: parseQuery('quokkas'),
        sort: 'relevance',
        page: 1,
        perPage: 5,
        withScores: true,
      });
      const ids = page.hits.map((hit) => hit.article.id);
      assert.equal(new Set(page.hits.map((hit) => hit.score)).size, 1, 'equal scores');
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
    });
  });
});
