/** Editing saved searches on a real SQLite archive: the saving checks again, who may, and only what differs. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { compileAllowList } from '../../ingest/fetch/allow-list.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { addUser } from '../accounts/manage-accounts.ts';
import { editSearch } from './edit-search.ts';
import { SearchFieldError, saveSearch } from './save-search.ts';
import { changeSearch } from './saved-search-access.ts';

describe('editing a saved search', () => {
  let directory: string;
  let store: Store;
  const users: Record<string, { id: number; name: string; role: 'admin' | 'analyst' | 'viewer' }> = {};
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-edit-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
    for (const [name, role] of [
      ['ana', 'analyst'],
      ['bo', 'analyst'],
      ['root', 'admin'],
    ] as const) {
      await addUser(store, { name, role, password: `${name} password 123` }, 'cli:test');
      users[name] = { id: (await store.accounts.findUserByName(name))!.id, name, role };
    }
  });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const save = (name: string, extra: { shared?: boolean; webhookUrl?: string } = {}) =>
    saveSearch(store, { ownerName: 'ana', name, query: 'Osh', ...extra }, 'cli:test');
  const changes = async () => (await store.accounts.listAudit({ action: 'watch.change' })).length;

  it('refuses what saving refuses, naming the field, and changes nothing', async () => {
    const saved = await save('checked');
    const audited = await changes();
    const refusals = [
      [{ query: 'org:HTS (returnee*', name: 'renamed too' }, 'query', /^QUERY_UNBALANCED_PARENS$/],
      [{ query: '   ' }, 'query', /^WATCH_INVALID$/],
      [{ name: ' ' }, 'name', /^WATCH_INVALID$/],
      [{ webhookUrl: 'http://169.254.169.254/latest', name: 'renamed too' }, 'webhookUrl', /^WATCH_INVALID$/],
      [{ webhookUrl: 'https://user:pw@hooks.example/x' }, 'webhookUrl', /^WATCH_INVALID$/],
      [{ rotateSecret: true }, 'rotateSecret', /^WATCH_INVALID$/],
      [{ webhookUrl: null, rotateSecret: true }, 'rotateSecret', /^WATCH_INVALID$/],
      [{ digest: 'weekly' }, 'digest', /^WATCH_INVALID$/],
    ] as const;
    for (const [edit, field, code] of refusals)
      await assert.rejects(
        editSearch(store, saved, edit, 'cli:test'),
        (error) => error instanceof SearchFieldError && error.field === field && code.test(error.code),
        JSON.stringify(edit),
      );
    // The parser's own column comes back for a malformed query.
    await assert.rejects(
      editSearch(store, saved, { query: 'org:HTS (returnee*' }, 'cli:test'),
      (error) => isAppError(error, 'QUERY_UNBALANCED_PARENS') && error.location?.column === 9,
    );
    const now = await store.savedSearches.get(saved.id);
    assert.deepEqual([now?.name, now?.query, now?.webhookUrl], ['checked', 'Osh', null]);
    assert.equal(await changes(), audited);
  });

  it('changes only what differs, says so in words, and audits it', async () => {
    const saved = await save('words');
    const audited = await changes();
    const same = await editSearch(
      store,
      saved,
      { name: ' words ', query: 'Osh', webhookUrl: '' },
      'cli:test',
    );
    assert.deepEqual(same.changes, []);
    assert.equal(await changes(), audited, 'nothing differed: nothing audited');

    const edited = await editSearch(
      store,
      saved,
      {
        name: 'words, edited',
        query: 'Osh OR Bishkek',
        webhookUrl: 'https://hooks.example/w#x',
        shared: true,
      },
      'cli:test',
    );
    assert.deepEqual(edited.changes, [
      'name: "words" → "words, edited"',
      'query: Osh → Osh OR Bishkek',
      'webhook: https://hooks.example/w',
      'shared',
    ]);
    assert.equal(edited.queryChanged, true);
    assert.match(edited.newWebhookSecret ?? '', /^[\w-]{43}$/);
    assert.equal(edited.search.matchedUpTo, saved.matchedUpTo);
    const [entry] = await store.accounts.listAudit({ action: 'watch.change' });
    assert.deepEqual(
      [entry?.target, entry?.detail],
      ['words, edited', 'renamed from "words", query: Osh OR Bishkek, webhook set, shared'],
    );
    assert.doesNotMatch(entry?.detail ?? '', /hooks\.example/, 'the webhook URL stays out of the audit log');

    const moved = await editSearch(
      store,
      edited.search,
      { webhookUrl: 'https://hooks.example/v' },
      'cli:test',
    );
    assert.deepEqual(moved.changes, ['webhook: https://hooks.example/w → https://hooks.example/v']);
    assert.equal(moved.newWebhookSecret, null, 'a changed URL keeps its secret');
    const removed = await editSearch(store, moved.search, { webhookUrl: null }, 'cli:test');
    assert.deepEqual(removed.changes, ['webhook removed']);
    assert.equal(removed.search.webhookUrl, null);
  });

  it('refuses a name its owner already uses as a refusal of the name', async () => {
    await save('first');
    const second = await save('second');
    await assert.rejects(
      editSearch(store, second, { name: 'first', query: 'Bishkek' }, 'cli:test'),
      (error) => error instanceof SearchFieldError && error.field === 'name' && error.code === 'WATCH_EXISTS',
    );
    assert.equal((await store.savedSearches.get(second.id))?.query, 'Osh');
  });

  it('lets only the owner or an admin edit: 404 for a private search of another, 403 for a shared one', async () => {
    const own = await save('private one');
    const shared = await save('shared one', { shared: true });
    await assert.rejects(changeSearch(store, own.id, users.bo!, { name: 'mine now' }), (error) =>
      isAppError(error, 'WATCH_NOT_FOUND'),
    );
    await assert.rejects(changeSearch(store, shared.id, users.bo!, { query: 'Bishkek' }), (error) =>
      isAppError(error, 'AUTH_FORBIDDEN'),
    );
    assert.equal((await store.savedSearches.get(shared.id))?.query, 'Osh');
    const byAdmin = await changeSearch(store, own.id, users.root!, { query: 'Bishkek' });
    assert.equal(byAdmin.search.query, 'Bishkek');
    const [entry] = await store.accounts.listAudit({ action: 'watch.change' });
    assert.deepEqual([entry?.actor, entry?.detail], ['root', 'query: Bishkek (owned by ana)']);
    // A private address the operator allows is allowed.
    const allowed = await changeSearch(
      store,
      own.id,
      users.ana!,
      { webhookUrl: 'http://127.0.0.1:9/hook' },
      { allowPrivate: compileAllowList(['127.0.0.1/32']) },
    );
    assert.equal(allowed.search.webhookUrl, 'http://127.0.0.1:9/hook');
  });
});
