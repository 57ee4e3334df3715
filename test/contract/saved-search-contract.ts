/**
 * The saved-searches part of the Store contract (src/store/saved-searches.ts), run by store-contract.ts
 * on every implementation: saved with an audit entry, unique per owner, private or shared, removed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { staleDigestClaimMs } from '../../src/store/saved-searches.ts';
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
        matchedUpTo: 0,
        hits: 0,
        alerts: 0,
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

    it('finds which articles of an id range a query matches, whatever the rest of the archive holds', async () => {
      const written = await store.addArticles(
        [
          [
            'Steppe Herald',
            'Border guards detain smugglers',
            'Border guards in Osh detained three smugglers.',
          ],
          ['Steppe Herald', 'Market news', 'Prices rose at the Osh bazaar.'],
          ['Valley Times', 'Border talks', 'Talks on the border resumed in Bishkek.'],
          ['Valley Times', 'Weather', 'Snow is expected in the mountains.'],
          ['Valley Times', 'Border guards again', 'The border guards reported a quiet week.'],
        ].map(([source, title, text]) => ({ source: source!, title: title!, text: text! })),
      );
      const ids = written.map((outcome) => (outcome as { id: number }).id);
      const all = { after: Math.min(...ids) - 1, upTo: Math.max(...ids) };
      const match = (q: string, range = all, limit = 100) => store.matchingIds(parseQuery(q), range, limit);
      const of = (...indexes: number[]) => indexes.map((index) => ids[index]!).sort((a, b) => a - b);
      assert.deepEqual(await match('border'), of(0, 2, 4));
      assert.deepEqual(await match('border', { after: ids[2]! - 1, upTo: ids[2]! }), of(2));
      assert.deepEqual(await match('Osh', { after: ids[2]! - 1, upTo: ids[2]! }), []);
      assert.deepEqual(await match('"border guards" -Osh'), of(4));
      assert.deepEqual(await match('-border'), of(1, 3));
      assert.deepEqual(await match('source:"Valley Times" -border'), of(3));
      assert.deepEqual(await match('border', all, 2), of(0, 2, 4).slice(0, 2));
      assert.deepEqual(await match('border', { after: all.upTo, upTo: all.upTo + 10 }), []);
    });

    it('records hits once per article with the new position of the search, and gives them back by story', async () => {
      const [search] = await store.savedSearches.list({ visibleTo: bo });
      // A webhook, so that its alerts are queued (while it still has one when a pass records).
      await store.savedSearches.update(
        search!.id,
        { webhookUrl: 'https://hooks.example/bo' },
        { actor: 'cli:test', action: 'watch.edit', target: search!.name },
      );
      const upTo = await store.savedSearches.highestArticleId();
      assert.ok(upTo >= 5);
      const at = new Date('2025-05-06T07:00:00.000Z');
      assert.ok((await store.savedSearches.behind(upTo)).some((behind) => behind.id === search!.id));
      await store.savedSearches.recordPass(
        [
          {
            savedSearchId: search!.id,
            hits: [
              { articleId: upTo - 2, storyId: 70, alert: true, why: 'new story' },
              { articleId: upTo - 1, storyId: 70, alert: false, why: 'same story, nothing new' },
              { articleId: upTo, storyId: null, alert: true, why: 'new story' },
            ],
            upTo,
            webhook: true,
          },
        ],
        at,
      );
      // The same article again (a pass redone) changes nothing.
      await store.savedSearches.recordPass([
        {
          savedSearchId: search!.id,
          hits: [{ articleId: upTo - 1, storyId: 70, alert: true, why: 'changed' }],
          upTo,
          webhook: true,
        },
      ]);
      // Alerts of a search with a webhook are queued once each; the redone pass queued nothing new.
      const queued = await store.savedSearches.listDeliveries(search!.id);
      assert.deepEqual(
        queued
          .map((delivery) => [delivery.articleId, delivery.state, delivery.attempts, delivery.why])
          .sort(),
        [
          [upTo - 2, 'pending', 0, 'new story'],
          [upTo, 'pending', 0, 'new story'],
        ].sort(),
      );
      assert.equal(
        (await store.savedSearches.behind(upTo)).some((behind) => behind.id === search!.id),
        false,
      );
      assert.deepEqual(
        (await store.savedSearches.behind(upTo + 1)).find((behind) => behind.id === search!.id),
        {
          id: search!.id,
          name: search!.name,
          query: search!.query,
          matchedUpTo: upTo,
          webhookUrl: 'https://hooks.example/bo',
        },
      );
      const after = await store.savedSearches.get(search!.id);
      assert.equal(after?.matchedUpTo, upTo);
      assert.equal(after?.lastRunAt, at.toISOString());
      assert.deepEqual([after?.hits, after?.alerts, after?.unreadHits], [3, 2, 2]);
      // By the story the articles are in now, not the story id the hits were recorded with.
      assert.deepEqual(await store.savedSearches.storyHits(search!.id, 70), []);
      const place = (articleId: number, clusterId: number, mergeClusterIds: number[] = []) =>
        store.clusters.place({
          articleId,
          clusterId,
          fingerprint: new Uint8Array(8),
          bandKeys: [],
          mergeClusterIds,
        });
      await place(upTo - 2, upTo - 2);
      await place(upTo - 1, upTo - 2);
      assert.deepEqual(await store.savedSearches.storyHits(search!.id, upTo - 2), [upTo - 2, upTo - 1]);
      // A story merged into another one later is followed there.
      await place(upTo - 3, upTo - 3, [upTo - 2]);
      assert.deepEqual(await store.savedSearches.storyHits(search!.id, upTo - 2), []);
      assert.deepEqual(await store.savedSearches.storyHits(search!.id, upTo - 3), [upTo - 2, upTo - 1]);
      assert.deepEqual(
        (await store.savedSearches.listHits(search!.id, { alertsOnly: true })).map((hit) => [
          hit.articleId,
          hit.storyId,
          hit.why,
        ]),
        [
          [upTo, null, 'new story'],
          [upTo - 2, 70, 'new story'],
        ],
      );
      const [newest] = await store.savedSearches.listHits(search!.id, { limit: 1 });
      assert.deepEqual(newest, {
        savedSearchId: search!.id,
        articleId: upTo,
        storyId: null,
        alert: true,
        why: 'new story',
        foundAt: at.toISOString(),
        readAt: null,
      });
      // Paged by article id: the hits below the last one of a page, alerts only when asked.
      assert.deepEqual(
        (await store.savedSearches.listHits(search!.id, { before: upTo, limit: 1 })).map(
          (hit) => hit.articleId,
        ),
        [upTo - 1],
      );
      assert.deepEqual(
        (await store.savedSearches.listHits(search!.id, { before: upTo, alertsOnly: true })).map(
          (hit) => hit.articleId,
        ),
        [upTo - 2],
      );
      assert.deepEqual(await store.savedSearches.listHits(search!.id, { before: upTo - 2 }), []);
    });

    it('gives a user the alerts of their own and shared searches, and marks them read', async () => {
      const [shared] = await store.savedSearches.list({ visibleTo: bo });
      const forAna = await store.savedSearches.inbox(ana, { unreadOnly: true });
      assert.ok(forAna.length >= 2);
      assert.ok(forAna.every((entry) => entry.alert && entry.readAt === null));
      assert.ok(
        forAna.some((entry) => entry.savedSearchId === shared!.id && entry.savedSearchName === shared!.name),
      );
      const first = forAna[0]!;
      assert.equal(
        await store.savedSearches.markRead(ana, [
          { savedSearchId: first.savedSearchId, articleId: first.articleId },
        ]),
        1,
      );
      assert.equal(
        await store.savedSearches.markRead(ana, [
          { savedSearchId: first.savedSearchId, articleId: first.articleId },
        ]),
        0,
      );
      assert.equal(await store.savedSearches.markRead(ana, 'all'), forAna.length - 1);
      assert.deepEqual(await store.savedSearches.inbox(ana, { unreadOnly: true }), []);
      // A day's alerts (the digest): found 2025-05-06 07:00 by the recording test above.
      const day = await store.savedSearches.alertsBetween(
        '2025-05-06T00:00:00.000Z',
        '2025-05-07T00:00:00.000Z',
        {
          userId: ana,
        },
      );
      assert.ok(day.length >= 2);
      assert.ok(day.every((entry) => entry.foundAt.startsWith('2025-05-06')));
      assert.deepEqual(
        await store.savedSearches.alertsBetween('2025-05-07T00:00:00.000Z', '2025-05-08T00:00:00.000Z'),
        [],
      );
      assert.ok((await store.savedSearches.inbox(ana)).every((entry) => entry.readAt !== null));
    });

    it('keeps read state per reader: what ana read of a shared search is still unread for bo', async () => {
      // Ana read everything she sees above, including bo's shared search; bo has read nothing.
      const shared = (await store.savedSearches.list({ visibleTo: bo })).find(
        (search) => search.shared && search.ownerId === bo,
      )!;
      const unreadOf = async (userId: number) =>
        (await store.savedSearches.list({ visibleTo: userId })).find((search) => search.id === shared.id)
          ?.unreadHits;
      assert.equal(await unreadOf(ana), 0);
      assert.equal(await unreadOf(bo), 2);
      assert.equal((await store.savedSearches.get(shared.id))?.unreadHits, 2, 'its owner’s by default');
      assert.equal((await store.savedSearches.get(shared.id, { readerId: ana }))?.unreadHits, 0);
      assert.equal(
        (await store.savedSearches.list({ readerId: ana })).find((search) => search.id === shared.id)
          ?.unreadHits,
        0,
      );
      const boUnread = await store.savedSearches.inbox(bo, { unreadOnly: true });
      assert.deepEqual(
        boUnread.map((entry) => [entry.savedSearchId, entry.readAt]),
        [
          [shared.id, null],
          [shared.id, null],
        ],
      );
      assert.ok((await store.savedSearches.listHits(shared.id)).every((hit) => hit.readAt === null));
      assert.ok(
        (await store.savedSearches.listHits(shared.id, { readerId: ana, alertsOnly: true })).every(
          (hit) => hit.readAt !== null,
        ),
      );
      const dayOf = (userId: number) =>
        store.savedSearches.alertsBetween('2025-05-06T00:00:00.000Z', '2025-05-07T00:00:00.000Z', {
          userId,
        });
      assert.ok((await dayOf(ana)).every((entry) => entry.readAt !== null));
      assert.ok((await dayOf(bo)).every((entry) => entry.readAt === null));

      // Bo reads one: his count drops, ana's read marks (and times) stay as they were.
      const anaBefore = await store.savedSearches.inbox(ana);
      const at = new Date('2025-05-07T09:00:00.000Z');
      const [first] = boUnread;
      assert.equal(
        await store.savedSearches.markRead(
          bo,
          [{ savedSearchId: first!.savedSearchId, articleId: first!.articleId }],
          at,
        ),
        1,
      );
      assert.equal(await unreadOf(bo), 1);
      assert.equal(await unreadOf(ana), 0);
      assert.deepEqual(await store.savedSearches.inbox(ana), anaBefore);
      const [boRead] = (await store.savedSearches.inbox(bo)).filter((entry) => entry.readAt !== null);
      assert.deepEqual([boRead?.articleId, boRead?.readAt], [first!.articleId, at.toISOString()]);

      // Bo cannot mark what he cannot see: ana's private search.
      const own = (await store.savedSearches.list({ visibleTo: ana })).find(
        (search) => search.ownerId === ana,
      )!;
      await store.savedSearches.recordPass([
        {
          savedSearchId: own.id,
          hits: [{ articleId: 1, storyId: null, alert: true, why: 'new story' }],
          upTo: own.matchedUpTo,
          webhook: false,
        },
      ]);
      assert.equal(await store.savedSearches.markRead(bo, [{ savedSearchId: own.id, articleId: 1 }]), 0);
      assert.equal(await store.savedSearches.markRead(bo, 'all'), 1, 'the shared search’s other alert');
      assert.equal((await store.savedSearches.get(own.id))?.unreadHits, 1, 'still unread for ana');
      assert.equal(await store.savedSearches.markRead(ana, [{ savedSearchId: own.id, articleId: 1 }]), 1);
      assert.equal((await store.savedSearches.get(own.id))?.unreadHits, 0);
    });

    it('lists the inbox newest found first, then by search and newest article', async () => {
      const cy = await store.accounts.addUser(
        { name: 'cy', role: 'analyst', passwordHash: 'h', mustChangePassword: false },
        { actor: 'cli:test', action: 'user.add', target: 'cy' },
      );
      const add = (name: string) =>
        store.savedSearches.add(
          { ownerId: cy.id, name, query: 'border', shared: false, webhookUrl: null, digest: 'none' },
          audit(name),
        );
      const [first, second] = [await add('cy one'), await add('cy two')];
      const upTo = await store.savedSearches.highestArticleId();
      const pass = (savedSearchId: number, articleIds: number[]) => ({
        savedSearchId,
        hits: articleIds.map((articleId) => ({ articleId, storyId: null, alert: true, why: 'new story' })),
        upTo,
        webhook: false,
      });
      await store.savedSearches.recordPass(
        [pass(first.id, [upTo - 3, upTo - 1]), pass(second.id, [upTo - 2])],
        new Date('2031-03-01T08:00:00.000Z'),
      );
      await store.savedSearches.recordPass(
        [pass(first.id, [upTo - 4]), pass(second.id, [upTo - 4])],
        new Date('2031-03-01T09:00:00.000Z'),
      );
      assert.deepEqual(
        (await store.savedSearches.inbox(cy.id))
          .filter((entry) => entry.savedSearchId === first.id || entry.savedSearchId === second.id)
          .map((entry) => [entry.savedSearchId, entry.articleId]),
        [
          [second.id, upTo - 4],
          [first.id, upTo - 4],
          [second.id, upTo - 2],
          [first.id, upTo - 1],
          [first.id, upTo - 3],
        ],
      );
    });

    it('queues no delivery for a search whose webhook went while its pass ran', async () => {
      const owner = (await store.accounts.findUserByName('ana'))!;
      const unhooked = await store.savedSearches.add(
        {
          ownerId: owner.id,
          name: 'unhooked mid-pass',
          query: 'border',
          shared: false,
          webhookUrl: 'https://hooks.example/gone',
          digest: 'none',
        },
        audit('unhooked mid-pass'),
      );
      // The pass read the search with its webhook; the webhook is removed before the pass records.
      await store.savedSearches.update(
        unhooked.id,
        { webhookUrl: null },
        { actor: 'cli:test', action: 'watch.edit', target: 'unhooked mid-pass' },
      );
      const upTo = await store.savedSearches.highestArticleId();
      await store.savedSearches.recordPass([
        {
          savedSearchId: unhooked.id,
          hits: [{ articleId: upTo, storyId: null, alert: true, why: 'new story' }],
          upTo,
          webhook: true,
        },
      ]);
      assert.equal((await store.savedSearches.get(unhooked.id))?.alerts, 1, 'the hit is kept');
      assert.deepEqual(await store.savedSearches.listDeliveries(unhooked.id), []);
    });

    it('hands out due webhook deliveries with their secret, and records each attempt with the new state', async () => {
      const owner = (await store.accounts.findUserByName('ana'))!;
      const hooked = await store.savedSearches.add(
        {
          ownerId: owner.id,
          name: 'hooked',
          query: 'border',
          shared: false,
          webhookUrl: 'https://hooks.example/ww',
          webhookSecret: 'secret-1',
          digest: 'none',
        },
        audit('hooked'),
      );
      assert.equal('webhookSecret' in hooked, false);
      const upTo = await store.savedSearches.highestArticleId();
      const at = new Date('2030-01-01T00:00:00.000Z');
      await store.savedSearches.recordPass(
        [
          {
            savedSearchId: hooked.id,
            hits: [{ articleId: upTo, storyId: null, alert: true, why: 'new story' }],
            upTo,
            webhook: true,
          },
        ],
        at,
      );
      const due = (await store.savedSearches.dueDeliveries(at, 10)).filter(
        (d) => d.savedSearchId === hooked.id,
      );
      assert.equal(due.length, 1);
      assert.equal(due[0]!.webhookUrl, 'https://hooks.example/ww');
      assert.equal(due[0]!.webhookSecret, 'secret-1');
      assert.equal(due[0]!.query, 'border');
      assert.equal(
        (await store.savedSearches.dueDeliveries(new Date(at.getTime() - 1), 10)).some(
          (d) => d.savedSearchId === hooked.id,
        ),
        false,
      );
      const later = new Date(at.getTime() + 60_000).toISOString();
      await store.savedSearches.recordAttempt(
        due[0]!.id,
        { at: at.toISOString(), status: 500, error: 'FETCH_HTTP_STATUS: 500', ms: 12.4 },
        { state: 'pending', nextAttemptAt: later },
      );
      await store.savedSearches.recordAttempt(
        due[0]!.id,
        { at: later, status: 204, error: null, ms: 3 },
        { state: 'sent', nextAttemptAt: later },
      );
      const [delivery] = await store.savedSearches.listDeliveries(hooked.id);
      assert.deepEqual(
        [delivery?.state, delivery?.attempts, delivery?.lastStatus, delivery?.lastError, delivery?.sentAt],
        ['sent', 2, 204, null, later],
      );
      assert.deepEqual(await store.savedSearches.attemptsOf(due[0]!.id), [
        { at: at.toISOString(), status: 500, error: 'FETCH_HTTP_STATUS: 500', ms: 12 },
        { at: later, status: 204, error: null, ms: 3 },
      ]);
      assert.equal(
        (await store.savedSearches.dueDeliveries(new Date('2031-01-01'), 10)).some(
          (d) => d.savedSearchId === hooked.id,
        ),
        false,
      );
    });

    it('forgets everyone’s read marks of a removed search (a later search given its id starts unread)', async () => {
      const newest = async (name: string) =>
        store.savedSearches.add(
          { ownerId: bo, name, query: 'Osh', shared: true, webhookUrl: null, digest: 'none' },
          audit(name),
        );
      const pass = (id: number) =>
        store.savedSearches.recordPass([
          {
            savedSearchId: id,
            hits: [{ articleId: 2, storyId: null, alert: true, why: 'new story' }],
            upTo: 2,
            webhook: false,
          },
        ]);
      const gone = await newest('to be removed');
      await pass(gone.id);
      for (const userId of [ana, bo])
        assert.equal(
          await store.savedSearches.markRead(userId, [{ savedSearchId: gone.id, articleId: 2 }]),
          1,
        );
      await store.savedSearches.remove(gone.id, { ...audit(gone.name), action: 'watch.remove' });
      // SQLite gives the highest id again once its row is gone: the new search may well be `gone.id`.
      const next = await newest('its successor');
      await pass(next.id);
      for (const userId of [ana, bo]) {
        assert.equal((await store.savedSearches.get(next.id, { readerId: userId }))?.unreadHits, 1);
        assert.ok(
          (await store.savedSearches.inbox(userId, { unreadOnly: true })).some(
            (entry) => entry.savedSearchId === next.id && entry.articleId === 2,
          ),
        );
      }
      await store.savedSearches.remove(next.id, { ...audit(next.name), action: 'watch.remove' });
    });

    it('claims a day’s digest once; a claim left sending past the bound (its sender died) is claimed again', async () => {
      const day = '2025-05-05';
      const t0 = new Date('2025-05-06T06:00:00.000Z');
      const after = (ms: number) => new Date(t0.getTime() + ms);
      assert.equal(await store.savedSearches.digestSend(ana, day), null);
      assert.equal(await store.savedSearches.claimDigest(ana, day, t0), true);
      assert.deepEqual(await store.savedSearches.digestSend(ana, day), {
        state: 'sending',
        at: t0.toISOString(),
        error: null,
      });
      // Still within the bound: someone is sending it.
      assert.equal(await store.savedSearches.claimDigest(ana, day, after(staleDigestClaimMs - 1)), false);
      assert.equal(await store.savedSearches.claimDigest(ana, day, after(staleDigestClaimMs)), false);
      // Past it, the claim is abandoned: two senders at once, and only one of them gets it.
      const late = after(staleDigestClaimMs + 1);
      const claims = await Promise.all([
        store.savedSearches.claimDigest(ana, day, late),
        store.savedSearches.claimDigest(ana, day, late),
        store.savedSearches.claimDigest(ana, day, late),
      ]);
      assert.deepEqual(
        claims.filter((claimed) => claimed),
        [true],
      );
      assert.deepEqual(await store.savedSearches.digestSend(ana, day), {
        state: 'sending',
        at: late.toISOString(),
        error: null,
      });
      // The new claim holds for its own bound.
      assert.equal(await store.savedSearches.claimDigest(ana, day, after(2 * staleDigestClaimMs)), false);
      const sentAt = after(staleDigestClaimMs + 60_000);
      await store.savedSearches.finishDigest(ana, day, null, sentAt);
      assert.deepEqual(await store.savedSearches.digestSend(ana, day), {
        state: 'sent',
        at: sentAt.toISOString(),
        error: null,
      });
      // A sent digest is never claimed again, however old; the first sender, back late, changes nothing.
      await store.savedSearches.finishDigest(ana, day, 'socket timed out', after(20 * 60_000));
      assert.equal((await store.savedSearches.digestSend(ana, day))?.state, 'sent');
      assert.equal(await store.savedSearches.claimDigest(ana, day, after(30 * 86_400_000)), false);

      // A failed try is claimed again at once; each user and day is its own claim.
      const other = '2025-05-06';
      assert.equal(await store.savedSearches.claimDigest(ana, other, t0), true);
      assert.equal(await store.savedSearches.claimDigest(bo, other, t0), true);
      await store.savedSearches.finishDigest(ana, other, 'ECONNREFUSED', t0);
      assert.deepEqual(await store.savedSearches.digestSend(ana, other), {
        state: 'failed',
        at: t0.toISOString(),
        error: 'ECONNREFUSED',
      });
      assert.equal(await store.savedSearches.claimDigest(ana, other, after(1)), true);
      assert.equal((await store.savedSearches.digestSend(ana, other))?.error, null);
    });

    it('shares a search or stops, changes its digest, audited, and says when there was none', async () => {
      const saved = await store.savedSearches.add(
        { ownerId: ana, name: 'to change', query: 'Osh', shared: false, webhookUrl: null, digest: 'none' },
        audit('to change'),
      );
      const note = { ...audit('to change'), action: 'watch.change', detail: 'shared' };
      const shared = await store.savedSearches.update(saved.id, { shared: true }, note);
      assert.deepEqual([shared?.shared, shared?.digest], [true, 'none']);
      const daily = await store.savedSearches.update(saved.id, { digest: 'daily' }, note);
      assert.deepEqual([daily?.shared, daily?.digest], [true, 'daily']);
      const both = await store.savedSearches.update(saved.id, { shared: false, digest: 'none' }, note);
      assert.deepEqual([both?.shared, both?.digest, both?.name], [false, 'none', 'to change']);
      assert.equal((await store.accounts.listAudit({ action: 'watch.change' })).length, 3);
      assert.equal(await store.savedSearches.update(999_999, { shared: true }, note), null);
      assert.equal((await store.accounts.listAudit({ action: 'watch.change' })).length, 3);
      await store.savedSearches.remove(saved.id, { ...audit('to change'), action: 'watch.remove' });
    });

    it('edits a search’s name and query, keeping its position and hits; a name its owner uses is refused', async () => {
      const saved = await store.savedSearches.add(
        { ownerId: ana, name: 'to edit', query: 'Osh', shared: false, webhookUrl: null, digest: 'none' },
        audit('to edit'),
      );
      const position = saved.matchedUpTo;
      await store.savedSearches.recordPass([
        {
          savedSearchId: saved.id,
          hits: [{ articleId: 1, storyId: null, alert: true, why: 'new story' }],
          upTo: position,
          webhook: false,
        },
      ]);
      const changes = () => store.accounts.listAudit({ action: 'watch.change' });
      const before = (await changes()).length;
      const note = { actor: 'cli:test', action: 'watch.change', target: 'to edit', detail: 'query' };
      const edited = await store.savedSearches.update(
        saved.id,
        { name: 'edited', query: 'Osh OR Bishkek' },
        note,
      );
      assert.deepEqual(
        [edited?.name, edited?.query, edited?.matchedUpTo, edited?.hits, edited?.createdAt],
        ['edited', 'Osh OR Bishkek', position, 1, saved.createdAt],
      );
      assert.deepEqual([edited?.newWebhookSecret, edited?.abandonedDeliveries], [null, 0]);
      // The next pass matches the new query from where the old one stopped: nothing is back-filled.
      assert.deepEqual(
        (await store.savedSearches.behind(position + 1)).find((behind) => behind.id === saved.id),
        { id: saved.id, name: 'edited', query: 'Osh OR Bishkek', matchedUpTo: position, webhookUrl: null },
      );
      assert.equal((await changes()).length, before + 1);

      const other = await store.savedSearches.add(
        { ownerId: ana, name: 'taken', query: 'Osh', shared: false, webhookUrl: null, digest: 'none' },
        audit('taken'),
      );
      await assert.rejects(
        store.savedSearches.update(saved.id, { name: 'taken', query: 'changed too' }, note),
        (error) => isAppError(error, 'WATCH_EXISTS'),
      );
      const unchanged = await store.savedSearches.get(saved.id);
      assert.deepEqual([unchanged?.name, unchanged?.query], ['edited', 'Osh OR Bishkek']);
      assert.equal((await changes()).length, before + 1, 'a refused change is not audited');
      // Another owner's name is free, and a search keeps its own.
      assert.equal(
        (await store.savedSearches.update(saved.id, { name: 'private of bo' }, note))?.name,
        'private of bo',
      );
      assert.equal(
        (await store.savedSearches.update(saved.id, { name: 'private of bo' }, note))?.name,
        'private of bo',
      );
      for (const search of [saved, other])
        await store.savedSearches.remove(search.id, { ...audit(search.name), action: 'watch.remove' });
    });

    it('makes a webhook secret when one is set where there was none, keeps or rotates it, and fails the pending deliveries when it goes', async () => {
      const saved = await store.savedSearches.add(
        { ownerId: bo, name: 'edit hook', query: 'border', shared: false, webhookUrl: null, digest: 'none' },
        audit('edit hook'),
      );
      const note = { actor: 'cli:test', action: 'watch.change', target: 'edit hook' };
      const set = await store.savedSearches.update(saved.id, { webhookUrl: 'https://hooks.example/a' }, note);
      assert.equal(set?.webhookUrl, 'https://hooks.example/a');
      const first = set?.newWebhookSecret;
      assert.match(first ?? '', /^[\w-]{43}$/);
      await store.savedSearches.recordPass([
        {
          savedSearchId: saved.id,
          hits: [
            { articleId: 1, storyId: null, alert: true, why: 'new story' },
            { articleId: 2, storyId: null, alert: true, why: 'new story' },
          ],
          upTo: saved.matchedUpTo,
          webhook: true,
        },
      ]);
      const due = async () =>
        (await store.savedSearches.dueDeliveries(new Date('2100-01-01'), 1000))
          .filter((delivery) => delivery.savedSearchId === saved.id)
          .map((delivery) => [delivery.articleId, delivery.webhookUrl, delivery.webhookSecret]);
      assert.deepEqual(await due(), [
        [1, 'https://hooks.example/a', first],
        [2, 'https://hooks.example/a', first],
      ]);
      // A new URL keeps the secret, and what is still pending goes there.
      const moved = await store.savedSearches.update(
        saved.id,
        { webhookUrl: 'https://hooks.example/b' },
        note,
      );
      assert.equal(moved?.newWebhookSecret, null);
      assert.deepEqual(await due(), [
        [1, 'https://hooks.example/b', first],
        [2, 'https://hooks.example/b', first],
      ]);
      // Rotating gives a new one, alone or with a new URL.
      const rotated = await store.savedSearches.update(saved.id, { rotateSecret: true }, note);
      const second = rotated?.newWebhookSecret;
      assert.match(second ?? '', /^[\w-]{43}$/);
      assert.notEqual(second, first);
      assert.deepEqual(
        (await due()).map((entry) => entry[2]),
        [second, second],
      );
      const both = await store.savedSearches.update(
        saved.id,
        { webhookUrl: 'https://hooks.example/c', rotateSecret: true },
        note,
      );
      assert.ok(both?.newWebhookSecret && both.newWebhookSecret !== second);

      // One is sent; removing the webhook fails the other, saying why, and nothing is due any more.
      const sentAt = '2030-02-02T00:00:00.000Z';
      const ownSent = (await store.savedSearches.listDeliveries(saved.id)).find((d) => d.articleId === 1)!;
      await store.savedSearches.recordAttempt(
        ownSent.id,
        { at: sentAt, status: 204, error: null, ms: 5 },
        { state: 'sent', nextAttemptAt: sentAt },
      );
      const removedAt = new Date('2030-03-03T00:00:00.000Z');
      const removed = await store.savedSearches.update(saved.id, { webhookUrl: null }, note, removedAt);
      assert.deepEqual(
        [removed?.webhookUrl, removed?.newWebhookSecret, removed?.abandonedDeliveries],
        [null, null, 1],
      );
      assert.deepEqual(
        (await store.savedSearches.listDeliveries(saved.id))
          .map((delivery) => [delivery.articleId, delivery.state, delivery.lastError])
          .sort(),
        [
          [1, 'sent', null],
          [
            2,
            'failed',
            `not sent: the webhook was removed from the saved search at ${removedAt.toISOString()}`,
          ],
        ],
      );
      assert.deepEqual(await due(), []);
      // Nothing to rotate without a webhook; a webhook set again gets a secret of its own.
      assert.equal(
        (await store.savedSearches.update(saved.id, { rotateSecret: true }, note))?.newWebhookSecret,
        null,
      );
      const again = await store.savedSearches.update(
        saved.id,
        { webhookUrl: 'https://hooks.example/d' },
        note,
      );
      assert.ok(
        again?.newWebhookSecret && ![first, second, both.newWebhookSecret].includes(again.newWebhookSecret),
      );
      assert.deepEqual(await due(), [], 'the failed delivery stays failed');
      await store.savedSearches.remove(saved.id, { ...audit(saved.name), action: 'watch.remove' });
    });

    it('lists a page at a time, by owner then name, and counts what each may see', async () => {
      const extra = [];
      for (const name of ['page a', 'page b', 'page c'])
        extra.push(
          await store.savedSearches.add(
            { ownerId: ana, name, query: 'Osh', shared: name !== 'page b', webhookUrl: null, digest: 'none' },
            audit(name),
          ),
        );
      const ids = (searches: { id: number }[]) => searches.map((search) => search.id);
      for (const options of [{}, { visibleTo: bo }, { visibleTo: ana }]) {
        const all = await store.savedSearches.list(options);
        assert.ok(all.length >= 3);
        assert.equal(await store.savedSearches.count(options), all.length);
        const pages = [];
        for (let offset = 0; offset < all.length + 2; offset += 2)
          pages.push(...(await store.savedSearches.list({ ...options, page: { limit: 2, offset } })));
        assert.deepEqual(ids(pages), ids(all), JSON.stringify(options));
      }
      assert.deepEqual(await store.savedSearches.list({ page: { limit: 5, offset: 10_000 } }), []);
      assert.equal(
        await store.savedSearches.count({ ownerId: ana }),
        (await store.savedSearches.list()).filter((search) => search.ownerId === ana).length,
      );
      assert.equal(
        await store.savedSearches.count({ visibleTo: bo, ownerId: ana }),
        (await store.savedSearches.list({ visibleTo: bo })).filter((search) => search.ownerId === ana).length,
      );
      assert.equal(
        (await store.savedSearches.list({ visibleTo: bo })).some((search) => search.name === 'page b'),
        false,
      );
      for (const search of extra)
        await store.savedSearches.remove(search.id, { ...audit(search.name), action: 'watch.remove' });
    });

    it('removes a search with an audit entry, and says when there was none', async () => {
      const [first] = await store.savedSearches.list({ visibleTo: ana });
      const removals = (await store.accounts.listAudit({ action: 'watch.remove' })).length;
      assert.equal(
        await store.savedSearches.remove(first!.id, { ...audit(first!.name), action: 'watch.remove' }),
        true,
      );
      assert.equal(await store.savedSearches.get(first!.id), null);
      assert.equal(
        await store.savedSearches.remove(first!.id, { ...audit(first!.name), action: 'watch.remove' }),
        false,
      );
      assert.equal((await store.accounts.listAudit({ action: 'watch.remove' })).length, removals + 1);
    });
  });
}
