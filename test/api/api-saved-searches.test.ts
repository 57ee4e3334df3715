/**
 * /api/v1/saved-searches over real HTTP on 127.0.0.1 against a real SQLite archive, with bearer
 * tokens: saving (the write scope; a read token and a viewer refused), the secrets shown once and in
 * no listing, a malformed query refused with the parser's column, a private webhook address and a name
 * already used refused; listing and getting what the caller may see (a private search of another is
 * 404, as one that does not exist; a shared one is theirs to read, 403 to change or remove); changing
 * and removing; the hits after an import, paged by article id, with why and the caller's read state;
 * and the OpenAPI document describing it all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validate } from '@readme/openapi-parser';
import { addUser, createToken } from '../../src/watch/accounts/manage-accounts.ts';
import { matchSavedSearches } from '../../src/watch/searches/match-saved-searches.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer read by the assertions
  body: any;
}

describe('the saved-searches API', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  before(async () => {
    server = await startTestServer([], { access: { anonymousRead: true } });
    const { store } = server;
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    await addUser(store, { name: 'cy', role: 'viewer', password: 'viewer password 3' }, 'cli:test');
    const token = async (userName: string, scopes: ('read' | 'write')[]) =>
      (await createToken(store, { userName, scopes }, 'cli:test')).token;
    tokens.ana = await token('ana', ['read', 'write']);
    tokens.anaRead = await token('ana', ['read']);
    tokens.bo = await token('bo', ['read', 'write']);
    tokens.cy = await token('cy', ['read']);
  });
  after(() => server.stop());

  const call = async (method: string, path: string, who: string | null, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(who === null
          ? {}
          : {
              authorization: who === 'tester' ? server.writeHeaders.authorization! : `Bearer ${tokens[who]}`,
            }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      headers: response.headers,
      text,
      body: text === '' ? null : JSON.parse(text),
    };
  };

  let oshId: number;
  let feedKey: string;
  let webhookSecret: string;

  it('saves a search with a write token, showing its webhook secret and feed key once', async () => {
    const created = await call('POST', '/api/v1/saved-searches', 'ana', {
      name: 'Osh',
      query: 'Osh',
      webhook_url: 'https://hooks.example/wirewatch',
      digest: 'daily',
    });
    assert.equal(created.status, 201, created.text);
    oshId = created.body.id;
    assert.equal(created.headers.get('location'), `/api/v1/saved-searches/${oshId}`);
    assert.equal(created.headers.get('cache-control'), 'no-store');
    assert.deepEqual(
      { ...created.body, created_at: 'x', secrets: undefined },
      {
        id: oshId,
        name: 'Osh',
        query: 'Osh',
        owner: 'ana',
        yours: true,
        shared: false,
        digest: 'daily',
        webhook: {
          url: 'https://hooks.example/wirewatch',
          deliveries: { pending: 0, failed: 0, sent: 0, partial: false },
        },
        created_at: 'x',
        last_run_at: null,
        hits: 0,
        alerts: 0,
        unread_alerts: 0,
        links: {
          self: `/api/v1/saved-searches/${oshId}`,
          hits: `/api/v1/saved-searches/${oshId}/hits`,
          html: `/watch/${oshId}`,
          feed: `/watch/${oshId}/feed.atom`,
        },
        secrets: undefined,
      },
    );
    feedKey = created.body.secrets.feed_key;
    webhookSecret = created.body.secrets.webhook_secret;
    assert.match(feedKey, /^[\w-]{32}$/);
    assert.match(webhookSecret, /^[\w-]{43}$/);
    assert.equal(created.body.secrets.feed_url, `/watch/${oshId}/feed.atom?key=${feedKey}`);
    // The feed opens with its key alone, as a feed reader would.
    const feed = await fetch(`${server.url}${created.body.secrets.feed_url}`, {
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(feed.status, 200);

    // Never again: not in the listing, not in the search, not for an admin.
    for (const [path, who] of [
      ['/api/v1/saved-searches', 'ana'],
      [`/api/v1/saved-searches/${oshId}`, 'ana'],
      ['/api/v1/saved-searches', 'tester'],
      [`/api/v1/saved-searches/${oshId}`, 'tester'],
    ] as const) {
      const answer = await call('GET', path, who);
      assert.equal(answer.status, 200);
      assert.ok(!answer.text.includes(feedKey), `${path} as ${who} hides the feed key`);
      assert.ok(!answer.text.includes(webhookSecret), `${path} as ${who} hides the webhook secret`);
      assert.doesNotMatch(answer.text, /secret|feed_key/);
    }
    const [entry] = await server.store.accounts.listAudit({ action: 'watch.add' });
    assert.deepEqual([entry?.actor, entry?.target], ['ana', 'Osh']);
  });

  it('enforces scopes: no token 401, a read token and a viewer’s 403, nothing saved', async () => {
    const body = { name: 'Forged', query: 'Osh' };
    const anonymous = await call('POST', '/api/v1/saved-searches', null, body);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.type, /application\/problem\+json/);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
    const readOnly = await call('POST', '/api/v1/saved-searches', 'anaRead', body);
    assert.equal(readOnly.status, 403);
    assert.equal(readOnly.body.code, 'AUTH_FORBIDDEN');
    assert.match(readOnly.body.detail, /this token has read/);
    const viewer = await call('POST', '/api/v1/saved-searches', 'cy', body);
    assert.equal(viewer.status, 403);
    assert.match(viewer.body.detail, /cy is a viewer/);
    assert.equal((await call('DELETE', `/api/v1/saved-searches/${oshId}`, 'anaRead')).status, 403);
    // Reading anonymously is allowed on this server, but saved searches belong to users.
    const list = await call('GET', '/api/v1/saved-searches', null);
    assert.equal(list.status, 401);
    assert.equal(list.body.code, 'AUTH_REQUIRED');
    // A read token reads.
    assert.equal((await call('GET', '/api/v1/saved-searches', 'anaRead')).body.saved_searches.length, 1);
    assert.equal((await server.store.savedSearches.list()).length, 1);
  });

  it('refuses a malformed query with the parser’s column, a private webhook and a used name', async () => {
    const malformed = await call('POST', '/api/v1/saved-searches', 'ana', {
      name: 'HTS returnees',
      query: 'org:HTS (returnee*',
    });
    assert.equal(malformed.status, 400);
    assert.match(malformed.type, /application\/problem\+json/);
    assert.equal(malformed.body.code, 'QUERY_UNBALANCED_PARENS');
    assert.equal(malformed.body.location.column, 9);
    const metadata = await call('POST', '/api/v1/saved-searches', 'ana', {
      name: 'Metadata',
      query: 'Osh',
      webhook_url: 'http://169.254.169.254/latest/meta-data',
    });
    assert.equal(metadata.status, 422);
    assert.equal(metadata.body.code, 'WATCH_INVALID');
    assert.match(metadata.body.detail, /link-local address \(169\.254\.169\.254\)/);
    const again = await call('POST', '/api/v1/saved-searches', 'ana', { name: 'Osh', query: 'Bishkek' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'WATCH_EXISTS');
    const shapeless = await call('POST', '/api/v1/saved-searches', 'ana', { name: 'x', shared: 'yes' });
    assert.equal(shapeless.status, 400);
    assert.equal(shapeless.body.code, 'REQUEST_INVALID');
    assert.equal((await server.store.savedSearches.list()).length, 1);
  });

  it('keeps a private search from others (404), shares it, and lets only its owner change or remove it (403)', async () => {
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { shared: true }],
      ['DELETE', undefined],
    ] as const) {
      const hidden = await call(method, `/api/v1/saved-searches/${oshId}`, 'bo', body);
      assert.equal(hidden.status, 404, method);
      assert.equal(hidden.body.code, 'WATCH_NOT_FOUND');
      const missing = await call(method, '/api/v1/saved-searches/999999', 'bo', body);
      assert.deepEqual([missing.status, missing.body.code], [404, 'WATCH_NOT_FOUND']);
    }
    assert.deepEqual((await call('GET', '/api/v1/saved-searches', 'bo')).body.saved_searches, []);
    // The admin sees every search.
    assert.equal((await call('GET', '/api/v1/saved-searches', 'tester')).body.saved_searches.length, 1);

    const shared = await call('PATCH', `/api/v1/saved-searches/${oshId}`, 'ana', { shared: true });
    assert.equal(shared.status, 200);
    assert.deepEqual([shared.body.shared, shared.body.digest], [true, 'daily']);
    const seen = await call('GET', `/api/v1/saved-searches/${oshId}`, 'bo');
    assert.equal(seen.status, 200);
    assert.deepEqual([seen.body.owner, seen.body.yours, seen.body.webhook.url], ['ana', false, null]);
    assert.equal((await call('GET', `/api/v1/saved-searches/${oshId}`, 'cy')).status, 200);
    for (const [method, body] of [
      ['PATCH', { shared: false }],
      ['DELETE', undefined],
    ] as const) {
      const refused = await call(method, `/api/v1/saved-searches/${oshId}`, 'bo', body);
      assert.equal(refused.status, 403, method);
      assert.equal(refused.body.code, 'AUTH_FORBIDDEN');
      assert.match(refused.body.detail, /"Osh" is ana’s: only its owner or an admin may/);
    }
    assert.ok(await server.store.savedSearches.get(oshId));
  });

  it('lists the hits after an import, newest first, paged, with why and each caller’s read state', async () => {
    await server.store.addArticles([
      { source: 'Valley Times', title: 'Curfew in Osh', text: 'A curfew was declared in Osh.' },
      { source: 'Steppe Herald', title: 'Snow in the passes', text: 'Snow closed two passes.' },
      { source: 'Kabar Wire', title: 'Osh market reopens', text: 'The Osh bazaar reopened on Monday.' },
    ]);
    const pass = await matchSavedSearches(server.store);
    assert.equal(pass.alerts, 2);
    const search = await call('GET', `/api/v1/saved-searches/${oshId}`, 'ana');
    assert.deepEqual([search.body.hits, search.body.alerts, search.body.unread_alerts], [2, 2, 2]);
    assert.deepEqual(search.body.webhook.deliveries, { pending: 2, failed: 0, sent: 0, partial: false });
    assert.notEqual(search.body.last_run_at, null);

    const first = await call('GET', `/api/v1/saved-searches/${oshId}/hits?limit=1`, 'ana');
    assert.equal(first.status, 200);
    assert.equal(first.body.total, 2);
    assert.equal(first.body.hits.length, 1);
    const [newest] = first.body.hits;
    assert.equal(newest.article.title, 'Osh market reopens');
    assert.equal(newest.why, 'new story');
    assert.deepEqual([newest.alert, newest.read_at], [true, null]);
    assert.equal(newest.article.links.html, `/articles/${newest.article_id}`);
    assert.equal(first.body.next, newest.article_id);
    assert.equal(
      first.body.links.next,
      `/api/v1/saved-searches/${oshId}/hits?limit=1&before=${newest.article_id}`,
    );
    const second = await call('GET', first.body.links.next, 'ana');
    assert.deepEqual(
      second.body.hits.map((hit: { article: { title: string } }) => hit.article.title),
      ['Curfew in Osh'],
    );
    assert.equal(second.body.next, null);
    assert.equal(second.body.links.next, null);

    // Ana reads the newest; bo, who sees the shared search, has still read nothing.
    await server.store.savedSearches.markRead((await server.store.accounts.findUserByName('ana'))!.id, [
      { savedSearchId: oshId, articleId: newest.article_id },
    ]);
    const anas = await call('GET', `/api/v1/saved-searches/${oshId}/hits?alerts=true`, 'ana');
    assert.deepEqual(
      anas.body.hits.map((hit: { read_at: string | null }) => hit.read_at !== null),
      [true, false],
    );
    const bos = await call('GET', `/api/v1/saved-searches/${oshId}/hits`, 'bo');
    assert.deepEqual(
      bos.body.hits.map((hit: { read_at: string | null }) => hit.read_at),
      [null, null],
    );
    assert.equal((await call('GET', `/api/v1/saved-searches/${oshId}`, 'bo')).body.unread_alerts, 2);
    assert.equal((await call('GET', `/api/v1/saved-searches/${oshId}`, 'ana')).body.unread_alerts, 1);

    const bad = await call('GET', `/api/v1/saved-searches/${oshId}/hits?limit=500`, 'ana');
    assert.deepEqual(
      [bad.status, bad.body.code, bad.body.errors[0].pointer],
      [400, 'REQUEST_INVALID', '/limit'],
    );
  });

  it('removes a search for its owner (204), after which it is gone', async () => {
    const removed = await call('DELETE', `/api/v1/saved-searches/${oshId}`, 'ana');
    assert.equal(removed.status, 204);
    assert.equal(removed.text, '');
    assert.equal((await call('GET', `/api/v1/saved-searches/${oshId}`, 'ana')).status, 404);
    assert.equal((await call('GET', `/api/v1/saved-searches/${oshId}/hits`, 'ana')).status, 404);
    assert.equal((await call('DELETE', `/api/v1/saved-searches/${oshId}`, 'ana')).status, 404);
  });

  it('lets a webhook point where the operator’s WIREWATCH_ALLOW_PRIVATE allows, and nowhere else private', async () => {
    const allowing = await startTestServer([], { allowPrivate: ['127.0.0.1/32'] });
    try {
      const post = (webhook_url: string) =>
        fetch(`${allowing.url}/api/v1/saved-searches`, {
          method: 'POST',
          headers: { ...allowing.writeHeaders, 'content-type': 'application/json' },
          body: JSON.stringify({ name: webhook_url, query: 'Osh', webhook_url }),
          signal: AbortSignal.timeout(10_000),
        });
      assert.equal((await post('http://127.0.0.1:9/hook')).status, 201);
      const refused = await post('http://10.0.0.1/hook');
      assert.equal(refused.status, 422);
      assert.match(((await refused.json()) as { detail: string }).detail, /private address \(10\.0\.0\.1\)/);
    } finally {
      await allowing.stop();
    }
  });

  it('is described in the OpenAPI document, which still validates', async () => {
    const document = (await call('GET', '/api/openapi.json', null)).body;
    const result = (await validate(structuredClone(document) as never)) as {
      valid: boolean;
      errors?: unknown;
    };
    assert.equal(result.valid, true, JSON.stringify(result.errors ?? [], null, 1).slice(0, 2000));
    const paths = document.paths as Record<string, Record<string, { tags: string[] }>>;
    assert.deepEqual(Object.keys(paths['/api/v1/saved-searches'] ?? {}).sort(), ['get', 'post']);
    assert.deepEqual(Object.keys(paths['/api/v1/saved-searches/{id}'] ?? {}).sort(), [
      'delete',
      'get',
      'patch',
    ]);
    assert.deepEqual(paths['/api/v1/saved-searches/{id}/hits']?.get?.tags, ['saved-searches']);
    const created = JSON.stringify((paths['/api/v1/saved-searches'] as Record<string, unknown>).post);
    assert.match(created, /webhook_secret/);
    assert.doesNotMatch(JSON.stringify(paths['/api/v1/saved-searches']?.get), /webhook_secret|feed_key/);
  });
});
