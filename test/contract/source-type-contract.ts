/**
 * Outlet types, the part of the Store contract an admin sets per source (Store.setSourceType, run by
 * store-contract.ts on every implementation): set, changed and cleared with an audit entry each,
 * found by name or slug, refused for an unknown source or type, listed with the sources, and given
 * to the watch desk with what each article brings to its story (SavedSearchStore.storyFacts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import type { OutletType } from '../../src/core/outlet-types.ts';
import type { Store } from '../../src/store/store.ts';

export function runSourceTypeContract(openEmpty: () => Promise<Store>): void {
  describe('outlet types of sources', () => {
    let store: Store;
    let ids: number[];
    before(async () => {
      store = await openEmpty();
      const written = await store.addArticles(
        ['Osh Regional News', 'Ministry of Internal Affairs', 'Steppe Blog'].map((source, index) => ({
          source,
          title: `Headline ${index}`,
          text: `Body text number ${index} of the contract.`,
        })),
      );
      ids = written.map((outcome) => (outcome as { id: number }).id);
    });
    after(() => store.close());

    const typeOf = async (name: string) =>
      (await store.listSources()).find((source) => source.name === name)?.outletType;

    it('lists every source untyped until an admin says', async () => {
      assert.deepEqual((await store.listSources()).map((source) => [source.name, source.outletType]).sort(), [
        ['Ministry of Internal Affairs', null],
        ['Osh Regional News', null],
        ['Steppe Blog', null],
      ]);
    });

    it('sets, changes and clears a type by name or slug, each change audited with the old type', async () => {
      const at = new Date('2025-05-06T10:00:00.000Z');
      const set = await store.setSourceType('osh regional news', 'regional', 'cli:admin', at);
      assert.deepEqual(
        { ...set, id: 0 },
        {
          id: 0,
          name: 'Osh Regional News',
          slug: 'osh-regional-news',
          outletType: 'regional',
          previous: null,
        },
      );
      assert.equal(await typeOf('Osh Regional News'), 'regional');
      const changed = await store.setSourceType('osh-regional-news', 'national', 'cli:admin', at);
      assert.deepEqual([changed.outletType, changed.previous], ['national', 'regional']);
      await store.setSourceType('Ministry of Internal Affairs', 'official', 'cli:admin', at);
      const cleared = await store.setSourceType('Osh Regional News', null, 'cli:admin', at);
      assert.deepEqual([cleared.outletType, cleared.previous], [null, 'national']);
      assert.equal(await typeOf('Osh Regional News'), null);
      assert.equal(await typeOf('Ministry of Internal Affairs'), 'official');
      const audit = await store.accounts.listAudit({ action: 'source.type' });
      assert.deepEqual(audit.map((entry) => [entry.actor, entry.target, entry.detail, entry.at]).reverse(), [
        ['cli:admin', 'Osh Regional News', 'regional (was none)', at.toISOString()],
        ['cli:admin', 'Osh Regional News', 'national (was regional)', at.toISOString()],
        ['cli:admin', 'Ministry of Internal Affairs', 'official (was none)', at.toISOString()],
        ['cli:admin', 'Osh Regional News', 'none (was national)', at.toISOString()],
      ]);
    });

    it('refuses an unknown source or type and writes nothing', async () => {
      const before = (await store.accounts.listAudit({ action: 'source.type' })).length;
      await assert.rejects(store.setSourceType('Nowhere Gazette', 'national', 'cli:admin'), (error) =>
        isAppError(error, 'SOURCE_NOT_FOUND'),
      );
      await assert.rejects(store.setSourceType('', 'national', 'cli:admin'), (error) =>
        isAppError(error, 'SOURCE_NOT_FOUND'),
      );
      await assert.rejects(
        store.setSourceType('Steppe Blog', 'tabloid' as OutletType, 'cli:admin'),
        (error) => isAppError(error, 'SOURCE_TYPE_INVALID') && /wire, national, regional/.test(error.message),
      );
      assert.equal(await typeOf('Steppe Blog'), null);
      assert.equal((await store.accounts.listAudit({ action: 'source.type' })).length, before);
    });

    it('gives each article’s outlet type with what it brings to its story', async () => {
      await store.setSourceType('Steppe Blog', 'social', 'cli:admin');
      const facts = await store.savedSearches.storyFacts({
        after: Math.min(...ids) - 1,
        upTo: Math.max(...ids),
      });
      assert.deepEqual(
        ids.map((id) => facts.get(id)?.outletType),
        [null, 'official', 'social'],
      );
    });
  });
}
