/**
 * Editing a saved search on /watch/ID, and /watch paged, over real HTTP on 127.0.0.1 against a real
 * SQLite archive with signed-in browsers: the owner's edit form (with the session's form token) changes
 * the name, query and webhook, the new signing secret shown in that answer only; a malformed query
 * comes back beside its field with the parser's message and caret, a private webhook address beside
 * its own, the form as typed and nothing changed; a post without its token is refused; another analyst
 * gets no form and 403 (shared) or 404 (private); an admin's /watch of 130 searches comes 50 a page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../src/watch/accounts/manage-accounts.ts';
import { saveSearch } from '../../src/watch/searches/save-search.ts';
import { Browser } from '../support/browser-session.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const errorOf = (html: string) => /<p class="form-error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
const fieldErrorOf = (html: string, id: string) =>
  new RegExp(`<p class="form-error field-error" id="${id}">([^<]*)</p>`).exec(html)?.[1];
const editFormOf = (html: string) =>
  /<form class="account-form edit-search-form" method="post" action="\/watch\/\d+\/edit">([\s\S]*?)<\/form>/.exec(
    html,
  )?.[1];
/** preact writes quotes in attributes and text as entities: the page's text as a reader sees it. */
const text = (html: string) =>
  html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&').replaceAll('&lt;', '<');

