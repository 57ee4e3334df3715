/**
 * The response cache over real HTTP: repeated requests are answered from it with an ETag, a browser's
 * revalidation costs a 304, a write is seen by the very next request, and the rate limit still counts
 * every request, cached or not.
 */
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const timeout = () => AbortSignal.timeout(10_000);

describe('API and pages: the response cache', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(loadSampleArticles());
  });
  after(() => server.stop());

  const stats = () => {
    const read = server.server.app.responseCacheStats;
    assert.ok(read, 'the test server runs with the response cache, as wirewatch serve does');
    return read();
  };

  for (const path of [
    '/api/v1/search?q=extremist',
    '/search?q=extremist',
    '/articles/3',
    '/search.atom?q=Osh',
  ]) {
    it(`answers a repeated ${path.split('?')[0]} from the cache, byte for byte, and revalidates with a 304`, async () => {
      const first = await fetch(`${server.url}${path}`, { signal: timeout() });
      const firstBody = await first.text();
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^"[\w-]{27}"$/, 'a strong ETag from the body');
      assert.equal(first.headers.get('cache-control'), 'no-cache');

      const hitsBefore = stats().hits;
      const second = await fetch(`${server.url}${path}`, { signal: timeout() });
      assert.equal(await second.text(), firstBody);
      assert.equal(second.headers.get('etag'), etag);
      assert.equal(second.headers.get('content-type'), first.headers.get('content-type'));
      assert.match(second.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.equal(stats().hits, hitsBefore + 1);

      const revalidated = await fetch(`${server.url}${path}`, {
        headers: { 'if-none-match': etag ?? '' },
        signal: timeout(),
      });
      assert.equal(revalidated.status, 304);
      assert.equal(await revalidated.text(), '');
      const changed = await fetch(`${server.url}${path}`, {
        headers: { 'if-none-match': '"something-else"' },
        signal: timeout(),
      });
      assert.equal(changed.status, 200);
      assert.equal(await changed.text(), firstBody);
    });
  }

  it('sees a write on the very next request: the cached answer is never served again', async () => {
    const search = async () => {
      const response = await fetch(`${server.url}/api/v1/search?q=wombat&facets=false`, {
        signal: timeout(),
      });
      return {
        etag: response.headers.get('etag'),
        total: ((await response.json()) as { total: number }).total,
      };
    };
    const before = await search();
    assert.equal(before.total, 0);
    assert.equal((await search()).etag, before.etag);
    const posted = await fetch(`${server.url}/api/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...server.writeHeaders },
      body: JSON.stringify({
        source: 'Zoo Wire',
        title: 'A wombat in Osh',
        text: 'A wombat was seen in Osh.',
      }),
      signal: timeout(),
    });
    assert.equal(posted.status, 201, await posted.text());
    const afterWrite = await search();
    assert.equal(afterWrite.total, 1);
    assert.notEqual(afterWrite.etag, before.etag);
  });

  it('keeps no error answer: a bad query is parsed, and refused, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/api/v1/search?q=%22unclosed`, { signal: timeout() });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('etag'), null);
      assert.equal(((await response.json()) as { code: string }).code, 'QUERY_UNCLOSED_PHRASE');
    }
  });

  it('writes each origin its own feed: the Atom links follow the Host the client asked', async () => {
    // fetch() may not set Host, so this one goes through node:http.
    const feed = (host: string) =>
      new Promise<string>((resolve, reject) => {
        const request = get(
          `${server.url}/search.atom?q=extremist`,
          { headers: { host }, timeout: 10_000 },
          (response) => {
            response.setEncoding('utf8');
            let body = '';
            response.on('data', (chunk: string) => {
              body += chunk;
            });
            response.on('end', () => resolve(body));
          },
        );
        request.on('error', reject);
        request.on('timeout', () => request.destroy(new Error('timed out')));
      });
    assert.match(await feed('desk.example:8080'), /http:\/\/desk\.example:8080\//);
    assert.match(await feed('other.example'), /http:\/\/other\.example\//);
    assert.doesNotMatch(await feed('other.example'), /desk\.example/);
  });
});

describe('the response cache and the rate limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(loadSampleArticles(), { rateLimitPerMinute: 3 });
  });
  after(() => server.stop());

  it('counts cached answers against the limit like any other', async () => {
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/api/v1/search?q=Osh`, { signal: timeout() });
      await response.arrayBuffer();
      assert.equal(response.status, 200);
    }
    const limited = await fetch(`${server.url}/api/v1/search?q=Osh`, { signal: timeout() });
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { code: string }).code, 'RATE_LIMITED');
  });
});
