/**
 * The accounts part of the Store contract (src/store/accounts.ts), run by store-contract.ts on every
 * implementation: users, tokens, sessions, failed sign-ins and the audit log, each audited change
 * written with its entry or not at all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../src/core/errors.ts';
import type { AuditNote } from '../../src/store/accounts.ts';
import type { Store } from '../../src/store/store.ts';

const t0 = new Date('2025-05-12T08:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const note = (action: string, target: string): AuditNote => ({ actor: 'cli:test', action, target });

export function runAccountContract(openEmpty: () => Promise<Store>): void {
  describe('accounts (users, tokens, sessions, audit)', () => {
    let store: Store;
    before(async () => {
      store = await openEmpty();
    });
    after(() => store.close());

    it('adds users with their audit entry, and refuses a taken name leaving the log as it was', async () => {
      assert.equal(await store.accounts.countUsers(), 0);
      const ana = await store.accounts.addUser(
        { name: 'ana', role: 'analyst', passwordHash: '$argon2id$ana', mustChangePassword: true },
        note('user.add', 'ana'),
        at(0),
      );
      assert.deepEqual(ana, {
        id: ana.id,
        name: 'ana',
        role: 'analyst',
        mustChangePassword: true,
        createdAt: at(0).toISOString(),
        passwordChangedAt: at(0).toISOString(),
        disabledAt: null,
        email: null,
      });
      await store.accounts.setEmail(ana.id, 'ana@newsroom.example', note('user.email', 'ana'));
      assert.equal((await store.accounts.getUser(ana.id))?.email, 'ana@newsroom.example');
      await assert.rejects(
        store.accounts.addUser(
          { name: 'ana', role: 'admin', passwordHash: 'x', mustChangePassword: false },
          note('user.add', 'ana'),
        ),
        (error) => isAppError(error, 'USER_EXISTS'),
      );
      const log = await store.accounts.listAudit();
      assert.deepEqual(
        log.map((entry) => [entry.action, entry.target, entry.actor]),
        [
          ['user.email', 'ana', 'cli:test'],
          ['user.add', 'ana', 'cli:test'],
        ],
      );
      const found = await store.accounts.findUserByName('ana');
      assert.equal(found?.passwordHash, '$argon2id$ana');
      assert.equal(await store.accounts.findUserByName('Ana'), null);
      assert.equal((await store.accounts.getUser(ana.id))?.name, 'ana');
      assert.equal(await store.accounts.getUser(99_999), null);
    });

    it('changes a password (ending the sessions), a role, and disables a user with their tokens', async () => {
      const bo = await store.accounts.addUser(
        { name: 'bo', role: 'viewer', passwordHash: 'h1', mustChangePassword: true },
        note('user.add', 'bo'),
        at(1),
      );
      await store.accounts.addSession({
        idHash: 'session-bo-1',
        userId: bo.id,
        csrfToken: 'csrf1',
        createdAt: at(2).toISOString(),
        lastSeenAt: at(2).toISOString(),
        expiresAt: at(3600).toISOString(),
      });
      await store.accounts.setPassword(bo.id, 'h2', false, note('user.change-password', 'bo'), at(3));
      const changed = await store.accounts.findUserByName('bo');
      assert.equal(changed?.passwordHash, 'h2');
      assert.equal(changed?.mustChangePassword, false);
      assert.equal(changed?.passwordChangedAt, at(3).toISOString());
      assert.equal(await store.accounts.findSession('session-bo-1'), null);

      await store.accounts.setRole(bo.id, 'analyst', note('user.role', 'bo'));
      assert.equal((await store.accounts.getUser(bo.id))?.role, 'analyst');

      const token = await store.accounts.addToken(
        {
          userId: bo.id,
          label: 'script',
          prefix: 'ww_boboboab',
          secretHash: 'ab'.repeat(32),
          scopes: ['read', 'write'],
          expiresAt: null,
        },
        note('token.create', 'ww_boboboab'),
        at(4),
      );
      assert.deepEqual(token.scopes, ['read', 'write']);
      assert.equal(token.userName, 'bo');
      await store.accounts.disableUser(bo.id, note('user.disable', 'bo'), at(5));
      assert.equal((await store.accounts.getUser(bo.id))?.disabledAt, at(5).toISOString());
      const after = await store.accounts.findToken('ww_boboboab');
      assert.equal(after?.revokedAt, at(5).toISOString());
      assert.equal(after?.userDisabledAt, at(5).toISOString());
      await store.accounts.enableUser(bo.id, note('user.enable', 'bo'));
      assert.equal((await store.accounts.getUser(bo.id))?.disabledAt, null);
      assert.equal((await store.accounts.findToken('ww_boboboab'))?.revokedAt, at(5).toISOString());

      await assert.rejects(store.accounts.setRole(424_242, 'admin', note('user.role', 'nobody')), (error) =>
        isAppError(error, 'USER_NOT_FOUND'),
      );
      const actions = (await store.accounts.listAudit()).map((entry) => entry.action);
      assert.deepEqual(actions.slice(0, 6), [
        'user.enable',
        'user.disable',
        'token.create',
        'user.role',
        'user.change-password',
        'user.add',
      ]);
    });

    it('keeps tokens with their hash and owner, records use at most once a minute, and revokes once', async () => {
      const cy = await store.accounts.addUser(
        { name: 'cy', role: 'admin', passwordHash: 'h', mustChangePassword: false },
        note('user.add', 'cy'),
      );
      const token = await store.accounts.addToken(
        {
          userId: cy.id,
          label: 'feeds',
          prefix: 'ww_cycycyab',
          secretHash: 'cd'.repeat(32),
          scopes: ['admin'],
          expiresAt: at(86_400).toISOString(),
        },
        note('token.create', 'ww_cycycyab'),
        at(10),
      );
      assert.equal(token.expiresAt, at(86_400).toISOString());
      assert.equal('secretHash' in token, false);
      const found = await store.accounts.findToken('ww_cycycyab');
      assert.equal(found?.secretHash, 'cd'.repeat(32));
      assert.equal(found?.userRole, 'admin');
      assert.equal(await store.accounts.findToken('ww_nothere'), null);

      await store.accounts.touchToken(token.id, at(20));
      await store.accounts.touchToken(token.id, at(50));
      assert.equal((await store.accounts.findToken('ww_cycycyab'))?.lastUsedAt, at(20).toISOString());
      await store.accounts.touchToken(token.id, at(90));
      assert.equal((await store.accounts.findToken('ww_cycycyab'))?.lastUsedAt, at(90).toISOString());

      assert.deepEqual(
        (await store.accounts.listTokens(cy.id)).map((listed) => listed.prefix),
        ['ww_cycycyab'],
      );
      assert.ok((await store.accounts.listTokens()).length >= 2);
      assert.equal(
        await store.accounts.revokeToken(token.id, note('token.revoke', 'ww_cycycyab'), at(100)),
        true,
      );
      assert.equal(
        await store.accounts.revokeToken(token.id, note('token.revoke', 'ww_cycycyab'), at(101)),
        false,
      );
      assert.equal((await store.accounts.findToken('ww_cycycyab'))?.revokedAt, at(100).toISOString());
      const revocations = await store.accounts.listAudit({ action: 'token.revoke' });
      assert.deepEqual(
        revocations.map((entry) => [entry.target, entry.at]),
        [['ww_cycycyab', at(100).toISOString()]],
      );
      await assert.rejects(
        store.accounts.addToken(
          {
            userId: 777_777,
            label: 'x',
            prefix: 'ww_zzzzzzzz',
            secretHash: 'ef',
            scopes: ['read'],
            expiresAt: null,
          },
          note('token.create', 'ww_zzzzzzzz'),
        ),
        (error) => isAppError(error, 'USER_NOT_FOUND'),
      );
      assert.equal(
        (await store.accounts.listAudit({ action: 'token.create' })).some(
          (entry) => entry.target === 'ww_zzzzzzzz',
        ),
        false,
      );
    });

    it('keeps sessions, moves them on at most once a minute, and ends one or all of a user', async () => {
      const dee = await store.accounts.addUser(
        { name: 'dee', role: 'viewer', passwordHash: 'h', mustChangePassword: false },
        note('user.add', 'dee'),
      );
      for (const id of ['s1', 's2', 's3'])
        await store.accounts.addSession({
          idHash: id,
          userId: dee.id,
          csrfToken: `csrf-${id}`,
          createdAt: at(0).toISOString(),
          lastSeenAt: at(0).toISOString(),
          expiresAt: at(3600).toISOString(),
        });
      assert.equal((await store.accounts.findSession('s1'))?.csrfToken, 'csrf-s1');
      await store.accounts.touchSession('s1', at(7200).toISOString(), at(30));
      assert.equal((await store.accounts.findSession('s1'))?.expiresAt, at(3600).toISOString());
      await store.accounts.touchSession('s1', at(7200).toISOString(), at(61));
      const moved = await store.accounts.findSession('s1');
      assert.equal(moved?.expiresAt, at(7200).toISOString());
      assert.equal(moved?.lastSeenAt, at(61).toISOString());
      await store.accounts.endSession('s1');
      assert.equal(await store.accounts.findSession('s1'), null);
      assert.equal(await store.accounts.endSessions(dee.id, note('user.sign-out-everywhere', 'dee')), 2);
      assert.equal(await store.accounts.findSession('s2'), null);
    });

    it('tells each user’s live sessions, newest sign-in and latest use; none once they have ended', async () => {
      const eli = await store.accounts.addUser(
        { name: 'eli', role: 'viewer', passwordHash: 'h', mustChangePassword: false },
        note('user.add', 'eli'),
      );
      const before = await store.accounts.signInActivity();
      assert.equal(
        before.some((entry) => entry.userId === eli.id),
        false,
      );
      for (const [id, start, seen] of [
        ['e1', 0, 500],
        ['e2', 100, 200],
      ] as const)
        await store.accounts.addSession({
          idHash: id,
          userId: eli.id,
          csrfToken: `csrf-${id}`,
          createdAt: at(start).toISOString(),
          lastSeenAt: at(seen).toISOString(),
          expiresAt: at(3600).toISOString(),
        });
      const activity = (await store.accounts.signInActivity()).find((entry) => entry.userId === eli.id);
      assert.deepEqual(activity, {
        userId: eli.id,
        sessions: 2,
        lastSignInAt: at(100).toISOString(),
        lastSeenAt: at(500).toISOString(),
      });
      await store.accounts.endSessions(eli.id, note('user.sign-out-everywhere', 'eli'));
      assert.equal(
        (await store.accounts.signInActivity()).some((entry) => entry.userId === eli.id),
        false,
      );
    });

    it('counts failed sign-ins per name, existing or not, until cleared', async () => {
      assert.equal(await store.accounts.signInFailures('nobody'), null);
      assert.deepEqual(await store.accounts.recordSignInFailure('nobody', at(0)), {
        failures: 1,
        lastFailedAt: at(0).toISOString(),
      });
      assert.deepEqual(await store.accounts.recordSignInFailure('nobody', at(5)), {
        failures: 2,
        lastFailedAt: at(5).toISOString(),
      });
      assert.equal((await store.accounts.signInFailures('nobody'))?.failures, 2);
      await store.accounts.clearSignInFailures('nobody');
      assert.equal(await store.accounts.signInFailures('nobody'), null);
    });

    it('pages the audit log newest first, and filters it by action, actor or both', async () => {
      await store.accounts.audit({
        actor: 'ana',
        action: 'source.add',
        target: 'https://a.example/feed',
        detail: 'Steppe',
      });
      const [newest] = await store.accounts.listAudit({ limit: 1 });
      assert.equal(newest?.action, 'source.add');
      assert.equal(newest?.detail, 'Steppe');
      const all = await store.accounts.listAudit({ limit: 1000 });
      const second = await store.accounts.listAudit({ limit: 1, offset: 1 });
      assert.equal(second[0]?.id, all[1]?.id);
      assert.ok(all.every((entry, index) => index === 0 || entry.id < all[index - 1]!.id));
      assert.ok(
        (await store.accounts.listAudit({ action: 'user.add' })).every(
          (entry) => entry.action === 'user.add',
        ),
      );
      const byAna = await store.accounts.listAudit({ actor: 'ana' });
      assert.deepEqual(
        byAna.map((entry) => entry.action),
        ['source.add'],
      );
      assert.equal((await store.accounts.listAudit({ actor: 'ana', action: 'source.add' })).length, 1);
      assert.equal((await store.accounts.listAudit({ actor: 'ana', action: 'user.add' })).length, 0);
      assert.ok((await store.accounts.listAudit({ actor: 'cli:test', action: 'user.add' })).length >= 2);
    });
  });
}
