/**
 * Matching saved searches on a real SQLite archive, enriched and with its stories grouped as an
 * ingest leaves it: only new articles are looked at, a story carried by several outlets alerts once
 * and again only for a new outlet type, place or number, nothing is hit twice, and a search that
 * cannot run does not stop the others.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { NewArticle } from '../../core/article.ts';
import { enrichArchive, ensureShippedGazetteer } from '../../enrich/enrich-archive.ts';
import { placeUnplacedArticles } from '../../ingest/cluster/place-articles.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { addUser } from '../accounts/manage-accounts.ts';
import { matchSavedSearches } from './match-saved-searches.ts';
import { saveSearch } from './save-search.ts';

const story =
  'Officers of the State Committee for National Security detained 22 active members of a banned ' +
  'extremist organisation in Osh on Tuesday, the committee said. The suspects had distributed ' +
  'leaflets and recruited young people through messaging channels, investigators said. Searches ' +
  'found religious literature, phones and computers. A criminal case was opened and the suspects ' +
  'were placed in pre-trial detention. Officials said the group had been under surveillance for months.';

function copy(source: string, text = story): NewArticle {
  return {
    source,
    title: '22 members of a banned group detained in Osh',
    text,
    url: `https://${source.toLowerCase().replace(/\W+/g, '-')}.example/osh-detentions`,
    publishedAt: '2025-05-05T08:00:00Z',
  };
}

describe('matching saved searches against new articles', () => {
  let directory: string;
  let store: Store;
  const ingest = async (articles: NewArticle[]) => {
    await store.addArticles(articles);
    await enrichArchive(store);
    await placeUnplacedArticles(store);
  };

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-match-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
    await ensureShippedGazetteer(store);
    await ingest([
      { source: 'Old Wire', title: 'Earlier arrests in Osh', text: 'Police detained two men in Osh.' },
    ]);
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Osh detentions', query: 'detained Osh' }, 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Weather', query: 'snow' }, 'cli:test');
  });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('starts a new search at the newest article, so it alerts only about what comes after', async () => {
    const pass = await matchSavedSearches(store);
    assert.equal(pass.searches, 0);
    assert.equal(pass.hits, 0);
  });

  it('alerts once for a story carried by three outlets, and again for a copy with a new place', async () => {
    await ingest([
      copy('Steppe Herald'),
      copy('Valley Times'),
      copy('Kabar Wire'),
      copy('Mountain Post', story.replace('in Osh on Tuesday', 'in Osh and Jalal-Abad on Tuesday')),
      { source: 'Valley Times', title: 'Snow in the passes', text: 'Snow closed two mountain passes.' },
    ]);
    const clusters = new Set<number | null>();
    for (let id = 2; id <= 5; id += 1) clusters.add((await store.getArticle(id))?.clusterId ?? null);
    assert.equal(clusters.size, 1, 'the four copies are grouped as one story');
    assert.equal(clusters.has(null), false);

    const pass = await matchSavedSearches(store);
    assert.equal(pass.searches, 2);
    assert.equal(pass.hits, 5);
    assert.equal(pass.alerts, 3);
    assert.deepEqual(pass.failed, []);
    const [osh, weather] = await store.savedSearches.list();
    assert.equal(osh?.name, 'Osh detentions');
    const hits = (await store.savedSearches.listHits(osh!.id)).reverse();
    assert.deepEqual(
      hits.map((hit) => [hit.articleId, hit.alert, hit.why]),
      [
        [2, true, 'new story'],
        [3, false, 'same story, nothing new'],
        [4, false, 'same story, nothing new'],
        [5, true, 'same story, new place: Jalal-Abad'],
      ],
    );
    assert.equal(osh?.matchedUpTo, 6);
    assert.equal(osh?.alerts, 2);
    assert.equal(weather?.name, 'Weather');
    assert.deepEqual(
      (await store.savedSearches.listHits(weather!.id)).map((hit) => hit.articleId),
      [6],
    );
  });

  it('looks only at what is new on the next pass, and compares a later copy with the earlier hits', async () => {
    assert.equal((await matchSavedSearches(store)).searches, 0);
    await ingest([
      copy('Late Gazette'),
      copy('Later Gazette', story.replace('detained 22 active members', 'detained 25 active members')),
    ]);
    const pass = await matchSavedSearches(store);
    assert.equal(pass.after, 6);
    assert.equal(pass.upTo, 8);
    const [osh] = await store.savedSearches.list();
    const newest = (await store.savedSearches.listHits(osh!.id, { limit: 2 })).reverse();
    assert.deepEqual(
      newest.map((hit) => [hit.articleId, hit.alert, hit.why]),
      [
        [7, false, 'same story, nothing new'],
        [8, true, 'same story, new number: 25'],
      ],
    );
  });

  it('keeps going when one search cannot run, and leaves that one where it was', async () => {
    const [osh] = await store.savedSearches.list();
    // A query that parsed when saved but not under this version (an edited row stands in for it).
    await store.savedSearches.add(
      {
        ownerId: osh!.ownerId,
        name: 'broken',
        query: '"unclosed',
        shared: false,
        webhookUrl: null,
        digest: 'none',
      },
      { actor: 'cli:test', action: 'watch.add', target: 'broken' },
    );
    const broken = (await store.savedSearches.list()).find((search) => search.name === 'broken')!;
    await ingest([{ source: 'Valley Times', title: 'More snow', text: 'Snow again in the passes.' }]);
    const pass = await matchSavedSearches(store);
    assert.deepEqual(
      pass.failed.map((failure) => [failure.name, /QUERY_UNCLOSED_PHRASE/.test(failure.error)]),
      [['broken', true]],
    );
    assert.equal(pass.hits, 1);
    assert.equal((await store.savedSearches.get(broken.id))?.matchedUpTo, 8);
  });
});

describe('alerting again when a story reaches a new kind of outlet', () => {
  let directory: string;
  let store: Store;
  const ingest = async (articles: NewArticle[]) => {
    await store.addArticles(articles);
    await enrichArchive(store);
    await placeUnplacedArticles(store);
  };
  const newestHits = async (count: number) => {
    const [search] = await store.savedSearches.list();
    return (await store.savedSearches.listHits(search!.id, { limit: count }))
      .reverse()
      .map((hit) => [hit.articleId, hit.alert, hit.why]);
  };

  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-match-types-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
    await ensureShippedGazetteer(store);
    // The sources exist (an article each, about something else) and an admin has typed them.
    await ingest(
      ['Osh Regional News', 'Ministry of Internal Affairs', 'Interior Ministry Press', 'A Blog'].map(
        (source, index) => ({
          source,
          title: `Notice ${index}`,
          text: `Opening hours of the office change on Monday, notice number ${index}.`,
        }),
      ),
    );
    await store.setSourceType('Osh Regional News', 'regional', 'cli:test');
    await store.setSourceType('Ministry of Internal Affairs', 'official', 'cli:test');
    await store.setSourceType('interior-ministry-press', 'official', 'cli:test');
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Osh detentions', query: 'detained Osh' }, 'cli:test');
  });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('alerts for the first official copy of a regional story, and not for a second official one', async () => {
    await ingest([copy('Osh Regional News')]);
    assert.equal((await matchSavedSearches(store)).alerts, 1);
    await ingest([copy('Ministry of Internal Affairs')]);
    const pass = await matchSavedSearches(store);
    assert.deepEqual([pass.hits, pass.alerts], [1, 1]);
    await ingest([copy('Interior Ministry Press'), copy('A Blog')]);
    assert.equal((await matchSavedSearches(store)).alerts, 0);
    const hits = await newestHits(4);
    const story = (await store.getArticle(hits[0]![0] as number))?.clusterId;
    assert.ok(story !== null && story !== undefined);
    for (const [id] of hits) assert.equal((await store.getArticle(id as number))?.clusterId, story);
    assert.deepEqual(
      hits.map(([, alert, why]) => [alert, why]),
      [
        [true, 'new story'],
        [true, 'same story, new outlet type: official'],
        [false, 'same story, nothing new'],
        // An untyped source brings no type.
        [false, 'same story, nothing new'],
      ],
    );
  });

  it('names everything a copy brings, by the types its sources have when it is matched', async () => {
    await store.setSourceType('A Blog', 'social', 'cli:test');
    // Typed now, the blog's earlier copy counts as social: a later blog post brings no new type.
    await ingest([
      {
        ...copy('A Blog', story.replace('in Osh on Tuesday', 'in Osh and Jalal-Abad on Tuesday')),
        url: 'https://a-blog.example/osh-detentions-update',
      },
      copy('Wire Service', story.replace('detained 22 active members', 'detained 25 active members')),
    ]);
    await store.setSourceType('Wire Service', 'wire', 'cli:test');
    await matchSavedSearches(store);
    assert.deepEqual(await newestHits(2), [
      [9, true, 'same story, new place: Jalal-Abad'],
      [10, true, 'same story, new outlet type: wire; new number: 25'],
    ]);
  });
});
