/**
 * Query expansion on a real, enriched SQLite archive (and PostgreSQL when a test server is set up):
 * Russian word forms through the stem, names across scripts through the spellings enrichment filed,
 * and what was added reported for the desk.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { enrichArchive, ensureShippedGazetteer } from '../../src/enrich/enrich-archive.ts';
import { expandQuery } from '../../src/search/expand-query.ts';
import { withQueryExpansion } from '../../src/search/expanding-store.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { searchArticles } from '../../src/search/search-articles.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testDatabases } from '../support/test-postgres.ts';

const databases = await testDatabases();
const engines: { name: string; skip: string | false; open: (dir: string) => Promise<Store> }[] = [
  { name: 'sqlite', skip: false, open: (dir) => openSqliteStore({ path: join(dir, 'archive.db') }) },
  {
    name: 'postgres',
    skip: databases.skip,
    open: async () => openPostgresStore({ url: await databases.create() }),
  },
];

const articles = [
  {
    title: 'В Оше задержаны члены ячейки',
    text: 'Сотрудники ГКНБ задержали троих. Все задержанные доставлены в отдел. Президент Жапаров сделал заявление.',
    url: 'https://expand.example/ru-1',
  },
  {
    title: 'Встреча в Астане',
    text: 'Президент Токаев провёл встречу с делегацией. Токаева поддержали депутаты.',
    url: 'https://expand.example/ru-2',
  },
  {
    title: 'Tokayev meets envoys',
    text: 'President Tokayev met envoys in Astana on Monday. Police detained two men near the border.',
    url: 'https://expand.example/en-1',
  },
  {
    title: 'Japarov on border security',
    text: 'President Sadyr Japarov spoke about border security in Batken.',
    url: 'https://expand.example/en-2',
  },
  {
    title: 'Погода на выходные',
    text: 'Синоптики обещают дожди и задержку рейсов в аэропорту.',
    url: 'https://expand.example/ru-3',
  },
];

for (const engine of engines)
  describe(`query expansion (${engine.name})`, { skip: engine.skip }, () => {
    let dir: string;
    let raw: Store;
    let store: Store;
    const ids = new Map<string, number>();
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'wirewatch-expand-'));
      raw = await engine.open(dir);
      const outcomes = await raw.addArticles(articles.map((a) => ({ ...a, source: 'Expand Wire' })));
      for (const [i, outcome] of outcomes.entries()) {
        ids.set(articles[i]!.url.split('/').pop()!, (outcome as { id: number }).id);
      }
      await ensureShippedGazetteer(raw);
      await enrichArchive(raw);
      store = withQueryExpansion(raw);
    });
    after(async () => {
      await raw.close();
      await rm(dir, { recursive: true, force: true });
    });

    const found = async (target: Store, q: string) =>
      (await target.search({ query: parseQuery(q), sort: 'oldest', page: 1, perPage: 20 })).hits
        .map((hit) => [...ids].find(([, id]) => id === hit.article.id)![0])
        .sort();

    it('finds Russian word forms through the stem, and only those', async () => {
      assert.deepEqual(await found(raw, 'задержан'), [], 'the index alone has no Russian stemming');
      assert.deepEqual(await found(store, 'задержан'), ['ru-1']);
      assert.deepEqual(await found(store, 'задержаны'), ['ru-1']);
      assert.deepEqual(await found(store, 'задержанные'), ['ru-1']);
      assert.ok(!(await found(store, 'задержаны')).includes('ru-3'), 'задержка (delay) is another word');
    });

    it('finds a name in the other script through the spellings the archive holds', async () => {
      assert.deepEqual(await found(store, 'Токаев'), ['en-1', 'ru-2']);
      assert.deepEqual(await found(store, 'Tokayev'), ['en-1', 'ru-2']);
      assert.deepEqual(await found(store, 'Tokaev'), ['en-1', 'ru-2'], 'a spelling nobody used finds both');
      assert.deepEqual(await found(store, 'Жапаров'), ['en-2', 'ru-1']);
      assert.deepEqual(await found(store, 'Zhaparov'), ['en-2', 'ru-1']);
      assert.deepEqual(await found(raw, 'Токаев'), ['ru-2'], 'without expansion only the typed spelling');
    });

    it('keeps phrases, prefixes and filters as typed, and counts facets and timelines of the expanded query', async () => {
      assert.deepEqual(await found(store, '"Президент Токаев"'), ['ru-2']);
      assert.deepEqual(await found(store, 'задерж*'), ['ru-1', 'ru-3']);
      assert.deepEqual(await found(store, 'Tokayev -Monday'), ['ru-2']);
      assert.deepEqual(
        await found(store, 'Tokayev -Астане'),
        [],
        'an excluded name is excluded in every spelling',
      );
      const facets = await store.facets(parseQuery('Tokayev'), 5);
      assert.equal(facets.sources[0]?.count, 2);
      const timeline = await store.timeline(parseQuery('Tokayev'), 'year');
      assert.equal(
        timeline.reduce((sum, bucket) => sum + bucket.count, 0),
        0,
        'the articles are undated',
      );
      const exported: number[] = [];
      for await (const article of store.exportArticles(parseQuery('Токаев'), 'oldest'))
        exported.push(article.id);
      assert.deepEqual(exported.sort(), [ids.get('ru-2'), ids.get('en-1')].sort());
    });

    it('tells for each hit which form of an expanded word it holds', async () => {
      const results = await searchArticles(store, { q: 'Токаев', sort: 'oldest' });
      assert.ok(results.expansions.some((e) => e.term === 'Токаев' && e.spellings.includes('tokayev')));
      const via = new Map(results.hits.map((hit) => [hit.id, hit.matchedVia]));
      assert.deepEqual(via.get(ids.get('en-1')!), [{ term: 'Токаев', matched: 'tokayev', via: 'spelling' }]);
      assert.deepEqual(via.get(ids.get('ru-2')!)?.[0]?.via, 'typed');
      const forms = await searchArticles(store, { q: 'задержан' });
      assert.deepEqual(
        forms.hits[0]?.matchedVia.map((reason) => reason.via),
        ['stem'],
        'the hit has задержаны / задержали, not задержан',
      );
      const plain = await searchArticles(raw, { q: 'Токаев' });
      assert.deepEqual(plain.expansions, [], 'a store that does not expand says nothing was added');
    });

    it('ranks a hit in the query’s own script above one found through another spelling', async () => {
      for (const [q, own, other] of [
        ['Токаев', 'ru-2', 'en-1'],
        ['Tokayev', 'en-1', 'ru-2'],
        ['Жапаров', 'ru-1', 'en-2'],
        ['Japarov', 'en-2', 'ru-1'],
      ] as const) {
        const order = (
          await store.search({ query: parseQuery(q), sort: 'relevance', page: 1, perPage: 10 })
        ).hits.map((hit) => hit.article.id);
        assert.deepEqual(order, [ids.get(own), ids.get(other)], q);
      }
    });

    it('says what it added for each word', async () => {
      const { expansions } = await expandQuery(
        parseQuery('задержаны Tokayev "Japarov said" border'),
        raw.enrichment,
      );
      const byTerm = new Map(expansions.map((e) => [e.term, e]));
      assert.equal(byTerm.get('задержаны')?.stem, 'задержа');
      assert.ok(byTerm.get('Tokayev')?.spellings.includes('токаев'));
      assert.equal(byTerm.get('Tokayev')?.stem, undefined, 'Latin names are not stemmed');
      assert.equal(byTerm.has('border'), false, 'English words are the index’s to stem');
      assert.equal(byTerm.has('Japarov'), false, 'phrases are exact');
    });
  });
