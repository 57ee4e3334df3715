/** The account rules on a real SQLite archive: names, roles, scopes within the role, the last admin. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { tokenMatches } from './api-tokens.ts';
import {
  addUser,
  checkUserName,
  createToken,
  disableUser,
  parseRole,
  parseScopes,
  resetPassword,
  revokeToken,
  setEmail,
  setRole,
  signOutEverywhere,
} from './manage-accounts.ts';
import { verifyPassword } from './passwords.ts';

describe('account rules', () => {
  let directory: string;
  let store: Store;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-accounts-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
  });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const refuses = async (work: Promise<unknown>, code: Parameters<typeof isAppError>[1], message: RegExp) =>
    assert.rejects(work, (error) => isAppError(error, code) && message.test(error.message));

  it('checks names, roles and scopes with the reason', () => {
    for (const name of ['ana', 'a', 'ana.k', 'ana_k-2']) checkUserName(name);
    for (const name of ['', 'Ana', '2ana', 'ana k', 'ana@x', 'a'.repeat(65)])
      assert.throws(
        () => checkUserName(name),
        (error) => isAppError(error, 'USER_INVALID'),
        name,
      );
    assert.equal(parseRole('viewer'), 'viewer');
    assert.throws(() => parseRole('root'), /"root" is not a role/);
    assert.deepEqual(parseScopes('read, write,read'), ['read', 'write']);
    assert.throws(() => parseScopes(' , '), /name at least one scope/);
  });

  it('adds a user with a one-time password they must change, or with the password given', async () => {
    const made = await addUser(store, { name: 'root', role: 'admin' }, 'cli:test');
    assert.ok(made.oneTimePassword);
    assert.equal(made.user.mustChangePassword, true);
    const stored = await store.accounts.findUserByName('root');
    assert.equal(await verifyPassword(stored!.passwordHash, made.oneTimePassword), true);
    const chosen = await addUser(
      store,
      { name: 'ana', role: 'analyst', password: 'my own long secret' },
      'cli:test',
    );
    assert.equal(chosen.oneTimePassword, null);
    assert.equal(chosen.user.mustChangePassword, false);
    await refuses(
      addUser(store, { name: 'bo', role: 'viewer', password: 'short' }, 'cli:test'),
      'PASSWORD_TOO_WEAK',
      /at least 12/,
    );
    assert.equal(await store.accounts.findUserByName('bo'), null);
  });

  it('keeps a user’s digest address, refusing what is not one', async () => {
    assert.equal(
      (await setEmail(store, 'ana', 'ana@newsroom.example', 'cli:test')).email,
      'ana@newsroom.example',
    );
    assert.equal((await store.accounts.findUserByName('ana'))?.email, 'ana@newsroom.example');
    for (const bad of ['ana', 'ana@', '@newsroom.example', 'ana @newsroom.example', 'ana@newsroom'])
      await refuses(setEmail(store, 'ana', bad, 'cli:test'), 'USER_INVALID', /is not an e-mail address/);
    assert.equal((await setEmail(store, 'ana', null, 'cli:test')).email, null);
  });

  it('makes tokens within the role, which check against their stored hash, and revokes them', async () => {
    const { token, record } = await createToken(
      store,
      { userName: 'ana', scopes: ['read', 'write'] },
      'cli:test',
    );
    const stored = await store.accounts.findToken(record.prefix);
    assert.equal(tokenMatches(token, stored!.secretHash), true);
    assert.equal(record.label, 'token of ana');
    await refuses(
      createToken(store, { userName: 'ana', scopes: ['admin'] }, 'cli:test'),
      'TOKEN_INVALID',
      /ana is an analyst: their tokens may have read, write, not admin/,
    );
    await refuses(
      createToken(store, { userName: 'ana', scopes: ['read'], expiresAt: new Date(0) }, 'cli:test'),
      'TOKEN_INVALID',
      /expiry must be in the future/,
    );
    await refuses(
      createToken(store, { userName: 'zed', scopes: ['read'] }, 'cli:test'),
      'USER_NOT_FOUND',
      /zed/,
    );
    assert.equal((await revokeToken(store, record.prefix, 'cli:test')).prefix, record.prefix);
    await refuses(revokeToken(store, String(record.id), 'cli:test'), 'TOKEN_INVALID', /already revoked/);
  });

  it('keeps one working admin, and a reset signs the user out everywhere', async () => {
    await refuses(setRole(store, 'root', 'viewer', 'cli:test'), 'USER_LAST_ADMIN', /only admin/);
    await refuses(disableUser(store, 'root', 'cli:test'), 'USER_LAST_ADMIN', /only admin/);
    await setRole(store, 'ana', 'admin', 'cli:test');
    await setRole(store, 'root', 'viewer', 'cli:test');
    assert.equal((await store.accounts.findUserByName('root'))?.role, 'viewer');
    // Ana is now the only admin who can sign in.
    await refuses(disableUser(store, 'ana', 'cli:test'), 'USER_LAST_ADMIN', /ana is the only admin/);

    const ana = await store.accounts.findUserByName('ana');
    await store.accounts.addSession({
      idHash: 'h',
      userId: ana!.id,
      csrfToken: 'c',
      createdAt: new Date().toISOString(),
      lastSeenAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const password = await resetPassword(store, 'ana', 'cli:test');
    assert.equal(await store.accounts.findSession('h'), null);
    const after = await store.accounts.findUserByName('ana');
    assert.equal(after?.mustChangePassword, true);
    assert.equal(await verifyPassword(after!.passwordHash, password), true);
    assert.equal(await signOutEverywhere(store, 'ana', 'cli:test'), 0);
  });
});