describe('editing a saved search and paging the list in the web desk', () => {
  let server: TestServer;
  let ana: Browser;
  let bo: Browser;
  let root: Browser;
  let id: number;

  before(async () => {
    server = await startTestServer([
      { source: 'Valley Times', title: 'Old news from Osh', text: 'Osh held a fair last spring.' },
    ]);
    const { store } = server;
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    await addUser(store, { name: 'root', role: 'admin', password: 'admin password 3' }, 'cli:test');
    ana = new Browser(server.url);
    bo = new Browser(server.url);
    root = new Browser(server.url);
    assert.equal((await ana.signIn('ana', 'analyst password 1')).status, 303);
    assert.equal((await bo.signIn('bo', 'analyst password 2')).status, 303);
    assert.equal((await root.signIn('root', 'admin password 3')).status, 303);
    id = (await saveSearch(store, { ownerName: 'ana', name: 'Osh', query: 'Osh' }, 'cli:test')).id;
  });
  after(() => server.stop());

  const page = async (browser: Browser, path = `/watch/${id}`) => {
    const response = await browser.request(path);
    assert.equal(response.status, 200, path);
    return text(await response.text());
  };
  const edit = async (form: Record<string, string>, browser = ana) => {
    const token = Browser.formToken(await page(browser, '/watch'));
    const response = await browser.request(`/watch/${id}/edit`, { _csrf: token, ...form });
    return { status: response.status, html: text(await response.text()) };
  };

  it('gives the owner an edit form holding the search as it is, with their form token', async () => {
    const html = await page(ana);
    const form = editFormOf(html);
    assert.ok(form, 'the owner gets the form');
    assert.match(form, /name="_csrf" value="[^"]+"/);
    assert.match(form, /name="name"[^>]*value="Osh"/);
    assert.match(form, /name="query"[^>]*value="Osh"/);
    // No webhook: an empty value (preact writes it as a bare attribute).
    assert.match(form, /name="webhook" type="url"[^>]* value(="")? /);
    assert.match(form, /name="rotate" value="1"/);
    assert.match(
      html,
      /a new one applies to articles ingested from now on: the archive is not searched again/,
    );
  });

  it('changes the name and query, saying what changed and that the archive is not searched again', async () => {
    const done = await edit({ name: 'Osh and Bishkek', query: 'Osh OR Bishkek', webhook: '' });
    assert.equal(done.status, 200);
    assert.match(done.html, /<p class="form-done" role="status">Changed “Osh and Bishkek”:<\/p>/);
    assert.match(
      done.html,
      /<ul class="watch-changes"><li>name: "Osh" → "Osh and Bishkek"<\/li><li>query: Osh → Osh OR Bishkek<\/li><\/ul>/,
    );
    assert.match(done.html, /Note: the new query applies to articles ingested from now on/);
    assert.match(done.html, /<h1>Osh and Bishkek<\/h1>/);
    const search = await server.store.savedSearches.get(id);
    assert.deepEqual([search?.name, search?.query], ['Osh and Bishkek', 'Osh OR Bishkek']);
  });

  it('shows a malformed query’s message and caret beside the field, keeps the form as typed, and changes nothing', async () => {
    const refused = await edit({ name: 'Never', query: 'org:HTS (returnee*', webhook: '' });
    assert.equal(refused.status, 400);
    assert.equal(errorOf(refused.html), 'The search was not changed: its new query cannot be searched.');
    const form = editFormOf(refused.html) ?? '';
    assert.match(form, /name="query"[^>]*value="org:HTS \(returnee\*"[^>]*aria-invalid="true"/);
    assert.match(form, /aria-describedby="edit-query-error"/);
    assert.match(form, /<div id="edit-query-error"><section class="query-error" role="alert"/);
    assert.match(form, /<h2 id="query-error-title">The new query cannot be searched<\/h2>/);
    assert.match(form, /<pre class="query-caret"><code>org:HTS \(returnee\*\n {8}\^/);
    assert.match(form, /name="name"[^>]*value="Never"/);
    assert.match(refused.html, /<details class="watch-edit" open>/);
    const search = await server.store.savedSearches.get(id);
    assert.deepEqual([search?.name, search?.query], ['Osh and Bishkek', 'Osh OR Bishkek']);

    const metadata = await edit({
      name: 'Osh and Bishkek',
      query: 'Osh',
      webhook: 'http://169.254.169.254/x',
    });
    assert.equal(metadata.status, 422);
    assert.match(
      fieldErrorOf(metadata.html, 'edit-webhook-error') ?? '',
      /^the webhook URL names a link-local address \(169\.254\.169\.254\)/,
    );
    assert.equal((await server.store.savedSearches.get(id))?.query, 'Osh OR Bishkek');
    const empty = await edit({ name: ' ', query: 'Osh', webhook: '' });
    assert.equal(empty.status, 422);
    assert.match(fieldErrorOf(empty.html, 'edit-name-error') ?? '', /needs a name of 1 to 120 characters/);
  });

  it('sets a webhook with a new secret shown in that answer only, rotates it, and removes it', async () => {
    const keep = { name: 'Osh and Bishkek', query: 'Osh OR Bishkek' };
    const set = await edit({ ...keep, webhook: 'https://hooks.example/osh' });
    assert.equal(set.status, 200);
    const secret = /<code class="shown-once">([\w-]+)<\/code>/.exec(set.html)?.[1];
    assert.match(secret ?? '', /^[\w-]{43}$/);
    assert.ok(!(await page(ana)).includes(secret!), 'never shown again');
    const moved = await edit({ ...keep, webhook: 'https://hooks.example/osh2' });
    assert.doesNotMatch(moved.html, /shown-once/, 'a new URL keeps its secret');
    const rotated = await edit({ ...keep, webhook: 'https://hooks.example/osh2', rotate: '1' });
    const second = /<code class="shown-once">([\w-]+)<\/code>/.exec(rotated.html)?.[1];
    assert.ok(second && second !== secret);
    const removed = await edit({ ...keep, webhook: '' });
    assert.match(removed.html, /<li>webhook removed<\/li>/);
    assert.equal((await server.store.savedSearches.get(id))?.webhookUrl, null);
    const nothing = await edit({ ...keep, webhook: '', rotate: '1' });
    assert.equal(nothing.status, 422);
    assert.match(fieldErrorOf(nothing.html, 'edit-webhook-error') ?? '', /there is no webhook/);
  });

  it('refuses a post without its form token, and others’ edits: 404 private, 403 shared, no form', async () => {
    const bare = await ana.request(`/watch/${id}/edit`, { name: 'forged', query: 'Osh' });
    assert.equal(bare.status, 403);
    const boToken = Browser.formToken(await page(bo, '/watch'));
    assert.equal(
      (await bo.request(`/watch/${id}/edit`, { _csrf: boToken, name: 'bo’s', query: 'x' })).status,
      404,
    );
    await server.store.savedSearches.update(
      id,
      { shared: true },
      { actor: 'cli:test', action: 'watch.change', target: 'x' },
    );
    assert.equal(editFormOf(await page(bo)), undefined, 'no form for who may not edit');
    const refused = await bo.request(`/watch/${id}/edit`, { _csrf: boToken, name: 'bo’s', query: 'x' });
    assert.equal(refused.status, 403);
    assert.match(text(await refused.text()), /only its owner or an admin may change it/);
    assert.equal((await server.store.savedSearches.get(id))?.name, 'Osh and Bishkek');
    // An admin may.
    const token = Browser.formToken(await page(root, '/watch'));
    const byAdmin = await root.request(`/watch/${id}/edit`, {
      _csrf: token,
      name: 'Osh (admin)',
      query: 'Osh',
    });
    assert.equal(byAdmin.status, 200);
    assert.equal((await server.store.savedSearches.get(id))?.name, 'Osh (admin)');
  });

  it('pages /watch 50 at a time for an admin with 130 searches, each once', async () => {
    const user = (await server.store.accounts.findUserByName('bo'))!;
    for (let n = 1; n <= 129; n++)
      await server.store.savedSearches.add(
        {
          ownerId: user.id,
          name: `search ${String(n).padStart(3, '0')}`,
          query: 'Osh',
          shared: false,
          webhookUrl: null,
          digest: 'none',
        },
        { actor: 'cli:test', action: 'watch.add', target: `search ${n}` },
      );
    const rows = (html: string) =>
      [...html.matchAll(/<tr class="watch-search" id="search-(\d+)">/g)].map((m) => m[1]);
    const first = await page(root, '/watch');
    assert.match(
      first,
      /<p id="watch-count">130 saved searches you may see, 0 your own \(an admin sees every one\)\. Showing 1–50, by owner and name\./,
    );
    assert.equal(rows(first).length, 50);
    assert.match(first, /<nav class="pager" aria-label="Result pages">/);
    assert.match(first, /<a rel="next" href="\/watch\?page=2">/);
    const second = await page(root, '/watch?page=2');
    assert.match(second, /Showing 51–100/);
    assert.match(second, /<a rel="prev" href="\/watch">/);
    const third = await page(root, '/watch?page=3');
    assert.equal(rows(third).length, 30);
    assert.doesNotMatch(third, /rel="next"/);
    const all = [...rows(first), ...rows(second), ...rows(third)];
    assert.equal(new Set(all).size, 130);
    // Past the end: the last page; nonsense: the first.
    assert.deepEqual(rows(await page(root, '/watch?page=99')), rows(third));
    assert.deepEqual(rows(await page(root, '/watch?page=x')), rows(first));
    // Ana sees only what she may: her own (shared) search, on one page without a pager.
    const anas = await page(ana, '/watch');
    assert.equal(rows(anas).length, 1);
    assert.match(anas, /1 saved search you may see, 1 your own\./);
    assert.doesNotMatch(anas, /class="pager"/);
  });
});
