/** Limits and headers every response carries: the rate limit, the Content-Security-Policy. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

describe('API: limits and security headers', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(loadSampleArticles(), { rateLimitPerMinute: 3 });
  });
  after(() => server.stop());

  it('answers the request past the per-minute limit with a 429 problem and Retry-After', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await getJson(server.url, '/api/v1/stats')).status, 200);
    const response = await fetch(`${server.url}/api/v1/stats`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 429);
    assert.ok(Number(response.headers.get('retry-after')) > 0);
    const body = (await response.json()) as { code: string };
    assert.equal(body.code, 'RATE_LIMITED');
  });

  it('sends a CSP that forbids inline and foreign scripts on every response', async () => {
    for (const path of ['/api/v1/stats', '/', '/no-such-page']) {
      const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, `${path}: ${csp}`);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('answers an unknown API path with a 404 problem and an unknown page with an HTML page', async () => {
    const api = await getJson(server.url, '/api/v1/nothing');
    assert.equal(api.status, 404);
    assert.equal(api.body.code, 'NOT_FOUND');
    const page = await fetch(`${server.url}/no-such-page`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(page.status, 404);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<html/);
  });
});
