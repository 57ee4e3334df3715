/**
 * Saved searches in the web desk over real HTTP on 127.0.0.1 against a real SQLite archive, with
 * signed-in browsers: an analyst saves a search from the results page (its form carrying the
 * session's token, a page the response cache never hands anyone else) and finds it on /watch; a
 * malformed query, a private webhook address and a name already used are refused in words with their
 * status; a viewer gets no form and 403; a post without its token is refused; another analyst neither
 * sees nor removes someone's private search (404) and sees but may not remove a shared one (403);
 * after matching, the hits (why each alerted) and the webhook deliveries with their attempts are on
 * /watch/ID.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { compileAllowList } from '../../src/ingest/fetch/allow-list.ts';
import { addUser } from '../../src/watch/accounts/manage-accounts.ts';
import { deliverDueWebhooks } from '../../src/watch/deliveries/deliver-webhooks.ts';
import { createWebhookSender } from '../../src/watch/deliveries/webhook-sender.ts';
import { matchSavedSearches } from '../../src/watch/searches/match-saved-searches.ts';
import { saveSearch } from '../../src/watch/searches/save-search.ts';
import { Browser } from '../support/browser-session.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const errorOf = (html: string) => /<p class="form-error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
const noticeOf = (html: string) => /<p class="form-done" role="status">([^<]*)<\/p>/.exec(html)?.[1];
/** preact writes quotes in attributes and text as entities: the page's text as a reader sees it. */
const text = (html: string) =>
  html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&').replaceAll('&lt;', '<');

