/**
 * A saved search's Atom feed over real HTTP: opened by its secret key or by someone who may see the
 * search, 404 for everyone else (whether or not the search exists), entries escaped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, createToken } from '../../src/watch/accounts/manage-accounts.ts';
import { matchSavedSearches } from '../../src/watch/searches/match-saved-searches.ts';
import { saveSearch } from '../../src/watch/searches/save-search.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe("a saved search's Atom feed", () => {
  let server: TestServer;
  let feed: string;
  const tokens: Record<string, string> = {};
  const get = (path: string, token?: string) =>
    fetch(`${server.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });

  before(async () => {
    server = await startTestServer([], { access: { anonymousRead: false } });
    const { store } = server;
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    tokens.ana = (await createToken(store, { userName: 'ana', scopes: ['read'] }, 'cli:test')).token;
    tokens.bo = (await createToken(store, { userName: 'bo', scopes: ['read'] }, 'cli:test')).token;
    const saved = await saveSearch(store, { ownerName: 'ana', name: 'Osh', query: 'Osh' }, 'cli:test');
    feed = `/watch/${saved.id}/feed.atom`;
    await store.addArticles([
      { source: 'Valley Times', title: 'Curfew in Osh <script>alert(1)</script>', text: 'A curfew in Osh.' },
      { source: 'Valley Times', title: 'Weather', text: 'Snow in the passes.' },
    ]);
    await matchSavedSearches(store);
    tokens.key = saved.feedKey;
  });
  after(() => server.stop());

  it('opens with its key, listing the alerts with the reason, escaped', async () => {
    const response = await get(`${feed}?key=${tokens.key}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/atom\+xml/);
    const xml = await response.text();
    assert.match(xml, /<title>wirewatch alerts: Osh<\/title>/);
    assert.equal((xml.match(/<entry>/g) ?? []).length, 1);
    assert.match(
      xml,
      /Curfew in Osh &amp;#60;script&amp;#62;|Curfew in Osh &lt;script&gt;|Curfew in Osh &#60;script&#62;/,
    );
    assert.doesNotMatch(xml, /<script>/);
    assert.match(xml, /new story: A curfew in Osh\./);
  });

  it('opens for its owner’s token, and is 404 for a wrong key, no key, another user and another id', async () => {
    assert.equal((await get(feed, tokens.ana)).status, 200);
    for (const [path, token] of [
      [`${feed}?key=wrong`, undefined],
      [feed, undefined],
      [feed, tokens.bo],
      ['/watch/999/feed.atom', tokens.ana],
      ['/watch/abc/feed.atom?key=x', undefined],
    ] as const) {
      const response = await get(path, token);
      assert.equal(response.status, 404, `${path} ${token ? 'with a token' : ''}`);
      assert.equal(((await response.json()) as { code: string }).code, 'WATCH_NOT_FOUND');
    }
  });
});
