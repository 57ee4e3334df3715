/**
 * Enrichment on the desk and in the API, over real HTTP on 127.0.0.1 against a real SQLite archive:
 * the sample enriched with the shipped gazetteer, plus invented articles whose mentions, topics and
 * event facts are written through the store (one of them hostile). Entity facets count exactly what
 * their links find; entity pages, the events list and article pages show what the archive holds; an
 * unknown entity is a 404, a merged one redirects; the OpenAPI document lists the new routes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validate } from '@readme/openapi-parser';
import type { NewArticle } from '../../src/core/article.ts';
import { enrichArchive, ensureShippedGazetteer } from '../../src/enrich/enrich-archive.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import type { ArticleEnrichment, StoredEntity } from '../../src/store/enrichment.ts';
import { decodeEntities } from '../../src/web/web-test-app.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

interface EntityFacet {
  slug: string;
  name: string;
  count: number;
}
interface ValueFacet {
  value: string;
  count: number;
}
interface EntityFacets {
  people: EntityFacet[];
  organisations: EntityFacet[];
  places: EntityFacet[];
  topics: ValueFacet[];
  events: ValueFacet[];
}
interface ListedEventJson {
  id: number;
  type: string;
  count: number | null;
  place_entity: { slug: string } | null;
  sentence: string;
  article: { id: number; title: string };
}

/** Invented articles for facts the sample's enrichment does not hold. */
const arrests: NewArticle = {
  url: 'https://fergana-wire.example/2025/03/osh-detentions',
  source: 'Fergana Wire',
  title: 'Twenty-two detained in Osh over Hizb ut-Tahrir cell',
  publishedAt: '2025-03-12T07:00:00Z',
  language: 'en',
  text: 'On 11 March the GKNB detained 22 members of Hizb ut-Tahrir in Osh. Officers seized leaflets.',
};
const sentencing: NewArticle = {
  url: 'https://fergana-wire.example/2025/04/bishkek-sentences',
  source: 'Fergana Wire',
  title: 'Bishkek court sentences five Hizb ut-Tahrir members',
  publishedAt: '2025-04-02T07:00:00Z',
  language: 'en',
  text: 'A Bishkek court sentenced five members of Hizb ut-Tahrir to prison terms in Kyrgyzstan.',
};
const hostile: NewArticle = {
  url: 'https://hostile.example/2025/05/front',
  source: 'Hostile Wire',
  title: 'Front claims raid',
  publishedAt: '2025-05-01T07:00:00Z',
  language: 'en',
  text: 'The front claimed the raid. Three people were killed near the market, officials said.',
};
const notEnriched: NewArticle = {
  url: 'https://fergana-wire.example/2025/05/waiting',
  source: 'Fergana Wire',
  title: 'Osh market reopens',
  publishedAt: '2025-05-03T07:00:00Z',
  language: 'en',
  text: 'The market in Osh reopened on Monday after repairs.',
};

const hostileName = '<script>window.__pwned=1</script> Front';
const hostileSentence = '<img src=x onerror="window.__pwned=1"> Three people were killed near the market.';