describe('saved searches in the web desk', () => {
  let server: TestServer;
  let ana: Browser;
  let bo: Browser;
  let cy: Browser;

  before(async () => {
    server = await startTestServer(
      [{ source: 'Valley Times', title: 'Old news from Osh', text: 'Osh held a fair last spring.' }],
      { access: { anonymousRead: false } },
    );
    const { store } = server;
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    await addUser(store, { name: 'cy', role: 'viewer', password: 'viewer password 3' }, 'cli:test');
    ana = new Browser(server.url);
    bo = new Browser(server.url);
    cy = new Browser(server.url);
    assert.equal((await ana.signIn('ana', 'analyst password 1')).status, 303);
    assert.equal((await bo.signIn('bo', 'analyst password 2')).status, 303);
    assert.equal((await cy.signIn('cy', 'viewer password 3')).status, 303);
  });
  after(() => server.stop());

  /** The results page's save form of `browser` for `q`, or undefined when it has none. */
  const saveFormOn = async (browser: Browser, q: string) => {
    const response = await browser.request(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(response.status, 200);
    const html = await response.text();
    const form =
      /<form class="account-form save-search-form" method="post" action="\/watch">([\s\S]*?)<\/form>/.exec(
        html,
      )?.[1];
    return { html, form, cacheControl: response.headers.get('cache-control') };
  };

  it('gives an analyst a “Save this search” form on the results page, with their own form token', async () => {
    const anaPage = await saveFormOn(ana, 'curfew Osh');
    assert.ok(anaPage.form, 'ana gets the form');
    assert.match(anaPage.form, /name="query" value="curfew Osh"/);
    assert.match(anaPage.form, /name="name"[^>]*value="curfew Osh"/);
    assert.match(anaPage.form, /name="shared" value="1"/);
    assert.match(anaPage.form, /<option value="daily">daily<\/option>/);
    assert.match(anaPage.form, /name="webhook" type="url"/);
    assert.equal(anaPage.cacheControl, 'private, no-store');
    // The same URL for the viewer (twice: the second from the response cache), then for bo: each
    // gets their own page, never ana's token.
    const anaToken = Browser.formToken(anaPage.html);
    for (const browser of [cy, cy]) {
      const page = await saveFormOn(browser, 'curfew Osh');
      assert.equal(page.form, undefined, 'a viewer gets no form');
      assert.doesNotMatch(page.html, /name="_csrf"/);
      assert.match(page.html, /Viewing results|Nothing in the archive matches/);
    }
    const boPage = await saveFormOn(bo, 'curfew Osh');
    assert.ok(boPage.form);
    assert.notEqual(Browser.formToken(boPage.html), anaToken);
    assert.equal(Browser.formToken((await saveFormOn(ana, 'curfew Osh')).html), anaToken);
    // No form for the latest articles (no query) nor on a malformed query's page.
    assert.equal((await saveFormOn(ana, '')).form, undefined);
    const broken = await ana.request('/search?q=org%3AHTS%20(returnee*');
    assert.equal(broken.status, 400);
    assert.doesNotMatch(await broken.text(), /save-search-form/);
  });

  it('saves the search from the results page and lists it on /watch, its feed URL shown', async () => {
    const { html, form } = await saveFormOn(ana, 'Osh');
    assert.ok(form);
    const saved = await ana.request('/watch', {
      _csrf: Browser.formToken(html),
      query: 'Osh',
      name: 'Osh',
      digest: 'none',
      webhook: '',
    });
    assert.equal(saved.status, 201);
    const id = Number(/^\/watch\/(\d+)$/.exec(saved.headers.get('location') ?? '')?.[1]);
    assert.ok(id > 0);
    const answer = text(await saved.text());
    assert.match(noticeOf(answer) ?? '', /^Saved “Osh” \(#\d+\): new articles matching it/);
    assert.match(
      answer,
      new RegExp(`<code class="feed-url-once">/watch/${id}/feed\\.atom\\?key=[\\w-]+</code>`),
    );
    assert.doesNotMatch(answer, /shown-once/, 'no webhook, no signing secret');

    const list = text(await (await ana.request('/watch')).text());
    assert.match(list, /<p id="watch-count">1 saved search you may see, 1 your own\./);
    assert.match(list, new RegExp(`<a href="/watch/${id}">Osh</a>`));
    assert.match(list, /<a href="\/search\?q=Osh"><code>Osh<\/code><\/a>/);
    assert.match(list, /<td>ana \(you\)<\/td><td>private<\/td><td>not yet<\/td>/);
    assert.match(list, /<td class="watch-deliveries">inbox<\/td>/);
    // The owner's feed link carries the key: a feed reader opens it without signing in.
    const feed = new RegExp(`href="(/watch/${id}/feed\\.atom\\?key=[\\w-]+)"`).exec(list)?.[1];
    assert.ok(feed);
    const atom = await fetch(`${server.url}${feed}`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(atom.status, 200);
    assert.match(atom.headers.get('content-type') ?? '', /atom/);
    // The account page and the inbox link here.
    assert.match(await (await ana.request('/account')).text(), /<a href="\/watch">Your saved searches<\/a>/);
    assert.match(await (await ana.request('/inbox')).text(), /<a href="\/watch">Saved searches<\/a>/);
  });

  it('refuses a malformed query with the parser’s message and column, the form kept as typed', async () => {
    const token = Browser.formToken(await (await ana.request('/watch')).text());
    const refused = await ana.request('/watch', {
      _csrf: token,
      query: 'org:HTS (returnee*',
      name: 'HTS returnees',
      shared: '1',
      digest: 'daily',
    });
    assert.equal(refused.status, 400);
    const html = text(await refused.text());
    assert.equal(errorOf(html), 'The search was not saved: its query cannot be searched.');
    assert.match(html, /<h2 id="query-error-title">The query to save cannot be searched<\/h2>/);
    assert.match(
      html,
      /<p class="query-error-message">[^<]*\(<\/p>|<p class="query-error-message">[^<]+<\/p>/,
    );
    // The caret stands under column 9, the unclosed parenthesis.
    assert.match(html, /<pre class="query-caret"><code>org:HTS \(returnee\*\n {8}\^/);
    assert.match(html, /name="query" required maxLength="1000" value="org:HTS \(returnee\*"/i);
    assert.match(html, /name="name"[^>]*value="HTS returnees"/);
    assert.match(html, /name="shared" value="1" checked/);
    assert.match(html, /<option value="daily" selected>daily<\/option>/);
    assert.equal((await server.store.savedSearches.list()).length, 1);
  });

  it('refuses a webhook on a private address (422) and a name already used (409), in words', async () => {
    const token = Browser.formToken(await (await ana.request('/watch')).text());
    const metadata = await ana.request('/watch', {
      _csrf: token,
      query: 'curfew',
      name: 'Curfews',
      webhook: 'http://169.254.169.254/latest/meta-data',
    });
    assert.equal(metadata.status, 422);
    assert.match(
      errorOf(text(await metadata.text())) ?? '',
      /^The search was not saved: the webhook URL names a link-local address \(169\.254\.169\.254\): deliveries never go to private addresses/,
    );
    const again = await ana.request('/watch', { _csrf: token, query: 'Osh OR Bishkek', name: 'Osh' });
    assert.equal(again.status, 409);
    assert.equal(
      errorOf(text(await again.text())),
      'The search was not saved: there is already a saved search called "Osh" of that user.',
    );
    assert.equal((await server.store.savedSearches.list()).length, 1);
  });

  it('refuses a post without its form token, or with another session’s', async () => {
    const bare = await ana.request('/watch', { query: 'forged', name: 'forged' });
    assert.equal(bare.status, 403);
    assert.match(await bare.text(), /security token/);
    const bosToken = Browser.formToken(await (await bo.request('/watch')).text());
    assert.equal((await ana.request('/watch', { _csrf: bosToken, query: 'forged', name: 'f' })).status, 403);
    assert.equal((await server.store.savedSearches.list()).length, 1);
  });

  it('gives a viewer no form and 403 when they post one anyway; anonymous browsers sign in first', async () => {
    const page = text(await (await cy.request('/watch')).text());
    assert.match(page, /No saved searches you may see yet\./);
    assert.doesNotMatch(page, /save-search-form/);
    const token = Browser.formToken(await (await cy.request('/account')).text());
    const refused = await cy.request('/watch', { _csrf: token, query: 'Osh', name: 'mine' });
    assert.equal(refused.status, 403);
    assert.match(
      text(await refused.text()),
      /cy is a viewer: only an analyst or an admin may change the archive/,
    );
    assert.equal((await server.store.savedSearches.list()).length, 1);
    const anonymous = await fetch(`${server.url}/watch`, {
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/sign-in?next=%2Fwatch');
  });

  it('keeps a private search from other analysts (404), and a shared one theirs to read, not remove (403)', async () => {
    const [osh] = await server.store.savedSearches.list();
    const boToken = Browser.formToken(await (await bo.request('/watch')).text());
    // Private: bo neither sees it nor learns it exists.
    assert.doesNotMatch(await (await bo.request('/watch')).text(), /Osh/);
    assert.equal((await bo.request(`/watch/${osh!.id}`)).status, 404);
    assert.equal((await bo.request(`/watch/${osh!.id}/remove`, { _csrf: boToken })).status, 404);
    assert.equal((await bo.request(`/watch/${osh!.id}/change`, { _csrf: boToken, shared: '1' })).status, 404);
    assert.equal((await bo.request('/watch/999999/remove', { _csrf: boToken })).status, 404);

    // Ana shares it: bo (and the viewer) see it, without its key or its management forms.
    const anaToken = Browser.formToken(await (await ana.request('/watch')).text());
    const shared = await ana.request(`/watch/${osh!.id}/change`, { _csrf: anaToken, shared: '1' });
    assert.equal(shared.status, 303);
    assert.equal(shared.headers.get('location'), `/watch?changed=${osh!.id}`);
    assert.equal(
      noticeOf(text(await (await ana.request(shared.headers.get('location')!)).text())),
      '“Osh” is now shared with the team, with no digest.',
    );
    const boList = text(await (await bo.request('/watch')).text());
    assert.match(boList, new RegExp(`<a href="/watch/${osh!.id}">Osh</a>`));
    assert.match(boList, /<td>ana<\/td><td>shared<\/td>/);
    assert.doesNotMatch(boList, /feed\.atom\?key=/);
    assert.doesNotMatch(boList, /\/remove"/);
    assert.equal((await bo.request(`/watch/${osh!.id}`)).status, 200);
    const refused = await bo.request(`/watch/${osh!.id}/remove`, { _csrf: boToken });
    assert.equal(refused.status, 403);
    assert.match(text(await refused.text()), /"Osh" is ana’s: only its owner or an admin may remove it/);
    assert.ok(await server.store.savedSearches.get(osh!.id));
    assert.match(text(await (await cy.request('/watch')).text()), /1 saved search you may see, 0 your own\./);

    // Ana turns the daily digest on; the audit log names her.
    await ana.request(`/watch/${osh!.id}/change`, { _csrf: anaToken, digest: 'daily' });
    assert.equal((await server.store.savedSearches.get(osh!.id))?.digest, 'daily');
    const changes = await server.store.accounts.listAudit({ action: 'watch.change' });
    assert.deepEqual(changes.map((entry) => [entry.actor, entry.target, entry.detail]).sort(), [
      ['ana', 'Osh', 'digest daily'],
      ['ana', 'Osh', 'shared'],
    ]);
  });

  it('shows a search’s hits (why each alerted, read or not) and its webhook deliveries with their attempts', async () => {
    const receiver: Server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.statusCode = 500;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const sender = createWebhookSender({ allowPrivate: ['127.0.0.1/32'], timeoutMs: 2000 });
    try {
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const hooked = await saveSearch(
        server.store,
        { ownerName: 'ana', name: 'Curfew hook', query: 'curfew', webhookUrl: hook },
        'cli:test',
        { allowPrivate: compileAllowList(['127.0.0.1/32']) },
      );
      const osh = (await server.store.savedSearches.list()).find((search) => search.name === 'Osh');
      await server.store.addArticles([
        { source: 'Valley Times', title: 'Curfew in Osh', text: 'A curfew was declared in Osh.' },
        { source: 'Steppe Herald', title: 'Snow in the passes', text: 'Snow closed two passes.' },
      ]);
      const pass = await matchSavedSearches(server.store);
      assert.equal(pass.alerts, 2);
      const delivered = await deliverDueWebhooks(server.store, sender);
      assert.deepEqual([delivered.due, delivered.retrying], [1, 1]);

      const list = text(await (await ana.request('/watch')).text());
      assert.match(list, /<td class="number">1 \(1 alert\)<\/td><td class="number watch-unread">1<\/td>/);
      assert.match(list, /<td class="watch-deliveries">inbox, webhook: 1 pending, 0 failed, 0 sent<\/td>/);

      const page = text(await (await ana.request(`/watch/${osh!.id}`)).text());
      assert.match(page, /<h1>Osh<\/h1>/);
      assert.match(page, /<dd id="watch-hit-count">1 hit, 1 alert, 1 unread by you<\/dd>/);
      assert.match(page, /<strong>New alert · <\/strong><span class="watch-why">new story<\/span>/);
      assert.match(page, /<a href="\/articles\/\d+">Curfew in Osh<\/a>/);
      assert.doesNotMatch(page, /Snow in the passes/);
      assert.doesNotMatch(page, /Webhook deliveries/);
      // Bo reads the shared search's hits as unread for him too.
      assert.match(
        text(await (await bo.request(`/watch/${osh!.id}`)).text()),
        /<strong>New alert · <\/strong><span class="watch-why">new story<\/span>/,
      );

      const hookPage = text(await (await ana.request(`/watch/${hooked.id}`)).text());
      assert.match(hookPage, new RegExp(`<dd>${hook.replaceAll('.', '\\.')}</dd>`));
      assert.match(hookPage, /<h2 id="deliveries-heading">Webhook deliveries<\/h2>/);
      assert.match(hookPage, /<span class="delivery-state">pending<\/span>, last answer 500/);
      assert.match(hookPage, /, next try <time datetime=/);
      assert.match(
        hookPage,
        /<ol class="watch-attempts"><li><time datetime="[^"]+">[^<]+<\/time> · 500 · \d+ ms/,
      );
    } finally {
      await sender.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('lets the owner remove their search, with its hits', async () => {
    const [osh] = (await server.store.savedSearches.list()).filter((search) => search.name === 'Osh');
    const token = Browser.formToken(await (await ana.request('/watch')).text());
    const removed = await ana.request(`/watch/${osh!.id}/remove`, { _csrf: token });
    assert.equal(removed.status, 303);
    const page = text(await (await ana.request(removed.headers.get('location')!)).text());
    assert.equal(noticeOf(page), `Removed saved search #${osh!.id}, its hits and its deliveries.`);
    assert.equal(await server.store.savedSearches.get(osh!.id), null);
    assert.equal((await ana.request(`/watch/${osh!.id}`)).status, 404);
    const [entry] = await server.store.accounts.listAudit({ action: 'watch.remove' });
    assert.deepEqual([entry?.actor, entry?.target], ['ana', 'Osh']);
  });
});
