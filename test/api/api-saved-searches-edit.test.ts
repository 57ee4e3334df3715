/**
 * Editing a saved search with PATCH /api/v1/saved-searches/:id over real HTTP on 127.0.0.1 against a
 * real SQLite archive: name and query changed with the search's hits and position kept (the new query
 * is not back-filled), each refusal a problem document naming the body field (a malformed query with
 * the parser's column) with nothing changed, a webhook set, moved, rotated and removed (a new secret in
 * that answer only; pending deliveries failed on removal), the owner-or-admin rule, and the OpenAPI
 * document describing the body.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, createToken } from '../../src/watch/accounts/manage-accounts.ts';
import { matchSavedSearches } from '../../src/watch/searches/match-saved-searches.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer read by the assertions
  body: any;
}

describe('editing a saved search over the API', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let id: number;

  before(async () => {
    server = await startTestServer([
      { source: 'Valley Times', title: 'Old news from Osh', text: 'Osh held a fair last spring.' },
    ]);
    const { store } = server;
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    for (const name of ['ana', 'bo'])
      tokens[name] = (
        await createToken(store, { userName: name, scopes: ['read', 'write'] }, 'cli:test')
      ).token;
  });
  after(() => server.stop());

  const call = async (method: string, path: string, who: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: who === 'admin' ? server.writeHeaders.authorization! : `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text === '' ? null : JSON.parse(text),
    };
  };
  const patch = (body: unknown, who = 'ana') => call('PATCH', `/api/v1/saved-searches/${id}`, who, body);

  it('renames a search and changes its query, keeping its hits and position', async () => {
    const created = await call('POST', '/api/v1/saved-searches', 'ana', { name: 'Osh', query: 'Osh' });
    assert.equal(created.status, 201, created.text);
    id = created.body.id;
    await server.store.addArticles([
      { source: 'Valley Times', title: 'Curfew in Osh', text: 'A curfew was declared in Osh.' },
    ]);
    await matchSavedSearches(server.store);
    const before = await server.store.savedSearches.get(id);
    assert.equal(before?.hits, 1);

    const edited = await patch({ name: 'Osh and Bishkek', query: 'Osh OR Bishkek' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.headers.get('cache-control'), 'no-store');
    assert.deepEqual(
      [edited.body.name, edited.body.query, edited.body.hits, edited.body.changes],
      [
        'Osh and Bishkek',
        'Osh OR Bishkek',
        1,
        ['name: "Osh" → "Osh and Bishkek"', 'query: Osh → Osh OR Bishkek'],
      ],
    );
    assert.match(
      edited.body.note,
      /applies to articles ingested from now on: the archive is not searched again/,
    );
    assert.equal(edited.body.secrets, undefined);
    assert.equal((await server.store.savedSearches.get(id))?.matchedUpTo, before?.matchedUpTo);
    // Bishkek in the archive already is not back-filled; a Bishkek story from now on is found.
    await server.store.addArticles([
      { source: 'Valley Times', title: 'Talks in Bishkek', text: 'Talks resumed in Bishkek.' },
    ]);
    await matchSavedSearches(server.store);
    const hits = await call('GET', `/api/v1/saved-searches/${id}/hits`, 'ana');
    assert.deepEqual(
      hits.body.hits.map((hit: { article: { title: string } }) => hit.article.title),
      ['Talks in Bishkek', 'Curfew in Osh'],
    );
  });

  it('refuses bad input with a problem naming the field, and changes nothing', async () => {
    await call('POST', '/api/v1/saved-searches', 'ana', { name: 'Taken', query: 'Naryn' });
    const malformed = await patch({ name: 'never', query: 'org:HTS (returnee*' });
    assert.equal(malformed.status, 400);
    assert.match(malformed.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(malformed.body.code, 'QUERY_UNBALANCED_PARENS');
    assert.equal(malformed.body.location.column, 9);
    assert.deepEqual(malformed.body.errors, [
      { in: 'body', pointer: '/query', message: malformed.body.detail },
    ]);
    const cases = [
      [{ webhook_url: 'http://169.254.169.254/latest' }, 422, 'WATCH_INVALID', '/webhook_url'],
      [{ webhook_url: 'ftp://hooks.example/x' }, 422, 'WATCH_INVALID', '/webhook_url'],
      [{ name: '' }, 422, 'WATCH_INVALID', '/name'],
      [{ name: 'Taken', query: 'Osh' }, 409, 'WATCH_EXISTS', '/name'],
      [{ rotate_secret: true }, 422, 'WATCH_INVALID', '/rotate_secret'],
      [{ webhook_url: 5 }, 400, 'REQUEST_INVALID', '/webhook_url'],
      [{ query: null }, 400, 'REQUEST_INVALID', '/query'],
    ] as const;
    for (const [body, status, code, pointer] of cases) {
      const refused = await patch(body);
      assert.deepEqual(
        [refused.status, refused.body.code, refused.body.errors?.[0]?.pointer],
        [status, code, pointer],
        JSON.stringify(body),
      );
    }
    const now = await server.store.savedSearches.get(id);
    assert.deepEqual([now?.name, now?.query, now?.webhookUrl], ['Osh and Bishkek', 'Osh OR Bishkek', null]);
  });

  it('sets, moves, rotates and removes the webhook: a new secret in that answer only, pending deliveries failed on removal', async () => {
    const set = await patch({ webhook_url: 'https://hooks.example/osh' });
    assert.equal(set.status, 200, set.text);
    const secret = set.body.secrets?.webhook_secret as string;
    assert.match(secret, /^[\w-]{43}$/);
    assert.deepEqual(set.body.changes, ['webhook: https://hooks.example/osh']);
    const read = await call('GET', `/api/v1/saved-searches/${id}`, 'ana');
    assert.ok(!read.text.includes(secret));
    assert.equal(read.body.webhook.url, 'https://hooks.example/osh');

    const moved = await patch({ webhook_url: 'https://hooks.example/osh2' });
    assert.equal(moved.body.secrets, undefined, 'a new URL keeps its secret');
    const rotated = await patch({ rotate_secret: true });
    assert.match(rotated.body.secrets.webhook_secret, /^[\w-]{43}$/);
    assert.notEqual(rotated.body.secrets.webhook_secret, secret);

    await server.store.addArticles([
      { source: 'Kabar Wire', title: 'Osh bridge opens', text: 'A new bridge opened in Osh.' },
    ]);
    await matchSavedSearches(server.store);
    assert.deepEqual((await call('GET', `/api/v1/saved-searches/${id}`, 'ana')).body.webhook.deliveries, {
      pending: 1,
      failed: 0,
      sent: 0,
      partial: false,
    });
    const removed = await patch({ webhook_url: null });
    assert.equal(removed.status, 200);
    assert.equal(removed.body.webhook, null);
    assert.deepEqual(removed.body.changes, [
      'webhook removed',
      '1 pending delivery marked failed (never sent)',
    ]);
    const [delivery] = await server.store.savedSearches.listDeliveries(id);
    assert.equal(delivery?.state, 'failed');
    assert.match(delivery?.lastError ?? '', /^not sent: the webhook was removed from the saved search at /);
  });

  it('lets only the owner or an admin edit: 404 for another’s private search, 403 for a shared one', async () => {
    const hidden = await patch({ name: 'mine' }, 'bo');
    assert.deepEqual([hidden.status, hidden.body.code], [404, 'WATCH_NOT_FOUND']);
    await patch({ shared: true });
    const refused = await patch({ query: 'Bishkek' }, 'bo');
    assert.deepEqual([refused.status, refused.body.code], [403, 'AUTH_FORBIDDEN']);
    const byAdmin = await patch({ query: 'Osh OR Bishkek OR Naryn' }, 'admin');
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assert.equal((await server.store.savedSearches.get(id))?.query, 'Osh OR Bishkek OR Naryn');
  });

  it('is described in the OpenAPI document: the PATCH body and its answer', async () => {
    const document = (await call('GET', '/api/openapi.json', 'ana')).body;
    const operation = document.paths['/api/v1/saved-searches/{id}'].patch;
    const schema = operation.requestBody.content['application/json'].schema;
    assert.deepEqual(Object.keys(schema.properties).sort(), [
      'digest',
      'name',
      'query',
      'rotate_secret',
      'shared',
      'webhook_url',
    ]);
    assert.match(JSON.stringify(operation.responses['200']), /webhook_secret/);
    assert.ok(operation.responses['409'] && operation.responses['422']);
  });
});
