/**
 * The enrichment part of the Store contract (src/store/enrichment.ts), run by store-contract.ts on
 * every implementation: the gazetteer (load, reload, user edits, merge, refusals that keep the old
 * one) and each article's enrichment written whole with its version.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import type { EntityRecord } from '../../src/store/enrichment.ts';
import type { Store } from '../../src/store/store.ts';

const gazetteer: EntityRecord[] = [
  {
    slug: 'kazakhstan',
    type: 'place',
    subtype: 'country',
    name: 'Kazakhstan',
    country: 'KZ',
    aliases: ['Казахстан', 'Qazaqstan'],
  },
  {
    slug: 'hizb-ut-tahrir',
    type: 'organisation',
    subtype: 'designated-group',
    name: 'Hizb ut-Tahrir',
    aliases: ['Хизб ут-Тахрир', 'Hizb-ut-Tahrir'],
    details: { designations: [{ by: 'KZ', since: '2005', as: 'extremist' }] },
  },
  { slug: 'tokayev', type: 'person', name: 'Kassym-Jomart Tokayev', aliases: ['Tokayev', 'Токаев'] },
];

async function expectCode(work: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(work, (error) => {
    assert.ok(isAppError(error), String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

/** Runs the enrichment tests on stores from `openEmpty`. */
export function runEnrichmentContract(openEmpty: () => Promise<Store>): void {
  describe('enrichment (gazetteer and article findings)', () => {
    let store: Store;
    let ids: number[];
    before(async () => {
      store = await openEmpty();
      const outcomes = await store.addArticles(
        [1, 2, 3].map((n) => ({
          source: 'Steppe Wire',
          title: `Report ${n}`,
          text: `Report number ${n} on Hizb ut-Tahrir in Kazakhstan.`,
          url: `https://enrich.example/${n}`,
          publishedAt: `2025-05-0${n}T08:00:00Z`,
        })),
      );
      ids = outcomes.map((outcome) => (outcome as { id: number }).id);
    });
    after(async () => store.close());

    it('loads a gazetteer, versioned, with every spelling once', async () => {
      assert.equal(await store.enrichment.gazetteerVersion(), 0);
      assert.equal(await store.enrichment.gazetteerSource(), null);
      const change = await store.enrichment.loadGazetteer(gazetteer, 2 ** 47 + 5);
      assert.equal(await store.enrichment.gazetteerSource(), 2 ** 47 + 5);
      assert.deepEqual(change, { added: 3, updated: 0, removed: 0, version: 1 });
      const entities = await store.enrichment.listEntities();
      assert.deepEqual(
        entities.map((e) => e.slug),
        ['kazakhstan', 'hizb-ut-tahrir', 'tokayev'],
      );
      const group = entities.find((e) => e.slug === 'hizb-ut-tahrir')!;
      // "Hizb-ut-Tahrir" folds to the name's own spelling, so it is not kept twice.
      assert.deepEqual(group.aliases.sort(), ['Hizb ut-Tahrir', 'Хизб ут-Тахрир'].sort());
      assert.deepEqual(group.details, { designations: [{ by: 'KZ', since: '2005', as: 'extremist' }] });
      assert.equal(group.origin, 'gazetteer');
    });

    it('refuses a gazetteer whose spelling names two entities, and keeps the old one', async () => {
      const clash = [
        ...gazetteer,
        { slug: 'kz-again', type: 'place' as const, name: 'KAZAKHSTAN', aliases: [] },
      ];
      await expectCode(
        store.enrichment.loadGazetteer(clash),
        'GAZETTEER_INVALID',
        /"kazakhstan".*"kazakhstan" and "kz-again"/,
      );
      await expectCode(
        store.enrichment.loadGazetteer([...gazetteer, gazetteer[0]!]),
        'GAZETTEER_INVALID',
        /names entity "kazakhstan" twice/,
      );
      await expectCode(
        store.enrichment.loadGazetteer([{ ...gazetteer[0]!, slug: 'Bad Slug' }]),
        'GAZETTEER_INVALID',
        /slug "Bad Slug"/,
      );
      assert.equal(await store.enrichment.gazetteerVersion(), 1);
      assert.equal((await store.enrichment.listEntities()).length, 3);
    });

    it("writes an article's findings whole with its version, and replaces them on re-enrichment", async () => {
      const [kazakhstan, group] = await Promise.all([
        store.enrichment.getEntity('kazakhstan'),
        store.enrichment.getEntity('hizb-ut-tahrir'),
      ]);
      assert.equal(await store.enrichment.countToEnrich(1), 3);
      const before = await store.changeToken();
      await store.enrichment.saveEnrichments(
        [
          {
            articleId: ids[0]!,
            mentions: [
              { entityId: group!.id, mentions: 2, firstOffset: 17, surface: 'Hizb ut-Tahrir', via: 'exact' },
              { entityId: kazakhstan!.id, mentions: 1, firstOffset: 35, surface: 'Kazakhstan', via: 'exact' },
            ],
            topics: [{ topic: 'extremism', rule: 'extremism/banned-group', evidence: 'Hizb ut-Tahrir' }],
            events: [
              {
                type: 'arrest',
                count: 22,
                target: 'Hizb ut-Tahrir',
                place: 'Kazakhstan',
                sentence: 'Police detained 22.',
              },
            ],
            spellings: [
              { key: 'tokaev', spelling: 'tokayev' },
              { key: 'tokaev', spelling: 'токаев' },
            ],
          },
          { articleId: ids[1]!, mentions: [], topics: [], events: [], spellings: [] },
          { articleId: 999_999, mentions: [], topics: [], events: [], spellings: [] },
        ],
        1,
      );
      assert.notEqual(await store.changeToken(), before, 'the change token follows enrichment');
      const first = await store.enrichment.articleEnrichment(ids[0]!);
      assert.equal(first?.version, 1);
      assert.deepEqual(
        first?.mentions.map((m) => [m.slug, m.mentions, m.surface, m.type]),
        [
          ['hizb-ut-tahrir', 2, 'Hizb ut-Tahrir', 'organisation'],
          ['kazakhstan', 1, 'Kazakhstan', 'place'],
        ],
      );
      assert.deepEqual(first?.topics, [
        { topic: 'extremism', rule: 'extremism/banned-group', evidence: 'Hizb ut-Tahrir' },
      ]);
      assert.deepEqual(first?.events, [
        {
          type: 'arrest',
          count: 22,
          target: 'Hizb ut-Tahrir',
          place: 'Kazakhstan',
          sentence: 'Police detained 22.',
        },
      ]);
      assert.equal(
        (await store.enrichment.articleEnrichment(ids[1]!))?.version,
        1,
        'nothing found is still enriched',
      );
      assert.equal((await store.enrichment.articleEnrichment(ids[2]!))?.version, null, 'not enriched yet');
      // What the watch desk reads of a range at once: story, places and numbers (saved-searches.ts).
      const facts = await store.savedSearches.storyFacts({ after: ids[0]! - 1, upTo: ids[2]! });
      assert.deepEqual(
        [...facts].sort((a, b) => a[0] - b[0]),
        [
          [ids[0]!, { storyId: null, places: ['Kazakhstan'], numbers: [22], outletType: null }],
          [ids[1]!, { storyId: null, places: [], numbers: [], outletType: null }],
          [ids[2]!, { storyId: null, places: [], numbers: [], outletType: null }],
        ],
      );
      assert.equal((await store.savedSearches.storyFacts({ after: ids[2]!, upTo: ids[2]! + 5 })).size, 0);
      assert.equal(
        (await store.getArticle(ids[1]!))?.language,
        'en',
        'no language given, the stored one is kept',
      );
      const [bare] = await store.addArticles([
        { source: 'Steppe Wire', title: '№ 4', text: '2025 — 14:00 — 22', url: 'https://enrich.example/4' },
      ]);
      const bareId = (bare as { id: number }).id;
      assert.equal((await store.getArticle(bareId))?.language, null);
      await store.enrichment.saveEnrichments(
        [{ articleId: bareId, mentions: [], topics: [], events: [], spellings: [], language: 'ru' }],
        1,
      );
      assert.equal(
        (await store.getArticle(bareId))?.language,
        'ru',
        'a detected language fills a missing one',
      );
      assert.equal(await store.enrichment.articleEnrichment(999_999), null);
      assert.deepEqual(
        (await store.enrichment.toEnrich(0, 10, 1)).map((a) => a.id),
        [ids[2]],
      );
      assert.equal(await store.enrichment.countToEnrich(1), 1);
      assert.deepEqual(
        await store.enrichment.spellingsOf(['tokaev', 'nobody']),
        new Map([['tokaev', ['tokayev', 'токаев']]]),
      );

      await store.enrichment.saveEnrichments(
        [{ articleId: ids[0]!, mentions: [], topics: [], events: [], spellings: [] }],
        1,
      );
      const again = await store.enrichment.articleEnrichment(ids[0]!);
      assert.deepEqual([again?.mentions, again?.topics, again?.events], [[], [], []]);
    });

    it('searches by what enrichment found: org:, person:, place: (and what lies in it), country:, topic:, event:', async () => {
      const place = async (entity: EntityRecord) => (await store.enrichment.addEntity(entity, 'user')).id;
      const region = await place({
        slug: 'kz-almaty-region',
        type: 'place',
        subtype: 'region',
        name: 'Almaty Region',
        country: 'KZ',
        parentSlug: 'kazakhstan',
        aliases: ['Алматинская область'],
      });
      const district = await place({
        slug: 'kz-talgar-district',
        type: 'place',
        subtype: 'district',
        name: 'Talgar District',
        country: 'KZ',
        parentSlug: 'kz-almaty-region',
        aliases: [],
      });
      const town = await place({
        slug: 'kz-talgar',
        type: 'place',
        subtype: 'city',
        name: 'Talgar',
        country: 'KZ',
        parentSlug: 'kz-talgar-district',
        aliases: ['Талгар'],
      });
      const group = (await store.enrichment.getEntity('hizb-ut-tahrir'))!;
      const person = (await store.enrichment.getEntity('tokayev'))!;
      const version = await store.enrichment.gazetteerVersion();
      const mention = (entityId: number, surface: string) => ({
        entityId,
        mentions: 1,
        firstOffset: 0,
        surface,
        via: 'exact',
      });
      await store.enrichment.saveEnrichments(
        [
          {
            articleId: ids[0]!,
            mentions: [mention(group.id, 'Hizb ut-Tahrir'), mention(town, 'Талгар')],
            topics: [{ topic: 'extremism', rule: 'r', evidence: 'e' }],
            events: [{ type: 'arrest', count: 3, sentence: 'Three were detained.' }],
            spellings: [],
          },
          {
            articleId: ids[1]!,
            mentions: [mention(person.id, 'Tokayev'), mention(region, 'Almaty Region')],
            topics: [{ topic: 'terrorism', rule: 'r', evidence: 'e' }],
            events: [],
            spellings: [],
          },
          {
            articleId: ids[2]!,
            mentions: [mention(district, 'Talgar District')],
            topics: [],
            events: [],
            spellings: [],
          },
        ],
        version,
      );
      const found = async (q: string) =>
        (await store.search({ query: parseQuery(q), sort: 'oldest', page: 1, perPage: 10 })).hits.map(
          (h) => h.article.id,
        );
      assert.deepEqual(await found('org:"Hizb ut-Tahrir"'), [ids[0]]);
      assert.deepEqual(await found('org:"ХИЗБ УТ-ТАХРИР"'), [ids[0]], 'any spelling, any case');
      assert.deepEqual(await found('org:hizb*'), [ids[0]]);
      assert.deepEqual(await found('org:hizb-ut-tahrir'), [ids[0]], 'the slug');
      assert.deepEqual(await found('person:Токаев'), [ids[1]]);
      assert.deepEqual(await found('person:"Hizb ut-Tahrir"'), [], 'the type must match');
      assert.deepEqual(await found('place:Talgar'), [ids[0]]);
      assert.deepEqual(await found('place:"Almaty Region"'), ids, 'the region, its district and its town');
      assert.deepEqual(await found('place:"Talgar District"'), [ids[0], ids[2]]);
      assert.deepEqual(await found('country:Казахстан'), ids);
      assert.deepEqual(await found('country:kz'), ids, 'the ISO code');
      assert.deepEqual(await found('country:Kyrgyzstan'), []);
      assert.deepEqual(await found('topic:extremism'), [ids[0]]);
      assert.deepEqual(await found('event:arrest'), [ids[0]]);
      assert.deepEqual(await found('report -topic:terrorism'), [ids[0], ids[2]]);
      assert.deepEqual(await found('number (topic:terrorism OR topic:extremism)'), [ids[0], ids[1]]);
      assert.deepEqual(await found('org:"no such group"'), []);
      const facets = await store.facets(parseQuery('place:"Almaty Region"'), 10);
      assert.equal(facets.sources[0]?.count, 3);
    });

    it('counts entities, topics and events of a query, and tells an entity’s months, company, articles and events', async () => {
      const group = (await store.enrichment.getEntity('hizb-ut-tahrir'))!;
      const facets = await store.enrichmentFacets(parseQuery('report'), 10);
      assert.deepEqual(
        facets.places.map((p) => [p.slug, p.count]),
        // A place counts the matches naming it or a place up to two levels inside it, as place: finds them.
        [
          ['kz-almaty-region', 3],
          ['kazakhstan', 2],
          ['kz-talgar-district', 2],
          ['kz-talgar', 1],
        ],
      );
      assert.deepEqual(facets.organisations, [
        { slug: 'hizb-ut-tahrir', name: 'Hizb ut-Tahrir', type: 'organisation', count: 1 },
      ]);
      assert.deepEqual(
        facets.people.map((p) => p.slug),
        ['tokayev'],
      );
      assert.deepEqual(facets.topics, [
        { value: 'extremism', count: 1 },
        { value: 'terrorism', count: 1 },
      ]);
      assert.deepEqual(facets.events, [{ value: 'arrest', count: 1 }]);
      const narrowed = await store.enrichmentFacets(parseQuery('report topic:terrorism'), 10);
      assert.deepEqual(narrowed.organisations, []);
      assert.deepEqual(
        narrowed.people.map((p) => p.count),
        [1],
      );
      const whole = await store.enrichmentFacets(parseQuery(''), 1);
      assert.equal(whole.places.length, 1, 'the limit');
      const everything = await store.enrichmentFacets(parseQuery(''), 50);
      assert.equal(
        everything.places.find((p) => p.slug === 'kz-almaty-region')?.count,
        3,
        'a region counts the articles naming its districts and towns',
      );
      for (const place of everything.places) {
        const linked = await store.search({
          query: parseQuery(`place:${place.slug}`),
          sort: 'newest',
          page: 1,
          perPage: 1,
        });
        assert.equal(linked.total, place.count, `place:${place.slug} finds what its facet counts`);
      }

      assert.deepEqual(await store.enrichment.mentionsByMonth(group.id), [{ month: '2025-05', count: 1 }]);
      assert.deepEqual(
        (await store.enrichment.coMentioned(group.id, 5)).map((e) => [e.slug, e.count]),
        [['kz-talgar', 1]],
      );
      assert.deepEqual(await store.enrichment.articlesNaming(group.id, 5), [ids[0]]);
      const events = await store.enrichment.listEvents({ type: 'arrest', limit: 10 });
      assert.equal(events.length, 1);
      assert.deepEqual(
        { ...events[0], id: 0 },
        {
          id: 0,
          articleId: ids[0],
          articleTitle: 'Report 1',
          source: 'Steppe Wire',
          publishedAt: events[0]!.publishedAt,
          type: 'arrest',
          count: 3,
          sentence: 'Three were detained.',
        },
      );
      assert.match(String(events[0]!.publishedAt), /^2025-05-01/);
      assert.equal((await store.enrichment.listEvents({ type: 'attack', limit: 10 })).length, 0);
      assert.equal(
        (await store.enrichment.listEvents({ articleIds: [ids[1]!, ids[2]!], limit: 10 })).length,
        0,
      );
      assert.equal((await store.enrichment.listEvents({ articleIds: [ids[0]!], limit: 10 })).length, 1);
      assert.equal((await store.enrichment.listEvents({ articleIds: [], limit: 10 })).length, 0);
      assert.equal((await store.enrichment.listEvents({ entityId: group.id, limit: 10 })).length, 1);
      assert.equal((await store.enrichment.listEvents({ limit: 10, offset: 1 })).length, 0);
    });

    it('edits the gazetteer: a user entity and alias, refusals, a merge; a reload keeps user edits', async () => {
      const added = await store.enrichment.addEntity(
        {
          slug: 'jamaat-ansarullah',
          type: 'organisation',
          name: 'Jamaat Ansarullah',
          aliases: ['Джамаат Ансаруллах'],
        },
        'user',
      );
      assert.equal(added.origin, 'user');
      await expectCode(
        store.enrichment.addEntity(
          { slug: 'jamaat-ansarullah', type: 'organisation', name: 'Other', aliases: [] },
          'user',
        ),
        'ENTITY_EXISTS',
        /jamaat-ansarullah/,
      );
      await expectCode(
        store.enrichment.addEntity({ slug: 'kz2', type: 'place', name: 'Qazaqstan', aliases: [] }, 'user'),
        'ENTITY_ALIAS_TAKEN',
        /"qazaqstan" already names the entity "kazakhstan"/,
      );
      await store.enrichment.addAlias('hizb-ut-tahrir', 'HuT');
      await expectCode(store.enrichment.addAlias('tokayev', 'hut'), 'ENTITY_ALIAS_TAKEN', /hizb-ut-tahrir/);
      await expectCode(store.enrichment.addAlias('nobody', 'x'), 'ENTITY_NOT_FOUND', /"nobody"/);
      const beforeRemoval = await store.enrichment.gazetteerVersion();
      assert.equal(
        await store.enrichment.removeAlias('hizb-ut-tahrir', ' HUT '),
        'user',
        'any case, spacing',
      );
      assert.equal(await store.enrichment.gazetteerVersion(), beforeRemoval + 1);
      assert.ok(!(await store.enrichment.getEntity('hizb-ut-tahrir'))!.aliases.includes('HuT'));
      assert.equal(await store.enrichment.removeAlias('hizb-ut-tahrir', 'HuT'), null, 'already gone');
      assert.equal(await store.enrichment.gazetteerVersion(), beforeRemoval + 1, 'nothing removed, no bump');
      await expectCode(
        store.enrichment.removeAlias('hizb-ut-tahrir', 'Hizb ut-Tahrir'),
        'GAZETTEER_INVALID',
        /is the name of "hizb-ut-tahrir"/,
      );
      await expectCode(store.enrichment.removeAlias('nobody', 'x'), 'ENTITY_NOT_FOUND', /"nobody"/);
      await store.enrichment.addAlias('hizb-ut-tahrir', 'HuT');
      const versionBefore = await store.enrichment.gazetteerVersion();

      await store.enrichment.addEntity(
        { slug: 'hut-duplicate', type: 'organisation', name: 'Hizb at-Tahrir', aliases: [] },
        'user',
      );
      const duplicate = (await store.enrichment.getEntity('hut-duplicate'))!;
      const group = (await store.enrichment.getEntity('hizb-ut-tahrir'))!;
      await store.enrichment.saveEnrichments(
        [
          {
            articleId: ids[2]!,
            mentions: [
              {
                entityId: duplicate.id,
                mentions: 1,
                firstOffset: 0,
                surface: 'Hizb at-Tahrir',
                via: 'exact',
              },
            ],
            topics: [],
            events: [],
            spellings: [],
          },
        ],
        versionBefore + 1,
      );
      await store.enrichment.mergeEntities('hut-duplicate', 'hizb-ut-tahrir');
      const merged = (await store.enrichment.getEntity('hut-duplicate'))!;
      assert.equal(merged.mergedInto, group.id);
      assert.ok((await store.enrichment.getEntity('hizb-ut-tahrir'))!.aliases.includes('Hizb at-Tahrir'));
      assert.deepEqual(
        (await store.enrichment.articleEnrichment(ids[2]!))!.mentions.map((m) => m.slug),
        ['hizb-ut-tahrir'],
      );
      assert.ok(!(await store.enrichment.listEntities()).some((e) => e.slug === 'hut-duplicate'));
      assert.ok((await store.enrichment.gazetteerVersion()) > versionBefore);

      const reload = await store.enrichment.loadGazetteer(gazetteer.slice(0, 2));
      assert.equal(reload.removed, 1, 'tokayev left the gazetteer');
      const after = await store.enrichment.listEntities();
      assert.deepEqual(after.map((e) => e.slug).sort(), [
        'hizb-ut-tahrir',
        'jamaat-ansarullah',
        'kazakhstan',
        'kz-almaty-region',
        'kz-talgar',
        'kz-talgar-district',
      ]);
      const aliases = after.find((e) => e.slug === 'hizb-ut-tahrir')!.aliases;
      assert.ok(
        aliases.includes('HuT') && aliases.includes('Hizb at-Tahrir'),
        'user spellings survive a reload',
      );
      await expectCode(
        store.enrichment.loadGazetteer([
          ...gazetteer,
          { slug: 'jamaat-ansarullah', type: 'organisation', name: 'JA', aliases: [] },
        ]),
        'GAZETTEER_INVALID',
        /slug of an entity a user added/,
      );
      await expectCode(
        store.enrichment.loadGazetteer([
          ...gazetteer,
          { slug: 'hut-again', type: 'organisation', name: 'HuT', aliases: [] },
        ]),
        'GAZETTEER_INVALID',
        /already an alias a user gave/,
      );
      assert.equal((await store.enrichment.listEntities()).length, 6, 'a refused reload changed nothing');
    });
  });
}
