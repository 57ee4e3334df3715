/**
 * The inbox over real HTTP with a signed-in browser: the alerts of one's own and shared searches,
 * marked read one or all at once, each reader's read state their own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../src/watch/accounts/manage-accounts.ts';
import { matchSavedSearches } from '../../src/watch/searches/match-saved-searches.ts';
import { saveSearch } from '../../src/watch/searches/save-search.ts';
import { Browser } from '../support/browser-session.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('the inbox', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer([], { access: { anonymousRead: false } });
    const { store } = server;
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    await addUser(store, { name: 'cy', role: 'viewer', password: 'viewer password 3' }, 'cli:test');
    await saveSearch(store, { ownerName: 'ana', name: 'Osh', query: 'Osh' }, 'cli:test');
    await saveSearch(store, { ownerName: 'bo', name: 'Team snow', query: 'snow', shared: true }, 'cli:test');
    await saveSearch(store, { ownerName: 'bo', name: 'Private curfew', query: 'curfew' }, 'cli:test');
    await store.addArticles([
      { source: 'Valley Times', title: 'Curfew in Osh', text: 'A curfew was declared in Osh.' },
      { source: 'Valley Times', title: 'Snow closes passes', text: 'Snow closed two passes.' },
    ]);
    await matchSavedSearches(store);
  });
  after(() => server.stop());

  it('lists the alerts of one’s own and the shared searches, not others’ private ones', async () => {
    const ana = new Browser(server.url);
    assert.equal((await ana.request('/inbox')).status, 303);
    await ana.signIn('ana', 'analyst password 1');
    const page = await (await ana.request('/inbox')).text();
    assert.match(page, /<p id="inbox-count">2 unread alerts\.<\/p>/);
    assert.match(page, /Osh · new story/);
    assert.match(page, /Team snow · new story/);
    assert.doesNotMatch(page, /Private curfew/);
  });

  it('reads a day of alerts on the digest page, the seed page’s way', async () => {
    const ana = new Browser(server.url);
    const day = new Date().toISOString().slice(0, 10);
    assert.equal((await ana.request(`/digest/${day}`)).status, 303);
    await ana.signIn('ana', 'analyst password 1');
    const page = await (await ana.request(`/digest/${day}`)).text();
    assert.match(page, /<h2>Osh<\/h2>/);
    assert.match(page, /<h2>Team snow<\/h2>/);
    assert.doesNotMatch(page, /Private curfew/);
    assert.equal((page.match(/Viewing results 1 - 1 of 1/g) ?? []).length, 2);
    assert.match(page, /<a href="\/articles\/\d+">Curfew in Osh<\/a>/);
    assert.match(
      await (await ana.request('/digest/2001-01-01')).text(),
      /No saved search found anything new that day/,
    );
    const bad = await ana.request('/digest/2025-02-30');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /is not a day: write it as YYYY-MM-DD/);
  });

  it('marks one alert read, then all, with the form token', async () => {
    const ana = new Browser(server.url);
    await ana.signIn('ana', 'analyst password 1');
    const page = await (await ana.request('/inbox')).text();
    const hit = /name="hit" value="(\d+:\d+)"/.exec(page)?.[1];
    assert.ok(hit);
    assert.equal((await ana.request('/inbox/read', { hit })).status, 403);
    assert.equal((await ana.request('/inbox/read', { _csrf: Browser.formToken(page), hit })).status, 303);
    const after = await (await ana.request('/inbox')).text();
    assert.match(after, /<p id="inbox-count">1 unread alert\.<\/p>/);
    assert.equal(
      (await ana.request('/inbox/read', { _csrf: Browser.formToken(after), all: '1' })).status,
      303,
    );
    assert.match(await (await ana.request('/inbox')).text(), /<p id="inbox-count">No unread alerts\.<\/p>/);
    // Bo's private search kept its alert unread: Ana could not mark it.
    const [curfew] = (await server.store.savedSearches.list()).filter(
      (search) => search.name === 'Private curfew',
    );
    assert.equal(curfew?.unreadHits, 1);
  });

  it('keeps each reader’s read state: what ana read of bo’s shared search is still new for bo', async () => {
    // Ana read everything above, the shared "Team snow" alert included.
    const bo = new Browser(server.url);
    await bo.signIn('bo', 'analyst password 2');
    const page = await (await bo.request('/inbox')).text();
    assert.match(page, /<p id="inbox-count">2 unread alerts\.<\/p>/);
    assert.match(page, /<strong>New · <\/strong>Team snow · new story/);
    assert.match(page, /<strong>New · <\/strong>Private curfew · new story/);
    const snow = /<strong>New · <\/strong>Team snow[\s\S]*?name="hit" value="(\d+:\d+)"/.exec(page)?.[1];
    assert.ok(snow);
    assert.equal(
      (await bo.request('/inbox/read', { _csrf: Browser.formToken(page), hit: snow })).status,
      303,
    );
    const after = await (await bo.request('/inbox')).text();
    assert.match(after, /<p id="inbox-count">1 unread alert\.<\/p>/);
    assert.doesNotMatch(after, /<strong>New · <\/strong>Team snow/);

    // Ana's inbox is as she left it: all read, nothing marked new.
    const ana = new Browser(server.url);
    await ana.signIn('ana', 'analyst password 1');
    const hers = await (await ana.request('/inbox')).text();
    assert.match(hers, /<p id="inbox-count">No unread alerts\.<\/p>/);
    assert.doesNotMatch(hers, /New · /);
    assert.match(hers, /Team snow · new story/);

    // Ana and bo have read everything now; cy, who sees the shared search too, has read nothing.
    assert.equal(
      (await bo.request('/inbox/read', { _csrf: Browser.formToken(after), all: '1' })).status,
      303,
    );
    assert.match(await (await bo.request('/inbox')).text(), /<p id="inbox-count">No unread alerts\.<\/p>/);
    const cy = new Browser(server.url);
    await cy.signIn('cy', 'viewer password 3');
    const theirs = await (await cy.request('/inbox')).text();
    assert.match(theirs, /<p id="inbox-count">1 unread alert\.<\/p>/);
    assert.match(theirs, /<strong>New · <\/strong>Team snow · new story/);
  });
});