async function getText(base: string, path: string) {
  const response = await fetch(`${base}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    location: response.headers.get('location'),
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

function apiTotal(server: TestServer, q: string): Promise<number> {
  return getJson(
    server.url,
    `/api/v1/search?${new URLSearchParams({ q, facets: 'false', timeline: 'false' })}`,
  ).then((answer) => {
    assert.equal(answer.status, 200, `${q}: ${JSON.stringify(answer.body)}`);
    return answer.body.total as number;
  });
}

describe('enrichment in the API and on the desk', () => {
  let server: TestServer;
  let hizb: StoredEntity;
  let osh: StoredEntity;
  let ids: { arrests: number; sentencing: number; hostile: number; notEnriched: number };

  before(async () => {
    server = await startTestServer(loadSampleArticles());
    const { store } = server;
    await ensureShippedGazetteer(store);
    const evil = await store.enrichment.addEntity(
      {
        slug: 'evil-front',
        type: 'organisation',
        name: hostileName,
        aliases: ['<img src=x onerror=alert(1)> Front'],
      },
      'user',
    );
    await store.enrichment.addEntity(
      { slug: 'hut-splinter', type: 'organisation', name: 'Hizb ut-Tahrir splinter cell', aliases: [] },
      'user',
    );
    await store.enrichment.mergeEntities('hut-splinter', 'hizb-ut-tahrir');
    await enrichArchive(store);
    const outcomes = await store.addArticles([arrests, sentencing, hostile, notEnriched]);
    const [a, b, c, d] = outcomes.map((outcome) => {
      assert.equal(outcome.status, 'inserted', JSON.stringify(outcome));
      return (outcome as { id: number }).id;
    });
    ids = { arrests: a!, sentencing: b!, hostile: c!, notEnriched: d! };
    hizb = (await store.enrichment.getEntity('hizb-ut-tahrir'))!;
    osh = (await store.enrichment.getEntity('kg-osh'))!;
    const kyrgyzstan = (await store.enrichment.getEntity('kyrgyzstan'))!;
    const gknb = (await store.enrichment.getEntity('kg-gknb'))!;
    assert.ok(hizb && osh && kyrgyzstan && gknb, 'the shipped gazetteer has the entities the test names');
    const mention = (entity: StoredEntity, surface: string, mentions = 1) => ({
      entityId: entity.id,
      mentions,
      firstOffset: 0,
      surface,
      via: 'exact',
    });
    const findings: ArticleEnrichment[] = [
      {
        articleId: ids.arrests,
        mentions: [mention(hizb, 'Hizb ut-Tahrir', 2), mention(osh, 'Osh'), mention(gknb, 'GKNB')],
        topics: [{ topic: 'extremism', rule: 'extremism/banned-group', evidence: 'Hizb ut-Tahrir' }],
        events: [
          {
            type: 'arrest',
            count: 22,
            actor: 'the GKNB',
            target: 'members of Hizb ut-Tahrir',
            place: 'Osh',
            placeEntityId: osh.id,
            date: '2025-03-11',
            sentence: 'On 11 March the GKNB detained 22 members of Hizb ut-Tahrir in Osh.',
          },
        ],
        spellings: [],
      },
      {
        articleId: ids.sentencing,
        mentions: [mention(hizb, 'Hizb ut-Tahrir'), mention(kyrgyzstan, 'Kyrgyzstan')],
        topics: [{ topic: 'extremism', rule: 'extremism/banned-group', evidence: 'Hizb ut-Tahrir' }],
        events: [
          {
            type: 'conviction',
            count: 5,
            target: 'members of Hizb ut-Tahrir',
            sentence:
              'A Bishkek court sentenced five members of Hizb ut-Tahrir to prison terms in Kyrgyzstan.',
          },
        ],
        spellings: [],
      },
      {
        articleId: ids.hostile,
        mentions: [mention(evil, '<b>Front</b>')],
        topics: [{ topic: 'terrorism', rule: 'terrorism/<attack>', evidence: '<killed>' }],
        events: [{ type: 'attack', count: 3, actor: '<i>the front</i>', sentence: hostileSentence }],
        spellings: [],
      },
    ];
    await store.enrichment.saveEnrichments(findings, await store.enrichment.gazetteerVersion());
  });
  after(() => server?.stop());

  it('counts entities, topics and events exactly: each facet link finds that many articles', async () => {
    for (const q of ['', 'court OR detained', 'Kyrgyzstan']) {
      const search = await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q })}`);
      assert.equal(search.status, 200);
      const facets = search.body.entity_facets as EntityFacets;
      assert.ok(facets, `entity facets for "${q}"`);
      const narrowed = (clause: string) => (q === '' ? clause : `(${q}) ${clause}`);
      assert.ok(facets.organisations.length > 0, `"${q}" matches articles naming organisations`);
      for (const [field, list] of [
        ['person', facets.people],
        ['org', facets.organisations],
      ] as const) {
        for (const facet of list) {
          const total = await apiTotal(server, narrowed(`${field}:${facet.slug}`));
          assert.equal(total, facet.count, `${q} ${field}:${facet.slug}`);
        }
      }
      for (const facet of facets.places) {
        // A place counts the articles naming it or a place inside it, as its place: link finds them.
        const total = await apiTotal(server, narrowed(`place:${facet.slug}`));
        assert.equal(total, facet.count, `${q} place:${facet.slug}`);
      }
      if (q === '') {
        const kyrgyzstan = facets.places.find((facet) => facet.slug === 'kyrgyzstan');
        const oshCount = facets.places.find((facet) => facet.slug === 'kg-osh')?.count ?? 0;
        assert.ok(oshCount >= 1, 'Osh is named');
        assert.ok(kyrgyzstan, 'Kyrgyzstan is counted');
        assert.ok(kyrgyzstan.count > oshCount, 'the country counts the articles naming its towns too');
      }
      for (const [field, list] of [
        ['topic', facets.topics],
        ['event', facets.events],
      ] as const) {
        for (const facet of list) {
          assert.equal(
            await apiTotal(server, narrowed(`${field}:${facet.value}`)),
            facet.count,
            `${field}:${facet.value}`,
          );
        }
      }
    }
    const all = (await getJson(server.url, '/api/v1/search?q=')).body.entity_facets as EntityFacets;
    assert.deepEqual(
      all.organisations.find((facet) => facet.slug === 'hizb-ut-tahrir')?.count,
      (
        await server.store.search({
          query: parseQuery('org:hizb-ut-tahrir'),
          sort: 'newest',
          page: 1,
          perPage: 1,
        })
      ).total,
    );
    const eventTypes = all.events.map((facet) => facet.value);
    for (const type of ['arrest', 'attack', 'conviction']) assert.ok(eventTypes.includes(type), type);
    const extremism = all.topics.find((facet) => facet.value === 'extremism')?.count ?? 0;
    assert.ok(extremism >= 2, 'the two invented articles tagged extremism are counted');
    assert.equal(extremism, await apiTotal(server, 'topic:extremism'));
    const without = await getJson(server.url, '/api/v1/search?q=&facets=false');
    assert.equal(without.body.entity_facets, null, 'facets=false leaves them out');
  });

  it('shows the same counts on the results page, each linking to the narrowed search and the entity page', async () => {
    const q = 'court OR detained';
    const api = (await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q })}`)).body
      .entity_facets as EntityFacets;
    const page = await getText(server.url, `/search?${new URLSearchParams({ q })}`);
    assert.equal(page.status, 200);
    const shown = [
      ...page.text.matchAll(
        /<li class="facet entity-facet" data-slug="([^"]+)"><span class="facet-value"><a href="([^"]+)">[^<]*<\/a> <a class="entity-page-link" href="([^"]+)">[\s\S]*?<span class="count">(\d+)<\/span>/g,
      ),
    ].map((match) => ({
      slug: decodeEntities(match[1]!),
      narrow: decodeEntities(match[2]!),
      page: decodeEntities(match[3]!),
      count: Number(match[4]),
    }));
    const expected = [...api.people, ...api.organisations, ...api.places];
    assert.equal(shown.length, expected.length, 'every entity facet is on the page');
    for (const facet of expected) {
      const row = shown.find((item) => item.slug === facet.slug);
      assert.ok(row, `${facet.slug} is listed`);
      assert.equal(row.count, facet.count);
      assert.equal(row.page, `/entities/${facet.slug}`);
      const narrowedQ = new URL(row.narrow, server.url).searchParams.get('q') ?? '';
      assert.match(narrowedQ, new RegExp(`^\\(court OR detained\\) (org|person|place):${facet.slug}$`));
    }
    for (const event of api.events) {
      assert.ok(
        page.text.includes(`event%3A${event.value}`),
        `the ${event.value} facet links event:${event.value}`,
      );
    }
    assert.match(page.text, /<h3 id="facet-organisation">Organisations<\/h3>/);
  });

  it('returns an article with its entities, topics and events, and says when it is not enriched', async () => {
    const { status, body } = await getJson(server.url, `/api/v1/articles/${ids.arrests}`);
    assert.equal(status, 200);
    assert.equal(body.enriched, true);
    const entities = body.entities as Array<{
      slug: string;
      type: string;
      mentions: number;
      surface: string;
      via: string;
    }>;
    assert.deepEqual(entities[0], {
      slug: 'hizb-ut-tahrir',
      name: 'Hizb ut-Tahrir',
      type: 'organisation',
      mentions: 2,
      surface: 'Hizb ut-Tahrir',
      via: 'exact',
    });
    assert.deepEqual(entities.map((entity) => entity.slug).sort(), ['hizb-ut-tahrir', 'kg-gknb', 'kg-osh']);
    assert.deepEqual(body.topics, [
      { topic: 'extremism', rule: 'extremism/banned-group', evidence: 'Hizb ut-Tahrir' },
    ]);
    assert.deepEqual(body.events, [
      {
        type: 'arrest',
        count: 22,
        actor: 'the GKNB',
        target: 'members of Hizb ut-Tahrir',
        place: 'Osh',
        place_entity: { slug: 'kg-osh', name: osh.name },
        date: '2025-03-11',
        sentence: 'On 11 March the GKNB detained 22 members of Hizb ut-Tahrir in Osh.',
      },
    ]);
    // A sample article, enriched by enrichArchive: what the store holds, as the API names it.
    const stored = (await server.store.enrichment.articleEnrichment(3))!;
    const sample = await getJson(server.url, '/api/v1/articles/3');
    assert.equal(sample.body.enriched, true);
    assert.deepEqual(
      (sample.body.entities as Array<{ slug: string }>).map((entity) => entity.slug),
      stored.mentions.map((mention) => mention.slug),
    );
    const waiting = await getJson(server.url, `/api/v1/articles/${ids.notEnriched}`);
    assert.equal(waiting.body.enriched, false);
    assert.deepEqual([waiting.body.entities, waiting.body.topics, waiting.body.events], [[], [], []]);

    const html = (await getText(server.url, `/articles/${ids.arrests}`)).text;
    assert.match(html, /<a href="\/entities\/hizb-ut-tahrir">Hizb ut-Tahrir<\/a>/);
    assert.match(html, /<a href="\/entities\/kg-osh">Osh<\/a>/, 'the event place links its entity');
    assert.match(html, /<code>extremism\/banned-group<\/code>/, 'the topic says which rule fired');
    assert.match(html, /<dd class="event-count">22<\/dd>/);
    const waitingHtml = (await getText(server.url, `/articles/${ids.notEnriched}`)).text;
    assert.match(waitingHtml, /<p class="not-enriched">This article has not been enriched yet/);
  });

  it('shows an entity: kind, country, spellings by script, designations, chart, co-mentioned, articles, events', async () => {
    const { status, text } = await getText(server.url, '/entities/hizb-ut-tahrir');
    assert.equal(status, 200);
    assert.match(text, /<h1 id="entity-name">Hizb ut-Tahrir<\/h1>/);
    assert.match(text, /Organisation · designated group/);
    assert.match(text, /<dt>Cyrillic<\/dt><dd><ul class="spelling-list">[\s\S]*?<li>Хизб ут-Тахрир<\/li>/);
    assert.match(text, /<dt>Latin<\/dt><dd><ul class="spelling-list">[\s\S]*?<li>Hizb ut-Tahrir<\/li>/);
    assert.match(
      text,
      /<th scope="row">Russia \(RU\)<\/th><td>terrorist organisation<\/td><td>2003-02-14<\/td>/,
    );
    // The chart: a bar per month with a title, and the same figures in the hidden table.
    const months = await server.store.enrichment.mentionsByMonth(hizb.id);
    assert.ok(months.length >= 2);
    for (const month of months) {
      const label = new Intl.DateTimeFormat('en-GB', {
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(new Date(`${month.month}-01T00:00:00Z`));
      assert.match(text, new RegExp(`<rect [^>]+><title>${label}: ${month.count} articles?,`));
      assert.match(text, new RegExp(`<tr><th scope="row">${label}</th><td>${month.count}</td>`));
    }
    const co = await server.store.enrichment.coMentioned(hizb.id, 15);
    for (const other of co) {
      assert.ok(text.includes(`<a href="/entities/${other.slug}">`), `co-mentioned ${other.slug} is linked`);
    }
    const latest = await server.store.enrichment.articlesNaming(hizb.id, 10);
    assert.deepEqual(
      [...text.matchAll(/<h3 class="hit-title"><a href="\/articles\/(\d+)">/g)].map((match) =>
        Number(match[1]),
      ),
      latest,
    );
    assert.ok(latest.includes(ids.arrests) && latest.includes(ids.sentencing));
    assert.match(text, /On 11 March the GKNB detained 22 members of Hizb ut-Tahrir in Osh\./);

    const json = await getJson(server.url, '/api/v1/entities/hizb-ut-tahrir');
    assert.equal(json.status, 200);
    const body = json.body as Record<string, unknown> & {
      designations: Array<{ by: string; as: string; since: string | null }>;
      aliases: string[];
      latest_articles: Array<{ id: number }>;
      co_mentioned: Array<{ slug: string; count: number }>;
    };
    assert.equal(body.name, 'Hizb ut-Tahrir');
    assert.equal(body.type, 'organisation');
    assert.ok(body.aliases.includes('Хизб ут-Тахрир'));
    assert.ok(
      body.aliases.includes('Hizb ut-Tahrir splinter cell'),
      'the merged entity’s name became a spelling',
    );
    assert.deepEqual(
      body.designations.find((item) => item.by === 'RU'),
      {
        by: 'RU',
        by_name: 'Russia',
        as: 'terrorist',
        since: '2003-02-14',
        until: null,
        note: null,
      },
    );
    assert.deepEqual(body.mentions_by_month, months);
    assert.deepEqual(
      body.latest_articles.map((article) => article.id),
      latest,
    );
    assert.deepEqual(
      body.co_mentioned.map(({ slug, count }) => ({ slug, count })),
      co.map(({ slug, count }) => ({ slug, count })),
    );
    const events = await server.store.enrichment.listEvents({ entityId: hizb.id, limit: 20 });
    assert.ok(events.length >= 2);
    assert.deepEqual(
      (body.events as Array<{ id: number }>).map((event) => event.id),
      events.map((event) => event.id),
    );

    const district = await getJson(server.url, '/api/v1/entities/kg-osh');
    assert.deepEqual(district.body.country, { code: 'KG', name: 'Kyrgyzstan', slug: 'kyrgyzstan' });
  });

  it('answers 404 for an unknown entity and redirects a merged one to the entity it joined', async () => {
    const missing = await getText(server.url, '/entities/no-such-entity');
    assert.equal(missing.status, 404);
    assert.match(missing.text, /Entity not found/);
    const problem = await getJson(server.url, '/api/v1/entities/no-such-entity');
    assert.equal(problem.status, 404);
    assert.match(problem.type, /problem\+json/);
    assert.equal(problem.body.code, 'ENTITY_NOT_FOUND');
    const merged = await getText(server.url, '/entities/hut-splinter');
    assert.equal(merged.status, 301);
    assert.equal(merged.location, '/entities/hizb-ut-tahrir');
    const mergedApi = await getText(server.url, '/api/v1/entities/hut-splinter');
    assert.equal(mergedApi.status, 301);
    assert.equal(mergedApi.location, '/api/v1/entities/hizb-ut-tahrir');
    const tooLong = await getJson(server.url, `/api/v1/entities/${'x'.repeat(201)}`);
    assert.equal(tooLong.status, 414, 'a slug past the router’s 200 characters');
  });

  it('shows a name the recogniser found as an entity of its own, saying where it came from', async () => {
    const recognised = (await server.store.enrichment.listEntities()).filter(
      (e) => e.origin === 'recognised',
    );
    assert.ok(recognised.length > 0, 'the sample names someone or something the gazetteer lacks');
    const entity = recognised[0]!;
    const api = await getJson(server.url, `/api/v1/entities/${entity.slug}`);
    assert.equal(api.status, 200);
    assert.equal((api.body as { origin?: string }).origin, 'recognised');
    const page = await getText(server.url, `/entities/${entity.slug}`);
    assert.equal(page.status, 200);
    assert.match(decodeEntities(page.text), /Found in the articles by the name recogniser/);
    const field = entity.type === 'organisation' ? 'org' : entity.type;
    assert.ok(
      (await apiTotal(server, `${field}:${entity.slug}`)) > 0,
      'its link finds the articles naming it',
    );
  });

  it('lists entities by type with counts, filtered by any spelling', async () => {
    const list = await getJson(server.url, '/api/v1/entities?type=organisation&limit=5');
    assert.equal(list.status, 200);
    const entities = list.body.entities as Array<{ slug: string; type: string; article_count: number }>;
    assert.equal(entities.length, 5);
    assert.ok(entities.every((entity) => entity.type === 'organisation'));
    const counts = entities.map((entity) => entity.article_count);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
      'most named first',
    );
    const cyrillic = await getJson(server.url, `/api/v1/entities?${new URLSearchParams({ q: 'хизб ут' })}`);
    const found = cyrillic.body.entities as Array<{ slug: string; article_count: number }>;
    assert.deepEqual(
      found.map((entity) => entity.slug),
      ['hizb-ut-tahrir'],
    );
    assert.equal(found[0]!.article_count, await apiTotal(server, 'org:hizb-ut-tahrir'));
    const page = await getText(
      server.url,
      `/entities?${new URLSearchParams({ q: 'Хизб', type: 'organisation' })}`,
    );
    assert.equal(page.status, 200);
    assert.match(
      page.text,
      /<tr data-slug="hizb-ut-tahrir"><th scope="row"><a href="\/entities\/hizb-ut-tahrir">Hizb ut-Tahrir<\/a>/,
    );
    assert.equal((await getText(server.url, '/entities?type=planet')).status, 400);
  });

  it('lists events newest first, by type and by the articles a query matches, paged', async () => {
    const all = await getJson(server.url, '/api/v1/events');
    assert.equal(all.status, 200);
    const events = all.body.events as ListedEventJson[];
    const stored = await server.store.enrichment.listEvents({ limit: 100 });
    assert.deepEqual(
      events.map((event) => event.id),
      stored.slice(0, 25).map((event) => event.id),
    );
    const arrests = (await getJson(server.url, '/api/v1/events?type=arrest')).body
      .events as ListedEventJson[];
    assert.ok(arrests.length >= 1);
    assert.ok(arrests.every((event) => event.type === 'arrest'));
    assert.equal(arrests.find((event) => event.article.id === ids.arrests)?.place_entity?.slug, 'kg-osh');
    const queried = await getJson(
      server.url,
      `/api/v1/events?${new URLSearchParams({ q: 'org:hizb-ut-tahrir' })}`,
    );
    const ofQuery = queried.body.events as ListedEventJson[];
    const matching = new Set(
      (
        await server.store.search({
          query: parseQuery('org:hizb-ut-tahrir'),
          sort: 'newest',
          page: 1,
          perPage: 100,
        })
      ).hits.map((hit) => hit.article.id),
    );
    assert.ok(ofQuery.length >= 2);
    assert.ok(
      ofQuery.every((event) => matching.has(event.article.id)),
      'only events of matching articles',
    );
    assert.ok(!ofQuery.some((event) => event.type === 'attack'));
    const first = await getJson(server.url, '/api/v1/events?limit=1');
    assert.equal(first.body.next_offset, 1);
    const second = await getJson(server.url, '/api/v1/events?limit=1&offset=1');
    assert.notDeepEqual(second.body.events, first.body.events);
    assert.equal((await getJson(server.url, '/api/v1/events?type=picnic')).status, 400);
    const badQuery = await getJson(server.url, `/api/v1/events?${new URLSearchParams({ q: '"unclosed' })}`);
    assert.equal(badQuery.body.code, 'QUERY_UNCLOSED_PHRASE');

    const page = await getText(server.url, `/events?${new URLSearchParams({ type: 'arrest', q: 'Osh' })}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<dd class="event-type">Arrest or detention<\/dd>/);
    assert.match(page.text, /<option value="arrest" selected>/);
    assert.ok(page.text.includes(`<a href="/articles/${ids.arrests}">`));
    assert.ok(!page.text.includes('Conviction or sentence</dd>'), 'other types are left out');
    const error = await getText(server.url, `/events?${new URLSearchParams({ q: '"unclosed' })}`);
    assert.equal(error.status, 400);
    assert.match(error.text, /class="query-caret"/);
  });

  it('escapes hostile entity names, spellings, topics and event sentences everywhere', async () => {
    const pages = [
      '/entities/evil-front',
      `/articles/${ids.hostile}`,
      '/events?type=attack',
      '/search?q=raid',
      `/entities?${new URLSearchParams({ q: 'front' })}`,
    ];
    for (const path of pages) {
      const { status, text } = await getText(server.url, path);
      assert.equal(status, 200, path);
      assert.doesNotMatch(text, /<script/i, path);
      assert.doesNotMatch(text, /<img/i, path);
      assert.doesNotMatch(text, /<[a-z][^>]*\son[a-z]+\s*=/i, `${path}: no element has an event handler`);
    }
    const entity = (await getText(server.url, '/entities/evil-front')).text;
    assert.ok(entity.includes('&lt;script>window.__pwned=1&lt;/script> Front'), 'the name shown as text');
    const events = (await getText(server.url, '/events?type=attack')).text;
    assert.ok(
      events.includes('&lt;img src=x onerror=&quot;window.__pwned=1&quot;> Three people'),
      'the sentence as text',
    );
  });

  it('documents the new routes and fields in the OpenAPI document', async () => {
    const { body } = await getJson(server.url, '/api/openapi.json');
    const result = (await validate(structuredClone(body) as never)) as { valid: boolean; errors?: unknown };
    assert.equal(result.valid, true, JSON.stringify(result.errors ?? [], null, 1).slice(0, 2000));
    const paths = body.paths as Record<string, { get?: { responses: Record<string, unknown> } }>;
    for (const path of ['/api/v1/entities', '/api/v1/entities/{slug}', '/api/v1/events']) {
      assert.ok(paths[path]?.get, `${path} is documented`);
    }
    const schemaOf = (path: string) =>
      JSON.stringify((paths[path]!.get!.responses['200'] as { content: unknown }).content);
    assert.match(schemaOf('/api/v1/search'), /"entity_facets"/);
    assert.match(schemaOf('/api/v1/articles/{id}'), /"enriched"/);
    assert.match(schemaOf('/api/v1/entities/{slug}'), /"mentions_by_month"/);
    assert.ok(!('/entities' in paths) && !('/events' in paths), 'pages are not part of the API document');
  });
});
