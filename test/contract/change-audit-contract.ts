/**
 * Audit entries of the changes to sources and the gazetteer, the part of the Store contract run by
 * store-contract.ts on every implementation: following a feed and stopping (`source.add`,
 * `source.remove`), a gazetteer load and each user edit of it (`gazetteer.load`, `entity.add`,
 * `entity.alias`, `entity.unalias`, `entity.merge`), each written with its change, naming who did it;
 * a change that does nothing (a feed already followed, a spelling the entity lacks) or is refused
 * writes none, and a change made for no one (the ingest reloading the shipped gazetteer) none either.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import type { AuditEntry } from '../../src/store/accounts.ts';
import type { EntityRecord } from '../../src/store/enrichment.ts';
import type { Store } from '../../src/store/store.ts';

const t0 = new Date('2025-06-02T09:00:00.000Z');

const gazetteer: EntityRecord[] = [
  { slug: 'kyrgyzstan', type: 'place', subtype: 'country', name: 'Kyrgyzstan', aliases: ['Киргизия'] },
  { slug: 'osh', type: 'place', subtype: 'city', name: 'Osh', aliases: ['Ош'] },
];

export function runChangeAuditContract(openEmpty: () => Promise<Store>): void {
  describe('audit entries of source and gazetteer changes', () => {
    let store: Store;
    before(async () => {
      store = await openEmpty();
    });
    after(() => store.close());

    /** The entries of these actions, oldest first, without their ids. */
    const entries = async (...actions: string[]) =>
      (await store.accounts.listAudit({ limit: 1000 }))
        .filter((entry) => actions.includes(entry.action))
        .reverse()
        .map(({ id: _id, ...entry }) => entry);

    it('audits a feed followed, with its source, once; an already followed feed writes nothing', async () => {
      const { subscription, created } = await store.subscriptions.add(
        { feedUrl: 'https://steppe.example/feed.xml#top', sourceName: 'Steppe  Herald', intervalMinutes: 60 },
        t0,
        { actor: 'boss', via: 'found on https://steppe.example/' },
      );
      assert.equal(created, true);
      const again = await store.subscriptions.add(
        { feedUrl: 'https://steppe.example/feed.xml', sourceName: 'Other' },
        t0,
        { actor: 'ana' },
      );
      assert.deepEqual([again.created, again.subscription.id], [false, subscription.id]);
      await store.subscriptions.add(
        { feedUrl: 'https://valley.example/rss', sourceName: 'Valley Wire' },
        t0,
        {
          actor: 'cli:root',
        },
      );
      // Unaudited: what a caller acting for no one (a test, a benchmark) does.
      await store.subscriptions.add({ feedUrl: 'https://quiet.example/rss', sourceName: 'Quiet' }, t0);
      assert.deepEqual(await entries('source.add'), [
        {
          at: t0.toISOString(),
          actor: 'boss',
          action: 'source.add',
          target: 'https://steppe.example/feed.xml',
          detail: 'source "Steppe Herald", every 60 min, found on https://steppe.example/',
        },
        {
          at: t0.toISOString(),
          actor: 'cli:root',
          action: 'source.add',
          target: 'https://valley.example/rss',
          detail: 'source "Valley Wire", every 30 min',
        },
      ]);
      assert.equal((await store.subscriptions.list()).length, 3);
    });

    it('writes neither feed nor entry when the feed is refused', async () => {
      const before = (await store.accounts.listAudit()).length;
      for (const feedUrl of [
        'ftp://files.example/feed.xml',
        'https://user:pw@steppe.example/x',
        'not a url',
      ]) {
        await assert.rejects(
          store.subscriptions.add({ feedUrl, sourceName: 'Refused' }, t0, { actor: 'boss' }),
          (error) => isAppError(error, 'SUBSCRIPTION_INVALID'),
        );
      }
      await assert.rejects(
        store.subscriptions.add({ feedUrl: 'https://x.example/', sourceName: '!!!' }, t0, { actor: 'boss' }),
        (error) => isAppError(error, 'SUBSCRIPTION_INVALID'),
      );
      assert.equal((await store.accounts.listAudit()).length, before);
      assert.equal((await store.subscriptions.list()).length, 3);
    });

    it('audits a feed removed, once, with its source and what stays', async () => {
      const valley = (await store.subscriptions.list()).find((s) => s.sourceName === 'Valley Wire')!;
      const at = new Date('2025-06-03T10:00:00.000Z');
      assert.equal(await store.subscriptions.remove(valley.id, { actor: 'boss' }, at), true);
      assert.equal(await store.subscriptions.remove(valley.id, { actor: 'boss' }, at), false, 'gone already');
      assert.equal(await store.subscriptions.remove(999_999, { actor: 'boss' }, at), false);
      assert.deepEqual(await entries('source.remove'), [
        {
          at: at.toISOString(),
          actor: 'boss',
          action: 'source.remove',
          target: 'https://valley.example/rss',
          detail: `source "Valley Wire", #${valley.id}, its 0 articles kept`,
        },
      ]);
      assert.equal(await store.subscriptions.get(valley.id), null);
      const quiet = (await store.subscriptions.list()).find((s) => s.sourceName === 'Quiet')!;
      assert.equal(await store.subscriptions.remove(quiet.id), true);
      assert.equal((await entries('source.remove')).length, 1, 'an unaudited removal writes none');
    });

    it('writes one entry when two callers follow, then remove, the same feed at once', async () => {
      const feedUrl = 'https://race.example/feed.xml';
      const adds = await Promise.all(
        ['boss', 'ana', 'cli:root'].map((actor) =>
          store.subscriptions.add({ feedUrl, sourceName: 'Race Wire' }, t0, { actor }),
        ),
      );
      assert.equal(adds.filter((add) => add.created).length, 1);
      assert.equal(new Set(adds.map((add) => add.subscription.id)).size, 1);
      assert.equal((await entries('source.add')).filter((entry) => entry.target === feedUrl).length, 1);
      const id = adds[0]!.subscription.id;
      const removals = await Promise.all(
        ['boss', 'ana', 'cli:root'].map((actor) => store.subscriptions.remove(id, { actor })),
      );
      assert.equal(removals.filter(Boolean).length, 1);
      assert.equal((await entries('source.remove')).filter((entry) => entry.target === feedUrl).length, 1);
    });

    it('audits a gazetteer load with what it did, and a load for no one not at all', async () => {
      await store.enrichment.loadGazetteer(gazetteer, 7);
      assert.deepEqual(await entries('gazetteer.load'), []);
      await store.enrichment.loadGazetteer([...gazetteer.slice(1), { ...gazetteer[0]!, slug: 'kg' }], 8, {
        actor: 'cli:root',
        action: 'gazetteer.load',
        target: '/srv/gazetteer',
        detail: "a user's gazetteer, 2 files",
      });
      const [load] = await entries('gazetteer.load');
      assert.deepEqual(
        { ...load, at: '' },
        {
          at: '',
          actor: 'cli:root',
          action: 'gazetteer.load',
          target: '/srv/gazetteer',
          detail: "a user's gazetteer, 2 files; 2 entities: 1 new, 1 updated, 1 removed",
        },
      );
    });

    it('refuses a load whose spelling names two entities without an entry', async () => {
      await assert.rejects(
        store.enrichment.loadGazetteer(
          [...gazetteer, { slug: 'osh2', type: 'place', name: 'Osh', aliases: [] }],
          9,
          { actor: 'cli:root', action: 'gazetteer.load', target: '/srv/bad' },
        ),
        (error) => isAppError(error, 'GAZETTEER_INVALID'),
      );
      assert.equal((await entries('gazetteer.load')).length, 1);
    });

    it('audits each gazetteer edit that changes something, with the entity as the target', async () => {
      await store.enrichment.addEntity(
        { slug: 'osh-region', type: 'place', name: 'Osh Region', aliases: ['Ошская область'] },
        'user',
        'ana',
      );
      await assert.rejects(
        store.enrichment.addEntity(
          { slug: 'osh-region', type: 'place', name: 'Again', aliases: [] },
          'user',
          'ana',
        ),
        (error) => isAppError(error, 'ENTITY_EXISTS'),
      );
      await store.enrichment.addAlias('osh-region', '  Osh  oblast ', 'ana');
      await assert.rejects(store.enrichment.addAlias('osh', 'osh oblast', 'ana'), (error) =>
        isAppError(error, 'ENTITY_ALIAS_TAKEN'),
      );
      assert.equal(await store.enrichment.removeAlias('osh-region', 'osh oblast', 'cli:root'), 'user');
      assert.equal(await store.enrichment.removeAlias('osh-region', 'osh oblast', 'cli:root'), null);
      await store.enrichment.addEntity(
        { slug: 'osh-town', type: 'place', name: 'Osh Town', aliases: [] },
        'user',
      );
      await store.enrichment.mergeEntities('osh-town', 'osh', 'cli:root');
      await assert.rejects(store.enrichment.mergeEntities('nobody', 'osh', 'cli:root'), (error) =>
        isAppError(error, 'ENTITY_NOT_FOUND'),
      );
      const edits = (await entries('entity.add', 'entity.alias', 'entity.unalias', 'entity.merge')).map(
        (entry: Omit<AuditEntry, 'id'>) => [entry.actor, entry.action, entry.target, entry.detail],
      );
      assert.deepEqual(edits, [
        ['ana', 'entity.add', 'osh-region', 'place "Osh Region", 2 spellings'],
        ['ana', 'entity.alias', 'osh-region', '"Osh oblast"'],
        ['cli:root', 'entity.unalias', 'osh-region', '"osh oblast" (a user spelling)'],
        ['cli:root', 'entity.merge', 'osh-town', 'into osh, with its 1 spelling'],
      ]);
    });
  });
}
