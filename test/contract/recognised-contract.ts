/**
 * The recognised-names part of the Store contract (src/store/recognised-entities.ts), on every store:
 * a name the recogniser found is filed under one entity per type and transliteration key, whatever the
 * spelling, script or article; a surname alone joins the one person of that surname; a merged entity is
 * not made again; the gazetteer's spellings win over the recogniser's; the gazetteer version does not
 * move; and two writers filing the same new name at once make one entity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseQuery } from '../../src/search/query-parser.ts';
import type { ArticleEnrichment, RecognisedMention } from '../../src/store/enrichment.ts';
import type { Store } from '../../src/store/store.ts';
import type { ReopenStore } from './store-contract.ts';

const key = 'bakat taktasanav';

function person(name: string, surface: string, extra: Partial<RecognisedMention> = {}): RecognisedMention {
  return {
    type: 'person',
    name,
    key,
    slug: 'bakyt-toktosunov-abc123',
    surnameKey: 'taktasanav',
    surnameOnly: false,
    mentions: 1,
    firstOffset: 0,
    surface,
    ...extra,
  };
}

function findings(articleId: number, recognised: RecognisedMention[]): ArticleEnrichment {
  return { articleId, mentions: [], topics: [], events: [], spellings: [], recognised };
}

/** Runs the tests on stores from `openEmpty` (and, when given, a second writer from `reopen`). */
export function runRecognisedContract(openEmpty: () => Promise<Store>, reopen?: ReopenStore): void {
  describe('recognised names (filed under entities)', () => {
    let store: Store;
    let ids: number[];
    before(async () => {
      store = await openEmpty();
      const outcomes = await store.addArticles(
        [1, 2, 3, 4, 5].map((n) => ({
          source: 'Names Wire',
          title: `Names ${n}`,
          text: `Story ${n} about a blogger.`,
          url: `https://names.example/${n}`,
        })),
      );
      ids = outcomes.map((outcome) => (outcome as { id: number }).id);
      await store.enrichment.loadGazetteer([
        { slug: 'kyrgyzstan', type: 'place', name: 'Kyrgyzstan', aliases: ['Кыргызстан'] },
      ]);
    });
    after(async () => store.close());

    const found_ = async (q: string) => found(q);
    const found = async (q: string) =>
      (await store.search({ query: parseQuery(q), sort: 'oldest', page: 1, perPage: 10 })).hits.map(
        (hit) => hit.article.id,
      );

    it('files one name in two scripts and two articles under one entity, without moving the version', async () => {
      const version = await store.enrichment.gazetteerVersion();
      await store.enrichment.saveEnrichments(
        [
          findings(ids[0]!, [person('Bakyt Toktosunov', 'Bakyt Toktosunov')]),
          findings(ids[1]!, [
            person('Бакыт Токтосунов', 'Бакыта Токтосунова', { slug: 'bakyt-toktosunov-abc123' }),
          ]),
        ],
        version,
      );
      assert.equal(await store.enrichment.gazetteerVersion(), version, 'recognition is not a gazetteer edit');
      const recognised = (await store.enrichment.listEntities()).filter((e) => e.origin === 'recognised');
      assert.equal(recognised.length, 1);
      const entity = recognised[0]!;
      assert.deepEqual(
        [entity.slug, entity.type, entity.name],
        ['bakyt-toktosunov-abc123', 'person', 'Bakyt Toktosunov'],
      );
      assert.deepEqual(entity.aliases.sort(), ['Bakyt Toktosunov', 'Бакыт Токтосунов'].sort());
      assert.deepEqual(await found('person:bakyt-toktosunov-abc123'), [ids[0], ids[1]]);
      assert.deepEqual(await found('person:"Бакыт Токтосунов"'), [ids[0], ids[1]], 'by either spelling');
      const article = await store.enrichment.articleEnrichment(ids[1]!);
      assert.deepEqual(
        article?.mentions.map((m) => [m.slug, m.surface, m.via]),
        [['bakyt-toktosunov-abc123', 'Бакыта Токтосунова', 'recognised']],
      );
    });

    it('files a surname alone under the one person of that surname, and nowhere when there are two', async () => {
      const version = await store.enrichment.gazetteerVersion();
      const alone = person('Токтосунов', 'Токтосунова', {
        key: 'taktasanav',
        slug: 'toktosunov-def456',
        surnameOnly: true,
      });
      await store.enrichment.saveEnrichments([findings(ids[2]!, [alone])], version);
      assert.deepEqual(await found('person:bakyt-toktosunov-abc123'), [ids[0], ids[1], ids[2]]);
      // A second person of that surname: a surname alone is then nobody's.
      await store.enrichment.saveEnrichments(
        [
          findings(ids[3]!, [
            person('Aibek Toktosunov', 'Aibek Toktosunov', {
              key: 'abak taktasanav',
              slug: 'aibek-toktosunov-fed789',
            }),
          ]),
        ],
        version,
      );
      await store.enrichment.saveEnrichments([findings(ids[4]!, [alone])], version);
      assert.deepEqual(await found('person:bakyt-toktosunov-abc123'), [ids[0], ids[1], ids[2]]);
      assert.deepEqual((await store.enrichment.articleEnrichment(ids[4]!))?.mentions, []);
    });

    it('replaces an article’s recognised names on re-enrichment, and keeps a merged entity merged', async () => {
      const version = await store.enrichment.gazetteerVersion();
      await store.enrichment.saveEnrichments([findings(ids[2]!, [])], version);
      assert.deepEqual(await found('person:bakyt-toktosunov-abc123'), [ids[0], ids[1]]);
      await store.enrichment.addEntity(
        { slug: 'toktosunov-b', type: 'person', name: 'B. Toktosunov', aliases: [] },
        'user',
      );
      await store.enrichment.mergeEntities('bakyt-toktosunov-abc123', 'toktosunov-b');
      const after = await store.enrichment.gazetteerVersion();
      await store.enrichment.saveEnrichments(
        [findings(ids[2]!, [person('Bakyt Toktosunov', 'Bakyt Toktosunov')])],
        after,
      );
      const recognised = (await store.enrichment.listEntities()).filter(
        (e) => e.origin === 'recognised' && e.type === 'person',
      );
      assert.deepEqual(
        recognised.map((e) => e.slug),
        ['aibek-toktosunov-fed789'],
        'the merged one is not made again',
      );
      const article = await store.enrichment.articleEnrichment(ids[2]!);
      assert.deepEqual(
        article?.mentions.map((m) => m.slug),
        ['toktosunov-b'],
        'filed under the entity it was merged into',
      );
    });

    it('gives a recognised spelling up to a gazetteer that claims it', async () => {
      const version = await store.enrichment.gazetteerVersion();
      const place: RecognisedMention = {
        type: 'place',
        name: 'Kok-Zhar',
        key: 'kak jar',
        slug: 'kok-zhar-aaa111',
        surnameOnly: false,
        mentions: 1,
        firstOffset: 5,
        surface: 'Kok-Zhar',
      };
      await store.enrichment.saveEnrichments([findings(ids[3]!, [place])], version);
      await store.enrichment.loadGazetteer([
        { slug: 'kyrgyzstan', type: 'place', name: 'Kyrgyzstan', aliases: ['Кыргызстан'] },
        { slug: 'kg-kok-zhar', type: 'place', name: 'Kok-Zhar', aliases: [] },
      ]);
      const gazetteerPlace = await store.enrichment.getEntity('kg-kok-zhar');
      assert.deepEqual(gazetteerPlace?.aliases, ['Kok-Zhar']);
      assert.deepEqual((await store.enrichment.getEntity('kok-zhar-aaa111'))?.aliases, []);
    });

    it('lets a user’s entity or spelling take over what the recogniser found under that spelling', async () => {
      const version = await store.enrichment.gazetteerVersion();
      const found: RecognisedMention = {
        type: 'organisation',
        name: 'Adilet Clinic',
        key: 'adalat klanak',
        slug: 'adilet-clinic-ccc333',
        surnameOnly: false,
        mentions: 2,
        firstOffset: 3,
        surface: 'Adilet Clinic',
      };
      await store.enrichment.saveEnrichments([findings(ids[4]!, [found])], version);
      assert.deepEqual(await found_('org:adilet-clinic-ccc333'), [ids[4]]);
      const added = await store.enrichment.addEntity(
        { slug: 'adilet', type: 'organisation', name: 'Adilet Legal Clinic', aliases: ['Adilet Clinic'] },
        'user',
      );
      assert.deepEqual(added.aliases.sort(), ['Adilet Clinic', 'Adilet Legal Clinic']);
      assert.deepEqual(await found_('org:adilet'), [ids[4]], 'the articles come along');
      assert.equal((await store.enrichment.getEntity('adilet-clinic-ccc333'))?.mergedInto, added.id);
      // Filed again later, the name lands on the user's entity, not on a new recognised one.
      await store.enrichment.saveEnrichments([findings(ids[3]!, [found])], version);
      assert.deepEqual(await found_('org:adilet'), [ids[3], ids[4]]);
    });

    it('makes a new name once when two writers file it at the same time', {
      skip: reopen === undefined ? 'one writer only' : false,
    }, async () => {
      const other = await reopen!(store);
      try {
        const version = await store.enrichment.gazetteerVersion();
        const name: RecognisedMention = {
          type: 'organisation',
          name: 'Steppe Watch Foundation',
          key: 'stap wach fandatan',
          slug: 'steppe-watch-foundation-bbb222',
          surnameOnly: false,
          mentions: 1,
          firstOffset: 0,
          surface: 'Steppe Watch Foundation',
        };
        await Promise.all([
          store.enrichment.saveEnrichments([findings(ids[0]!, [name])], version),
          other.enrichment.saveEnrichments([findings(ids[1]!, [name])], version),
        ]);
        const made = (await store.enrichment.listEntities()).filter((e) => e.slug === name.slug);
        assert.equal(made.length, 1);
        assert.deepEqual(await found('org:steppe-watch-foundation-bbb222'), [ids[0], ids[1]]);
      } finally {
        await other.close();
      }
    });
  });
}
