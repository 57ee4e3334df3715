/**
 * The saved-searches part of the Store contract (src/store/saved-searches.ts), run by store-contract.ts
 * on every implementation: saved with an audit entry, unique per owner, private or shared, removed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import type { Store } from '../../src/store/store.ts';

export function runSavedSearchContract(openEmpty: () => Promise<Store>): void {
  describe('saved searches', () => {
    let store: Store;
    let ana: number;
    let bo: number;
    const audit = (target: string) => ({ actor: 'cli:test', action: 'watch.add', target });
    before(async () => {
      store = await openEmpty();
      const user = (name: string) =>
        store.accounts.addUser(
          { name, role: 'analyst', passwordHash: 'h', mustChangePassword: false },
          { actor: 'cli:test', action: 'user.add', target: name },
        );
      ana = (await user('ana')).id;
      bo = (await user('bo')).id;
    });
    after(() => store.close());

    it('saves a search with its deliveries and audit entry, once per owner and name', async () => {
      const at = new Date('2025-05-05T06:00:00.000Z');
      const saved = await store.savedSearches.add(
        {
          ownerId: ana,
          name: 'HTS returnees',
          query: 'org:HTS (returnee* OR repatriat*)',
          shared: false,
          webhookUrl: 'https://hooks.example/wirewatch',
          digest: 'daily',
        },
        audit('HTS returnees'),
        at,
      );
      assert.deepEqual(saved, {
        id: saved.id,
        ownerId: ana,
        ownerName: 'ana',
        name: 'HTS returnees',
        query: 'org:HTS (returnee* OR repatriat*)',
        shared: false,
        webhookUrl: 'https://hooks.example/wirewatch',
        digest: 'daily',
        createdAt: at.toISOString(),
        lastRunAt: null,
        hits: 0,
        unreadHits: 0,
      });
      await assert.rejects(
        store.savedSearches.add(
          {
            ownerId: ana,
            name: 'HTS returnees',
            query: 'x',
            shared: false,
            webhookUrl: null,
            digest: 'none',
          },
          audit('HTS returnees'),
        ),
        (error) => isAppError(error, 'WATCH_EXISTS'),
      );
      const again = await store.savedSearches.add(
        { ownerId: bo, name: 'HTS returnees', query: 'HTS', shared: true, webhookUrl: null, digest: 'none' },
        audit('HTS returnees'),
      );
      assert.equal(again.ownerName, 'bo');
      assert.equal((await store.accounts.listAudit({ action: 'watch.add' })).length, 2);
    });

    it('lists what a user may see: their own and the shared ones', async () => {
      await store.savedSearches.add(
        { ownerId: bo, name: 'private of bo', query: 'Osh', shared: false, webhookUrl: null, digest: 'none' },
        audit('private of bo'),
      );
      const seenByAna = (await store.savedSearches.list({ visibleTo: ana })).map(
        (s) => `${s.ownerName}/${s.name}`,
      );
      assert.deepEqual(seenByAna, ['ana/HTS returnees', 'bo/HTS returnees']);
      assert.equal((await store.savedSearches.list()).length, 3);
    });

    it('removes a search with an audit entry, and says when there was none', async () => {
      const [first] = await store.savedSearches.list({ visibleTo: ana });
      assert.equal(
        await store.savedSearches.remove(first!.id, { ...audit(first!.name), action: 'watch.remove' }),
        true,
      );
      assert.equal(await store.savedSearches.get(first!.id), null);
      assert.equal(
        await store.savedSearches.remove(first!.id, { ...audit(first!.name), action: 'watch.remove' }),
        false,
      );
      assert.equal((await store.accounts.listAudit({ action: 'watch.remove' })).length, 1);
    });
  });
}
