/**
 * "Why it matched" as a user meets it, over real HTTP on 127.0.0.1 against a real, enriched SQLite
 * archive served the way `wirewatch serve` composes it (query expansion behind the answer cache): the
 * API's `expansions` and each hit's `matched_via`, and the results page's "Also searched for" line and
 * "Matched … as …" under each hit found by another spelling or another form of the word.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NewArticle } from '../../src/core/article.ts';
import { enrichArchive, ensureShippedGazetteer } from '../../src/enrich/enrich-archive.ts';
import { decodeEntities } from '../../src/web/web-test-app.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

const articles: NewArticle[] = [
  {
    url: 'https://why.example/ru-astana',
    source: 'Why Wire',
    title: 'Встреча в Астане',
    publishedAt: '2025-04-01T08:00:00Z',
    language: 'ru',
    text: 'Президент Токаев провёл встречу с делегацией. В Оше задержаны трое.',
  },
  {
    url: 'https://why.example/en-astana',
    source: 'Why Wire',
    title: 'Tokayev meets envoys',
    publishedAt: '2025-04-02T08:00:00Z',
    language: 'en',
    text: 'President Tokayev met envoys in Astana on Monday.',
  },
  {
    url: 'https://why.example/ru-osh',
    source: 'Why Wire',
    title: 'Задержан вербовщик',
    publishedAt: '2025-04-03T08:00:00Z',
    language: 'ru',
    text: 'В Оше задержан вербовщик запрещённой организации.',
  },
];

interface MatchReasonJson {
  term: string;
  matched: string;
  via: string;
}
interface ExpansionJson {
  term: string;
  column: number;
  stem: string | null;
  spellings: string[];
}
interface HitJson {
  id: number;
  title: string;
  matched_via: MatchReasonJson[];
}

/** The text of the first `<p class="…">` of that class, tags stripped and entities decoded. */
function paragraphText(html: string, className: string): string | undefined {
  const match = new RegExp(`<p class="${className}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return match ? decodeEntities(match[1]!.replace(/<[^>]+>/g, '')) : undefined;
}

/** Each hit's `<li>` on the results page, by its headline's text. */
function hitItems(html: string): Map<string, string> {
  const items = new Map<string, string>();
  for (const [item] of html.matchAll(/<li class="hit"[\s\S]*?<\/li>/g)) {
    const title = /<h2 class="hit-title">([\s\S]*?)<\/h2>/.exec(item)?.[1] ?? '';
    items.set(decodeEntities(title.replace(/<[^>]+>/g, '')).trim(), item);
  }
  return items;
}

describe('why a hit matched, in the API and on the results page', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer(articles);
    await ensureShippedGazetteer(server.store);
    await enrichArchive(server.store);
  });
  after(() => server?.stop());

  it('the API lists what was added to each word and which form each hit holds', async () => {
    const answer = await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q: 'Токаев' })}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const expansions = answer.body.expansions as ExpansionJson[];
    const tokayev = expansions.find((expansion) => expansion.term === 'Токаев');
    assert.ok(tokayev, `an expansion for Токаев: ${JSON.stringify(expansions)}`);
    assert.equal(tokayev.column, 1);
    assert.ok(tokayev.spellings.includes('tokayev'), JSON.stringify(tokayev));
    const hits = new Map((answer.body.results as HitJson[]).map((hit) => [hit.title, hit.matched_via]));
    assert.deepEqual([...hits.keys()].sort(), ['Tokayev meets envoys', 'Встреча в Астане']);
    assert.deepEqual(hits.get('Tokayev meets envoys'), [
      { term: 'Токаев', matched: 'tokayev', via: 'spelling' },
    ]);
    assert.deepEqual(hits.get('Встреча в Астане'), [{ term: 'Токаев', matched: 'токаев', via: 'typed' }]);
  });

  it('the API tells a Russian word found through its stem', async () => {
    const answer = await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q: 'задержаны' })}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [expansion] = answer.body.expansions as ExpansionJson[];
    assert.equal(expansion?.stem, 'задержа');
    const hits = new Map((answer.body.results as HitJson[]).map((hit) => [hit.title, hit.matched_via]));
    assert.deepEqual(hits.get('Задержан вербовщик'), [
      { term: 'задержаны', matched: 'задержан', via: 'stem' },
    ]);
    assert.deepEqual(hits.get('Встреча в Астане'), [
      { term: 'задержаны', matched: 'задержаны', via: 'typed' },
    ]);
  });

  it('a word nothing was added to gives no expansions and no reasons', async () => {
    const answer = await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q: 'envoys' })}`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.expansions, []);
    assert.deepEqual(
      (answer.body.results as HitJson[]).map((hit) => hit.matched_via),
      [[]],
    );
  });

  it('the results page says what else was searched and why each hit matched', async () => {
    const response = await fetch(`${server.url}/search?${new URLSearchParams({ q: 'Токаев' })}`, {
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(response.status, 200);
    const html = await response.text();
    const also = paragraphText(html, 'expansions');
    assert.ok(also?.startsWith('Also searched for:'), `the expansion line: ${also}`);
    assert.match(also!, /“Токаев” — .*the spellings? .*tokayev/);
    const items = hitItems(html);
    const latin = items.get('Tokayev meets envoys');
    assert.ok(latin, `the Latin-script hit is listed: ${[...items.keys()].join(' | ')}`);
    assert.equal(paragraphText(latin, 'matched-via'), 'Matched “Токаев” as “tokayev” (another spelling)');
    const own = items.get('Встреча в Астане');
    assert.ok(own, 'the hit in the typed spelling is listed');
    assert.equal(paragraphText(own, 'matched-via'), undefined, 'a hit of the word as typed needs no reason');
  });

  it('the page of a search nothing was added to has no expansion line', async () => {
    const response = await fetch(`${server.url}/search?${new URLSearchParams({ q: 'envoys' })}`, {
      signal: AbortSignal.timeout(10_000),
    });
    const html = await response.text();
    assert.equal(paragraphText(html, 'expansions'), undefined);
    assert.equal(paragraphText(html, 'matched-via'), undefined);
  });
});
