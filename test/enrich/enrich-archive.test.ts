/**
 * Enrichment over a real SQLite archive: the shipped gazetteer loaded once (and again only when its
 * files change, keeping a user's edits), every article enriched under the current version, hostile
 * texts handled within bounds, and the query fields answering from what was found.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import { enrichArchive, ensureShippedGazetteer } from '../../src/enrich/enrich-archive.ts';
import { shippedGazetteerDirectory } from '../../src/enrich/gazetteer/load-gazetteer-directory.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';

describe('enriching an archive', () => {
  let dir: string;
  let store: SqliteStore;
  let gazetteerDir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wirewatch-enrich-'));
    gazetteerDir = join(dir, 'gazetteer');
    await cp(shippedGazetteerDirectory, gazetteerDir, { recursive: true });
    store = await openSqliteStore({ path: join(dir, 'archive.db') });
    await store.addArticles(loadSampleArticles());
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const total = async (q: string) =>
    (await store.search({ query: parseQuery(q), sort: 'newest', page: 1, perPage: 50 })).total;

  it('loads the shipped gazetteer once, then enriches every article under its version', async () => {
    const first = await ensureShippedGazetteer(store, gazetteerDir);
    assert.equal(first.loaded, true);
    assert.ok((first.entities ?? 0) > 400, `the shipped gazetteer has ${first.entities} entities`);
    assert.equal(
      (await ensureShippedGazetteer(store, gazetteerDir)).loaded,
      false,
      'unchanged files are not reloaded',
    );
    const articles = loadSampleArticles().length;
    const run = await enrichArchive(store);
    assert.equal(run.enriched, articles);
    assert.equal(run.version, first.version);
    assert.equal(await store.enrichment.countToEnrich(run.version), 0);
    assert.equal((await enrichArchive(store)).enriched, 0, 'nothing is behind');
    assert.equal(
      (await enrichArchive(store, { all: true })).enriched,
      articles,
      '--all redoes every article',
    );
  });

  it('answers the entity fields across spellings and scripts', async () => {
    assert.ok((await total('org:"Hizb ut-Tahrir"')) >= 1);
    assert.equal(await total('org:"Хизб ут-Тахрир"'), await total('org:"Hizb ut-Tahrir"'));
    assert.equal(await total('person:Токаев'), await total('person:Tokayev'));
    assert.ok((await total('person:Tokayev')) >= 2);
    assert.ok((await total('country:Kyrgyzstan')) >= (await total('place:Osh')));
    assert.ok((await total('place:Osh')) >= 1);
    assert.ok((await total('topic:extremism')) >= 2, 'topic rules tag the samples');
    assert.ok((await total('event:arrest')) >= 1, 'event facts are read from the samples');
    const arrests = await store.enrichment.listEvents({ type: 'arrest', limit: 10 });
    assert.ok(arrests.some((event) => event.count !== undefined && event.count > 0));
    const hit = (
      await store.search({ query: parseQuery('org:"Hizb ut-Tahrir"'), sort: 'newest', page: 1, perPage: 1 })
    ).hits[0]!;
    const found = await store.enrichment.articleEnrichment(hit.article.id);
    const mention = found!.mentions.find((m) => m.slug === 'hizb-ut-tahrir')!;
    assert.equal(mention.type, 'organisation');
    assert.match(mention.surface, /Hizb ut-Tahrir/i);
  });

  it('re-enriches after a gazetteer edit, and a changed shipped file keeps the user’s edits', async () => {
    const before = await store.enrichment.gazetteerVersion();
    await store.enrichment.addEntity(
      { slug: 'steppe-watch-group', type: 'organisation', name: 'Steppe Watch Group', aliases: [] },
      'user',
    );
    assert.ok((await store.enrichment.gazetteerVersion()) > before);
    assert.equal(
      await store.enrichment.countToEnrich(await store.enrichment.gazetteerVersion()),
      loadSampleArticles().length,
    );
    const countries = join(gazetteerDir, 'countries.yaml');
    await writeFile(countries, `${await readFile(countries, 'utf8')}\n# edited\n`);
    assert.equal((await ensureShippedGazetteer(store, gazetteerDir)).loaded, true);
    assert.ok(await store.enrichment.getEntity('steppe-watch-group'), 'the user entity survives the reload');
    await enrichArchive(store);
    assert.equal(await store.enrichment.countToEnrich(await store.enrichment.gazetteerVersion()), 0);
  });

  it('replaces the import’s script guess with the detected language, and keeps a declared one', async () => {
    const kazakh =
      'Қазақстан Республикасының Ұлттық қауіпсіздік комитеті экстремистік ұйымның мүшелерін ұстады. ' +
      'Тергеу жүргізіліп жатыр. Облыс әкімдігі халықты сабырлы болуға шақырды.';
    const outcomes = await store.addArticles([
      {
        source: 'Steppe Wire',
        title: 'Комитет мүшелерді ұстады',
        text: kazakh,
        url: 'https://lang.example/kk',
      },
      {
        source: 'Steppe Wire',
        title: 'Declared',
        text: kazakh,
        url: 'https://lang.example/declared',
        language: 'kk',
      },
      {
        source: 'Steppe Wire',
        title: 'Русский текст',
        text: 'Комитет национальной безопасности задержал троих.',
        url: 'https://lang.example/ru',
      },
    ]);
    const [guessed, declared, russian] = outcomes.map((o) => (o as { id: number }).id);
    assert.equal((await store.getArticle(guessed!))?.language, 'ru', 'the import only tells the script');
    await enrichArchive(store);
    assert.equal((await store.getArticle(guessed!))?.language, 'kk');
    assert.equal((await store.getArticle(declared!))?.language, 'kk');
    assert.equal((await store.getArticle(russian!))?.language, 'ru');
  });

  it('refuses a broken shipped gazetteer with its file and line, keeping the archive’s', async () => {
    const version = await store.enrichment.gazetteerVersion();
    const groups = join(gazetteerDir, 'groups.yaml');
    await writeFile(groups, `${await readFile(groups, 'utf8')}\n  - id: [unclosed\n`);
    await assert.rejects(ensureShippedGazetteer(store, gazetteerDir), (error) => {
      assert.ok(isAppError(error, 'GAZETTEER_INVALID'), String(error));
      assert.match(error.message, /groups\.yaml line \d+/);
      return true;
    });
    assert.equal(await store.enrichment.gazetteerVersion(), version);
    assert.ok((await total('org:"Hizb ut-Tahrir"')) >= 1);
  });

  it('enriches hostile texts without failing or taking long: no words, 2 MB, numbers, mixed scripts, markup', async () => {
    const hostile = [
      { title: 'No words', text: '— … —' },
      {
        title: 'Huge',
        // The archive refuses texts over 2 M characters (ARTICLE_TOO_LARGE); this is just under.
        text: `Hizb ut-Tahrir in Osh. ${'lorem ipsum dolor sit amet Токаев '.repeat(57_000)}`,
      },
      { title: 'Numbers', text: '12 345 678 90 1 2 3 4 5 6 7 8 9 10 '.repeat(2_000) },
      { title: 'Mixed', text: 'Tokayev и Токаев met in Астана; ИГИЛ and ISIS; Oʻzbekiston O‘zbekiston' },
      { title: 'Markup', text: '&nbsp;<p onclick="x">Hizb ut-Tahrir</p> &lt;script&gt; <b>Osh</b>' },
    ];
    const outcomes = await store.addArticles(
      hostile.map((article, i) => ({
        ...article,
        source: 'Hostile Wire',
        url: `https://hostile.example/${i}`,
      })),
    );
    const started = performance.now();
    const run = await enrichArchive(store);
    const seconds = (performance.now() - started) / 1000;
    assert.deepEqual(
      outcomes.map((o) => o.status),
      hostile.map(() => 'inserted'),
    );
    assert.ok(run.enriched >= hostile.length);
    assert.ok(seconds < 20, `hostile texts took ${seconds.toFixed(1)} s`);
    const ids = outcomes.map((o) => (o as { id?: number }).id).filter((id): id is number => id !== undefined);
    for (const id of ids) assert.notEqual((await store.enrichment.articleEnrichment(id))?.version, null);
    const huge = await store.enrichment.articleEnrichment(ids[1]!);
    assert.ok(huge!.mentions.some((m) => m.slug === 'hizb-ut-tahrir'));
    const mixed = await store.enrichment.articleEnrichment(ids[3]!);
    const tokayev = mixed!.mentions.find((m) => m.slug === 'kassym-jomart-tokayev');
    assert.equal(tokayev?.mentions, 2, 'both spellings are one person');
  });
});
