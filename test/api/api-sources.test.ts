/**
 * Managing the followed feeds on the server, over real HTTP on 127.0.0.1 against a real SQLite
 * archive, with feeds served by invented outlets on 127.0.0.1 (allowed as an operator would allow
 * them; anything else non-public stays refused): an admin follows a feed over the API with a token and
 * on the Sources page with the form, sees it listed, drops it, sets an outlet type, each audited under
 * their name; a viewer's and an analyst's attempts get 403 over both and change nothing, and see no
 * form; a form without its token is refused; the cloud metadata address (given, or redirected to) is
 * refused in words; the routes are in the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, createToken } from '../../src/watch/accounts/manage-accounts.ts';
import type { FetchTestServer } from '../ingest/fetch/fetch-test-server.ts';
import { startOutletServer } from '../ingest/poll/outlet-fixtures.ts';
import { Browser } from '../support/browser-session.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const timeout = () => AbortSignal.timeout(20_000);
const errorOf = (html: string) => /<p class="form-error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
const noticeOf = (html: string) => /<p class="form-done" role="status">([^<]*)<\/p>/.exec(html)?.[1];

interface ApiAnswer {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

describe('managing sources on the server', () => {
  let server: TestServer;
  let outlets: FetchTestServer;
  let anaToken: string;
  let vicToken: string;
  let boss: Browser;
  let bossCsrf: string;

  before(async () => {
    outlets = await startOutletServer();
    server = await startTestServer([], {
      access: { anonymousRead: false },
      allowPrivate: ['127.0.0.0/8'],
    });
    await addUser(server.store, { name: 'boss', role: 'admin', password: 'admin password 12' }, 'cli:test');
    await addUser(server.store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(server.store, { name: 'vic', role: 'viewer', password: 'viewer password 1' }, 'cli:test');
    anaToken = (await createToken(server.store, { userName: 'ana', scopes: ['read', 'write'] }, 'cli:test'))
      .token;
    vicToken = (await createToken(server.store, { userName: 'vic', scopes: ['read'] }, 'cli:test')).token;
    boss = new Browser(server.url);
    assert.equal((await boss.signIn('boss', 'admin password 12')).status, 303);
    bossCsrf = Browser.formToken(await (await boss.request('/sources')).text());
  });
  after(async () => {
    await server?.stop();
    await outlets?.close();
  });

  const api = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<ApiAnswer> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(options.token === undefined ? server.writeHeaders : { authorization: `Bearer ${options.token}` }),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: timeout(),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const feeds = () => server.store.subscriptions.list();
  const audit = async (action: string) =>
    (await server.store.accounts.listAudit({ action, limit: 1000 })).reverse();

  it('follows a feed for an admin’s token, through the site that links to it, listed and audited', async () => {
    const added = await api('POST', '/api/v1/sources', { body: { url: outlets.url('/site/') } });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.created, true);
    assert.equal(added.body.found_on, outlets.url('/site/'));
    assert.equal(added.body.format, 'rss');
    assert.equal(added.body.items, 3);
    const feed = added.body.feed as { id: number; url: string; interval_minutes: number };
    assert.equal(feed.url, outlets.url('/feeds/full.rss'));
    assert.equal(feed.interval_minutes, 30);
    const source = added.body.source as { id: number; name: string; feeds: { id: number }[] };
    assert.equal(source.name, 'Steppe Herald');
    assert.deepEqual(
      source.feeds.map((item) => item.id),
      [feed.id],
    );

    const again = await api('POST', '/api/v1/sources', { body: { url: outlets.url('/feeds/full.rss') } });
    assert.equal(again.status, 200);
    assert.equal(again.body.created, false);

    const listed = await api('GET', '/api/v1/sources');
    assert.equal(listed.status, 200);
    const sources = listed.body.sources as {
      id: number;
      name: string;
      outlet_type: null;
      feeds: { url: string }[];
    }[];
    assert.deepEqual(
      sources.map((item) => [item.name, item.outlet_type, item.feeds.map((f) => f.url)]),
      [['Steppe Herald', null, [outlets.url('/feeds/full.rss')]]],
    );
    const entries = await audit('source.add');
    assert.deepEqual(
      entries.map((entry) => [entry.actor, entry.target, entry.detail]),
      [
        [
          'tester',
          outlets.url('/feeds/full.rss'),
          `source "Steppe Herald", every 30 min, found on ${outlets.url('/site/')}, over the API`,
        ],
      ],
    );
  });

  it('refuses a viewer and an analyst over the API with 403, saying why, and changes nothing', async () => {
    const before = { feeds: (await feeds()).length, audit: (await server.store.accounts.listAudit()).length };
    const [steppe] = (await api('GET', '/api/v1/sources')).body.sources as { id: number }[];
    for (const [token, who] of [
      [vicToken, /^vic is a viewer and this token has read: only an admin may do this$/],
      [anaToken, /^ana is an analyst and this token has read, write: only an admin may do this$/],
    ] as const) {
      for (const [method, path, body] of [
        ['POST', '/api/v1/sources', { url: outlets.url('/feeds/teasers.atom') }],
        ['DELETE', `/api/v1/sources/${steppe!.id}`, undefined],
        ['PATCH', `/api/v1/sources/${steppe!.id}`, { outlet_type: 'wire' }],
      ] as const) {
        const refused = await api(method, path, { token, body });
        assert.equal(refused.status, 403, `${method} ${path}`);
        assert.match(refused.type, /^application\/problem\+json/);
        assert.equal(refused.body.code, 'AUTH_FORBIDDEN');
        assert.match(String(refused.body.detail), who);
      }
    }
    const anonymous = await fetch(`${server.url}/api/v1/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: outlets.url('/feeds/teasers.atom') }),
      signal: timeout(),
    });
    assert.equal(anonymous.status, 401);
    assert.equal((await feeds()).length, before.feeds);
    assert.equal((await server.store.accounts.listAudit()).length, before.audit);
    assert.equal((await server.store.listSources())[0]!.outletType, null);
  });

  it('refuses the cloud metadata address, given or redirected to, in words, storing nothing', async () => {
    const before = (await feeds()).length;
    const direct = await api('POST', '/api/v1/sources', {
      body: { url: 'http://169.254.169.254/latest/meta-data/' },
    });
    assert.equal(direct.status, 403);
    assert.equal(direct.body.code, 'FETCH_ADDRESS_BLOCKED');
    assert.match(
      String(direct.body.detail),
      /^http:\/\/169\.254\.169\.254\/latest\/meta-data\/: refused to connect: 169\.254\.169\.254 is a link-local address, not a public address\. To allow it, set WIREWATCH_ALLOW_PRIVATE/,
    );
    const redirected = await api('POST', '/api/v1/sources', {
      body: { url: outlets.url('/feeds/metadata') },
    });
    assert.equal(redirected.status, 403);
    assert.equal(redirected.body.code, 'FETCH_ADDRESS_BLOCKED');
    const noFeed = await api('POST', '/api/v1/sources', { body: { url: outlets.url('/site/nofeed') } });
    assert.equal(noFeed.status, 422);
    assert.equal(noFeed.body.code, 'SUBSCRIPTION_NO_FEED');
    const badUrl = await api('POST', '/api/v1/sources', { body: { url: 'ftp://files.example/feed.xml' } });
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.body.code, 'FETCH_BAD_URL');
    const invalid = await api('POST', '/api/v1/sources', { body: { url: '', interval_minutes: 0 } });
    assert.equal(invalid.status, 400);
    assert.deepEqual((invalid.body.errors as { pointer: string }[]).map((error) => error.pointer).sort(), [
      '/interval_minutes',
      '/url',
    ]);
    assert.equal((await feeds()).length, before);
    assert.equal((await audit('source.add')).length, 1);
  });

  it('shows an admin the follow form and a button per feed, and a viewer or analyst neither', async () => {
    const page = await boss.request('/sources');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'private, no-store');
    const html = await page.text();
    assert.match(html, /<form class="account-form" method="post" action="\/sources\/add">/);
    assert.match(html, /<input type="hidden" name="_csrf" value="[^"]+"\/>/);
    assert.equal((html.match(/action="\/sources\/remove"/g) ?? []).length, 1);
    for (const [name, password] of [
      ['vic', 'viewer password 1'],
      ['ana', 'analyst password 1'],
    ] as const) {
      const reader = new Browser(server.url);
      assert.equal((await reader.signIn(name, password)).status, 303);
      const shown = await (await reader.request('/sources')).text();
      assert.match(shown, /Steppe Herald/);
      assert.doesNotMatch(shown, /\/sources\/add|\/sources\/remove|name="_csrf"/);
    }
    // The readers' shared page, now in the response cache, is not what the admin gets.
    assert.match(await (await boss.request('/sources')).text(), /action="\/sources\/add"/);
  });

  it('refuses a viewer’s and an analyst’s form posts with 403 and changes nothing', async () => {
    const before = { feeds: (await feeds()).length, audit: (await server.store.accounts.listAudit()).length };
    const [first] = await feeds();
    for (const [name, password, said] of [
      ['vic', 'viewer password 1', /vic is a viewer: only an admin may do this/],
      ['ana', 'analyst password 1', /ana is an analyst: only an admin may do this/],
    ] as const) {
      const reader = new Browser(server.url);
      await reader.signIn(name, password);
      const csrf = Browser.formToken(await (await reader.request('/account')).text());
      const add = await reader.request('/sources/add', {
        _csrf: csrf,
        url: outlets.url('/feeds/teasers.atom'),
      });
      assert.equal(add.status, 403);
      assert.match(await add.text(), said);
      const remove = await reader.request('/sources/remove', { _csrf: csrf, feed: String(first!.id) });
      assert.equal(remove.status, 403);
      assert.match(await remove.text(), said);
    }
    assert.equal((await feeds()).length, before.feeds);
    assert.equal((await server.store.accounts.listAudit()).length, before.audit);
  });

  it('refuses an admin’s form posted without its token, or with another', async () => {
    const [first] = await feeds();
    const bare = await boss.request('/sources/add', { url: outlets.url('/feeds/teasers.atom') });
    assert.equal(bare.status, 403);
    assert.match(await bare.text(), /sent without its security token/);
    const guessed = await boss.request('/sources/remove', { _csrf: 'guessed', feed: String(first!.id) });
    assert.equal(guessed.status, 403);
    assert.equal((await feeds()).length, 1);
  });

  it('follows a feed from the admin’s form, says so on the page, lists and audits it', async () => {
    const added = await boss.request('/sources/add', {
      _csrf: bossCsrf,
      url: outlets.url('/feeds/teasers.atom'),
      name: 'Valley Monitor',
      interval: '60',
    });
    assert.equal(added.status, 303, await added.clone().text());
    const location = added.headers.get('location')!;
    assert.match(location, /^\/sources\?added=\d+$/);
    const html = await (await boss.request(location)).text();
    assert.equal(
      noticeOf(html),
      `Now following ${outlets.url('/feeds/teasers.atom')} as “Valley Monitor” (#${location.split('=')[1]}): its articles come in with the next fetch.`,
    );
    assert.match(html, /Valley Monitor<br\/>/);
    const feed = (await feeds()).find((item) => item.sourceName === 'Valley Monitor')!;
    assert.equal(feed.intervalMinutes, 60);
    const [entry] = (await audit('source.add')).slice(-1);
    assert.deepEqual(
      [entry!.actor, entry!.target, entry!.detail],
      [
        'boss',
        outlets.url('/feeds/teasers.atom'),
        'source "Valley Monitor", every 60 min, on the Sources page',
      ],
    );
    const again = await boss.request('/sources/add', {
      _csrf: bossCsrf,
      url: outlets.url('/feeds/teasers.atom'),
    });
    assert.equal(again.status, 303);
    assert.match(
      noticeOf(await (await boss.request(again.headers.get('location')!)).text()) ?? '',
      /^Already following .*nothing changed\.$/,
    );
    assert.equal((await audit('source.add')).length, 2);
    const log = await (await boss.request('/admin/audit?action=source.add')).text();
    assert.match(log, /boss/);
    assert.match(log, /Valley Monitor/);
  });

  it('says in words on the page why a feed cannot be followed, keeping what was typed', async () => {
    const metadata = await boss.request('/sources/add', {
      _csrf: bossCsrf,
      url: 'http://169.254.169.254/latest/meta-data/',
      name: 'Cloud',
    });
    assert.equal(metadata.status, 403);
    assert.equal(metadata.headers.get('cache-control'), 'private, no-store');
    const html = await metadata.text();
    assert.match(
      errorOf(html) ?? '',
      /^Not followed: http:\/\/169\.254\.169\.254\/latest\/meta-data\/: refused to connect: 169\.254\.169\.254 is a link-local address, not a public address\. To allow it, set WIREWATCH_ALLOW_PRIVATE/,
    );
    assert.match(html, /name="url"[^>]*value="http:\/\/169\.254\.169\.254\/latest\/meta-data\/"/);
    assert.match(html, /name="name"[^>]*value="Cloud"/);
    const noFeed = await boss.request('/sources/add', { _csrf: bossCsrf, url: outlets.url('/site/nofeed') });
    assert.equal(noFeed.status, 422);
    assert.match(
      errorOf(await noFeed.text()) ?? '',
      /^Not followed: http:\/\/127\.0\.0\.1:\d+\/site\/nofeed is a web page that links to no feed; give the address of its RSS, Atom or JSON feed\.$/,
    );
    const badInterval = await boss.request('/sources/add', {
      _csrf: bossCsrf,
      url: outlets.url('/feeds/cp1251.rss'),
      interval: '0',
    });
    assert.equal(badInterval.status, 422);
    assert.match(
      errorOf(await badInterval.text()) ?? '',
      /^Not followed: the minutes between fetches are a whole number from 1 to 10080/,
    );
    assert.equal((await feeds()).length, 2);
  });

  it('stops following a feed from the admin’s button, and says so; audited', async () => {
    const valley = (await feeds()).find((item) => item.sourceName === 'Valley Monitor')!;
    const removed = await boss.request('/sources/remove', { _csrf: bossCsrf, feed: String(valley.id) });
    assert.equal(removed.status, 303);
    const html = await (await boss.request(removed.headers.get('location')!)).text();
    assert.equal(
      noticeOf(html),
      `Feed #${valley.id} is no longer followed; its articles stay in the archive.`,
    );
    assert.doesNotMatch(html, /teasers\.atom/);
    const gone = await boss.request('/sources/remove', { _csrf: bossCsrf, feed: String(valley.id) });
    assert.equal(gone.status, 404);
    assert.match(
      errorOf(await gone.text()) ?? '',
      new RegExp(`^No followed feed has the id or URL &quot;${valley.id}&quot;`),
    );
    const entries = await audit('source.remove');
    assert.deepEqual(
      entries.map((entry) => [entry.actor, entry.target, entry.detail]),
      [
        [
          'boss',
          outlets.url('/feeds/teasers.atom'),
          `source "Valley Monitor", #${valley.id}, its 0 articles kept, on the Sources page`,
        ],
      ],
    );
  });

  it('sets an outlet type and stops following a source’s feeds over the API, audited', async () => {
    const [steppe] = (await api('GET', '/api/v1/sources')).body.sources as {
      id: number;
      feeds: { id: number }[];
    }[];
    const typed = await api('PATCH', `/api/v1/sources/${steppe!.id}`, { body: { outlet_type: 'regional' } });
    assert.equal(typed.status, 200);
    assert.equal((typed.body.source as { outlet_type: string }).outlet_type, 'regional');
    assert.equal(typed.body.previous_outlet_type, null);
    const badType = await api('PATCH', `/api/v1/sources/${steppe!.id}`, { body: { outlet_type: 'blog' } });
    assert.equal(badType.status, 400);
    assert.match(JSON.stringify(badType.body.errors), /must be one of wire, national/);
    const [typeEntry] = (await audit('source.type')).slice(-1);
    assert.deepEqual([typeEntry!.actor, typeEntry!.target], ['tester', 'Steppe Herald']);

    const missing = await api('DELETE', '/api/v1/sources/99999');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 'SOURCE_NOT_FOUND');
    const wrongFeed = await api('DELETE', `/api/v1/sources/${steppe!.id}/feeds/99999`);
    assert.equal(wrongFeed.status, 404);
    assert.equal(wrongFeed.body.code, 'SUBSCRIPTION_NOT_FOUND');
    const dropped = await api('DELETE', `/api/v1/sources/${steppe!.id}`);
    assert.equal(dropped.status, 200, JSON.stringify(dropped.body));
    assert.deepEqual(
      (dropped.body.removed_feeds as { id: number }[]).map((feed) => feed.id),
      steppe!.feeds.map((feed) => feed.id),
    );
    assert.deepEqual((dropped.body.source as { feeds: unknown[] }).feeds, []);
    assert.equal((await feeds()).length, 0);
    const again = await api('DELETE', `/api/v1/sources/${steppe!.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'SUBSCRIPTION_NOT_FOUND');
    const [entry] = (await audit('source.remove')).slice(-1);
    assert.deepEqual([entry!.actor, entry!.target], ['tester', outlets.url('/feeds/full.rss')]);
    assert.match(entry!.detail!, /, over the API$/);
    // The one-feed route, on a feed followed again.
    const readded = await api('POST', '/api/v1/sources', { body: { url: outlets.url('/feeds/full.rss') } });
    const feedId = (readded.body.feed as { id: number }).id;
    const sourceId = (readded.body.source as { id: number }).id;
    const one = await api('DELETE', `/api/v1/sources/${sourceId}/feeds/${feedId}`);
    assert.equal(one.status, 200);
    assert.equal((await feeds()).length, 0);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`, {
      headers: server.writeHeaders,
      signal: timeout(),
    });
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    assert.ok(document.paths['/api/v1/sources']?.get);
    assert.ok(document.paths['/api/v1/sources']?.post);
    assert.ok(document.paths['/api/v1/sources/{id}']?.delete);
    assert.ok(document.paths['/api/v1/sources/{id}']?.patch);
    assert.ok(document.paths['/api/v1/sources/{id}/feeds/{feed_id}']?.delete);
  });
});
