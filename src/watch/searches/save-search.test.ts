/** Saving searches on a real SQLite archive: the query, the name, the webhook URL and the owner checked first. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { compileAllowList, emptyAllowList } from '../../ingest/fetch/allow-list.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { addUser } from '../accounts/manage-accounts.ts';
import { checkWebhookUrl, SearchFieldError, saveSearch } from './save-search.ts';

describe('saving a search', () => {
  let directory: string;
  let store: Store;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), 'wirewatch-watch-'));
    store = await openSqliteStore({ path: join(directory, 'archive.db') });
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'vera', role: 'viewer', password: 'viewer password 1' }, 'cli:test');
  });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses private, loopback, link-local and credentialed webhook URLs unless allowed', () => {
    for (const [url, message] of [
      ['http://169.254.169.254/latest/meta-data', /link-local address \(169\.254\.169\.254\)/],
      ['http://127.0.0.1:9000/hook', /loopback address/],
      ['http://0x7f.1/hook', /loopback address \(127\.0\.0\.1\)/],
      ['http://[::ffff:10.0.0.1]/hook', /private address \(10\.0\.0\.1\)/],
      ['http://192.168.1.5/hook', /private address/],
      ['http://localhost:8080/hook', /names this machine/],
      ['ftp://hooks.example/x', /must be http or https/],
      ['https://user:secret@hooks.example/x', /user name or password/],
      ['not a url', /is not a URL/],
    ] as const)
      assert.throws(
        () => checkWebhookUrl(url, emptyAllowList),
        (error) => isAppError(error, 'WATCH_INVALID') && message.test(error.message),
        url,
      );
    assert.equal(checkWebhookUrl('https://hooks.example/x#frag', emptyAllowList), 'https://hooks.example/x');
    assert.equal(
      checkWebhookUrl('http://127.0.0.1:9000/hook', compileAllowList(['127.0.0.1/32'])),
      'http://127.0.0.1:9000/hook',
    );
  });

  it('refuses a malformed query with the parser’s message and column, and an empty one', async () => {
    await assert.rejects(
      saveSearch(store, { ownerName: 'ana', name: 'broken', query: 'org:HTS (returnee*' }, 'cli:test'),
      (error) =>
        isAppError(error, 'QUERY_UNBALANCED_PARENS') &&
        error.location?.column === 9 &&
        error instanceof SearchFieldError &&
        error.field === 'query',
    );
    await assert.rejects(
      saveSearch(store, { ownerName: 'ana', name: 'empty', query: '   ' }, 'cli:test'),
      (error) => isAppError(error) && /QUERY_EMPTY|WATCH_INVALID/.test(error.code),
    );
    assert.deepEqual(await store.savedSearches.list(), []);
  });

  it('saves a good search for an analyst, not for a viewer, and checks the name and digest', async () => {
    const saved = await saveSearch(
      store,
      {
        ownerName: 'ana',
        name: ' HTS returnees ',
        query: 'org:HTS (returnee* OR repatriat*)',
        digest: 'daily',
        shared: true,
      },
      'cli:test',
    );
    assert.equal(saved.name, 'HTS returnees');
    assert.equal(saved.digest, 'daily');
    assert.equal(saved.shared, true);
    await assert.rejects(
      saveSearch(store, { ownerName: 'vera', name: 'mine', query: 'Osh' }, 'cli:test'),
      (error) => isAppError(error, 'AUTH_FORBIDDEN'),
    );
    await assert.rejects(
      saveSearch(store, { ownerName: 'ana', name: 'x\u0007', query: 'Osh' }, 'cli:test'),
      (error) => isAppError(error, 'WATCH_INVALID'),
    );
    await assert.rejects(
      saveSearch(store, { ownerName: 'ana', name: 'weekly', query: 'Osh', digest: 'weekly' }, 'cli:test'),
      (error) => isAppError(error, 'WATCH_INVALID') && /use daily or none/.test(error.message),
    );
    // A name the owner already uses is the name's fault (the API points at /name).
    await assert.rejects(
      saveSearch(store, { ownerName: 'ana', name: 'HTS returnees', query: 'Osh' }, 'cli:test'),
      (error) => error instanceof SearchFieldError && error.field === 'name' && error.code === 'WATCH_EXISTS',
    );
  });
});
