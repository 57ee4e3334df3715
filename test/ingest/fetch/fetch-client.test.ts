/**
 * The fetch client against a real node:http server on 127.0.0.1: success with compression,
 * conditional GET, error statuses, Retry-After, redirects (chains, loops, limits, refused hops) and
 * the per-host limit. The client is allowed 127.0.0.0/8 so it can reach its own server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { isAppError } from '../../../src/core/errors.ts';
import { createFetchClient, type FetchClient } from '../../../src/ingest/fetch/fetch-client.ts';
import { FetchError } from '../../../src/ingest/fetch/fetch-error.ts';
import { type FetchTestServer, type Route, startFetchTestServer } from './fetch-test-server.ts';

const feed =
  '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Border post</title></channel></rss>';
let server: FetchTestServer;
let client: FetchClient;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  server = await startFetchTestServer({
    '/feed.gz': (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/rss+xml; charset=UTF-8',
        'content-encoding': 'gzip',
        etag: '"v1"',
        'last-modified': 'Tue, 24 Nov 2026 08:00:00 GMT',
      });
      response.end(gzipSync(feed));
    },
    '/feed.br': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'br' });
      response.end(brotliCompressSync(feed));
    },
    '/feed.deflate': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'deflate' });
      response.end(deflateSync(feed));
    },
    '/broken.gz': (_request, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip' });
      response.end(gzipSync(feed).subarray(0, 30));
    },
    '/conditional': (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(feed);
    },
    '/since': (request, response) => {
      const since = request.headers['if-modified-since'];
      if (since !== undefined && Date.parse(since) >= Date.parse('Tue, 24 Nov 2026 08:00:00 GMT')) {
        response.writeHead(304).end();
        return;
      }
      response.writeHead(200, { 'last-modified': 'Tue, 24 Nov 2026 08:00:00 GMT' }).end(feed);
    },
    '/gone': (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>database down</h1>');
    },
    '/busy-seconds': (_request, response) => {
      response.writeHead(429, { 'retry-after': '120' }).end('slow down');
    },
    '/busy-date': (_request, response) => {
      const at = new Date(Date.now() + 90_000).toUTCString();
      response.writeHead(503, { 'retry-after': at }).end('maintenance');
    },
    '/busy-no-header': (_request, response) => {
      response.writeHead(429).end();
    },
    '/user-agent': (request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(request.headers['user-agent'] ?? '');
    },
    '/slow': async (_request, response) => {
      await sleep(150);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    },
    '/no-location': (_request, response) => {
      response.writeHead(302).end();
    },
    '/to-file': (_request, response) => {
      response.writeHead(302, { location: 'file:///etc/passwd' }).end();
    },
    '/to-metadata': (_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    },
    '/loop-a': (_request, response) => {
      response.writeHead(302, { location: '/loop-b' }).end();
    },
    '/loop-b': (_request, response) => {
      response.writeHead(301, { location: '/loop-a' }).end();
    },
    ...redirectChain(6),
  });
  client = createFetchClient({ allowPrivate: ['127.0.0.0/8'] });
});

after(async () => {
  await client.close();
  await server.close();
});

/** `/hop-N` redirects to `/hop-(N-1)`, and `/hop-0` is the feed: `/hop-N` takes N redirects. */
function redirectChain(length: number) {
  const routes: Record<string, Route> = {
    '/hop-0': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
    },
  };
  for (let n = 1; n <= length; n++) {
    const status = [301, 302, 303, 307, 308][n % 5]!;
    routes[`/hop-${n}`] = (_request, response) => {
      response.writeHead(status, { location: `/hop-${n - 1}` }).end();
    };
  }
  return routes;
}

async function fetchError(url: string, options = {}): Promise<FetchError> {
  try {
    await client.fetchResource(url, options);
  } catch (error) {
    assert.ok(error instanceof FetchError, `expected a FetchError, got ${String(error)}`);
    return error;
  }
  throw new Error(`${url} was fetched, but should have failed`);
}

test('a gzip-compressed 200 is decompressed, with its type, charset and validators', async () => {
  const result = await client.fetchResource(server.url('/feed.gz'));
  assert.equal(result.status, 200);
  assert.equal(result.body.toString('utf8'), feed);
  assert.equal(result.contentType, 'application/rss+xml');
  assert.equal(result.charset, 'utf-8');
  assert.equal(result.etag, '"v1"');
  assert.equal(result.lastModified, 'Tue, 24 Nov 2026 08:00:00 GMT');
  assert.equal(result.notModified, false);
  assert.equal(result.finalUrl, server.url('/feed.gz'));
  assert.deepEqual(result.redirects, []);
  assert.equal(result.headers['content-encoding'], 'gzip');
  assert.ok(result.elapsedMs >= 0 && result.elapsedMs < 5000);
  const request = server.seen.at(-1)!;
  assert.equal(request.headers['accept-encoding'], 'gzip, deflate, br');
});

test('brotli and deflate bodies are decompressed too', async () => {
  assert.equal((await client.fetchResource(server.url('/feed.br'))).body.toString(), feed);
  assert.equal((await client.fetchResource(server.url('/feed.deflate'))).body.toString(), feed);
});

test('a truncated gzip body is a clear FETCH_BAD_RESPONSE', async () => {
  const error = await fetchError(server.url('/broken.gz'));
  assert.equal(error.code, 'FETCH_BAD_RESPONSE');
  assert.match(error.message, /broken\.gz: could not decompress the gzip body/);
});

test('conditional GET: the ETag is sent as If-None-Match and a 304 is notModified with no body', async () => {
  const fresh = await client.fetchResource(server.url('/conditional'));
  assert.equal(fresh.notModified, false);
  const again = await client.fetchResource(server.url('/conditional'), { etag: fresh.etag! });
  assert.equal(server.seen.at(-1)!.headers['if-none-match'], '"v1"');
  assert.equal(again.status, 304);
  assert.equal(again.notModified, true);
  assert.equal(again.body.length, 0);
  assert.equal(again.etag, '"v1"');
});

test('conditional GET: Last-Modified is sent as If-Modified-Since and kept when the 304 omits it', async () => {
  const lastModified = 'Tue, 24 Nov 2026 08:00:00 GMT';
  const result = await client.fetchResource(server.url('/since'), { lastModified });
  assert.equal(server.seen.at(-1)!.headers['if-modified-since'], lastModified);
  assert.equal(result.notModified, true);
  assert.equal(result.lastModified, lastModified);
  // A full answer without an ETag does not hand back the stale one we sent.
  const full = await client.fetchResource(server.url('/since'), { etag: '"old"' });
  assert.equal(full.notModified, false);
  assert.equal(full.etag, undefined);
});

test('404 and 500 are FETCH_HTTP_STATUS errors naming the URL and the status', async () => {
  const missing = await fetchError(server.url('/no-such-feed'));
  assert.equal(missing.code, 'FETCH_HTTP_STATUS');
  assert.equal(missing.httpStatus, 404);
  assert.equal(missing.message, `${server.url('/no-such-feed')}: HTTP 404 Not Found`);
  const broken = await fetchError(server.url('/gone'));
  assert.equal(broken.code, 'FETCH_HTTP_STATUS');
  assert.equal(broken.httpStatus, 500);
  assert.match(broken.message, /\/gone: HTTP 500 Internal Server Error$/);
  assert.ok(isAppError(broken), 'a FetchError is an AppError');
});

test('429 with Retry-After in seconds carries retryAfterMs for the scheduler', async () => {
  const error = await fetchError(server.url('/busy-seconds'));
  assert.equal(error.code, 'FETCH_RETRY_LATER');
  assert.equal(error.httpStatus, 429);
  assert.equal(error.retryAfterMs, 120_000);
  assert.match(error.message, /HTTP 429 Too Many Requests; asked to retry in 120 s/);
});

test('503 with Retry-After as an HTTP date carries the time left', async () => {
  const error = await fetchError(server.url('/busy-date'));
  assert.equal(error.code, 'FETCH_RETRY_LATER');
  assert.equal(error.httpStatus, 503);
  // The date has one-second precision and a moment has passed: 88..90 s.
  assert.ok(error.retryAfterMs! > 88_000 && error.retryAfterMs! <= 90_000, `got ${error.retryAfterMs}`);
});

test('429 without Retry-After leaves the wait to the scheduler', async () => {
  const error = await fetchError(server.url('/busy-no-header'));
  assert.equal(error.code, 'FETCH_RETRY_LATER');
  assert.equal(error.retryAfterMs, undefined);
  assert.match(error.message, /no usable Retry-After/);
});

test('the User-Agent names wirewatch and its version, and can be replaced', async () => {
  const sent = (await client.fetchResource(server.url('/user-agent'))).body.toString();
  assert.match(sent, /^wirewatch\/\d+\.\d+\.\d+ \(/);
  const custom = createFetchClient({
    allowPrivate: ['127.0.0.0/8'],
    userAgent: 'wirewatch/9 (+mailto:desk@example.org)',
  });
  try {
    assert.equal(
      (await custom.fetchResource(server.url('/user-agent'))).body.toString(),
      'wirewatch/9 (+mailto:desk@example.org)',
    );
  } finally {
    await custom.close();
  }
});

test('a chain of 3 redirects is followed and reported', async () => {
  const result = await client.fetchResource(server.url('/hop-3'));
  assert.equal(result.status, 200);
  assert.equal(result.body.toString(), feed);
  assert.equal(result.finalUrl, server.url('/hop-0'));
  assert.deepEqual(result.redirects, [server.url('/hop-2'), server.url('/hop-1'), server.url('/hop-0')]);
});

test('5 redirects are followed; the 6th is refused, naming the chain', async () => {
  const five = await client.fetchResource(server.url('/hop-5'));
  assert.equal(five.redirects.length, 5);
  const before = server.seen.length;
  const error = await fetchError(server.url('/hop-6'));
  assert.equal(error.code, 'FETCH_TOO_MANY_REDIRECTS');
  assert.match(
    error.message,
    /more than 5 redirects: .*hop-6 → .*hop-5 → .*hop-4 → .*hop-3 → .*hop-2 → .*hop-1 → .*hop-0$/,
  );
  // Six requests were made (hop-6 … hop-1); the seventh never was.
  assert.equal(server.seen.length - before, 6);
  assert.ok(!server.seen.slice(before).some((request) => request.path === '/hop-0'));
});

test('a redirect loop is a clear error naming the chain', async () => {
  const error = await fetchError(server.url('/loop-a'));
  assert.equal(error.code, 'FETCH_REDIRECT_LOOP');
  assert.equal(
    error.message,
    `${server.url('/loop-a')}: redirect loop: ${server.url('/loop-a')} → ${server.url('/loop-b')} → ${server.url('/loop-a')}`,
  );
});

test('a redirect to the cloud metadata address is refused without connecting', async () => {
  const started = performance.now();
  const error = await fetchError(server.url('/to-metadata'), { connectTimeoutMs: 5000 });
  assert.equal(error.code, 'FETCH_ADDRESS_BLOCKED');
  assert.equal(error.url, 'http://169.254.169.254/latest/meta-data/');
  assert.match(error.message, /169\.254\.169\.254 is a link-local address/);
  assert.match(error.message, /WIREWATCH_ALLOW_PRIVATE/);
  // A connection attempt to 169.254.169.254 would hang until the connect timeout (5 s) here.
  assert.ok(performance.now() - started < 1000);
});

test('a redirect to a non-http scheme and a redirect without Location are refused', async () => {
  const file = await fetchError(server.url('/to-file'));
  assert.equal(file.code, 'FETCH_BAD_URL');
  assert.match(file.message, /redirected to file:\/\/\/etc\/passwd: only http and https URLs are fetched/);
  const bare = await fetchError(server.url('/no-location'));
  assert.equal(bare.code, 'FETCH_BAD_RESPONSE');
  assert.match(bare.message, /302 redirect without a Location/);
});

test('a redirect to another loopback server outside the allowed range is refused before it is reached', async () => {
  // 127.0.0.2 is loopback on Linux: a second server there stands for another service on this machine.
  const other = await startFetchTestServer(
    { '/secret': (_request, response) => response.end('secret') },
    '127.0.0.2',
  );
  const narrow = createFetchClient({ allowPrivate: ['127.0.0.1/32'] });
  const origin = await startFetchTestServer({
    '/jump': (_request, response) => response.writeHead(302, { location: other.url('/secret') }).end(),
  });
  try {
    await assert.rejects(narrow.fetchResource(origin.url('/jump')), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.equal(error.code, 'FETCH_ADDRESS_BLOCKED');
      assert.match(error.message, /127\.0\.0\.2 is a loopback address/);
      return true;
    });
    assert.equal(origin.seen.length, 1);
    assert.equal(other.seen.length, 0);
    // The same client reaches it once the range allows it: the refusal was the guard's.
    const wide = createFetchClient({ allowPrivate: ['127.0.0.1/32', '127.0.0.2/32'] });
    assert.equal((await wide.fetchResource(origin.url('/jump'))).body.toString(), 'secret');
    await wide.close();
  } finally {
    await narrow.close();
    await origin.close();
    await other.close();
  }
});

test('at most two requests run at once per host, however many calls are made', async () => {
  const calls = Array.from({ length: 6 }, () => client.fetchResource(server.url('/slow')));
  const results = await Promise.all(calls);
  assert.ok(results.every((result) => result.body.toString() === 'ok'));
  assert.equal(server.maxInFlight(), 2);
});

test('the global limit bounds requests across hosts', async () => {
  const one = createFetchClient({ allowPrivate: ['127.0.0.0/8'], maxPerHost: 2, maxConcurrent: 1 });
  const other = await startFetchTestServer({
    '/slow': async (_request, response) => {
      await sleep(100);
      response.end('ok');
    },
  });
  try {
    const started = performance.now();
    // Four calls to two host names of the same loopback server: only one at a time.
    const urls = [other.url('/slow'), other.url('/slow').replace('127.0.0.1', 'localhost')];
    await Promise.all([...urls, ...urls].map((url) => one.fetchResource(url)));
    assert.equal(other.maxInFlight(), 1);
    assert.ok(performance.now() - started >= 380);
  } finally {
    await one.close();
    await other.close();
  }
});

test('a caller can cancel a call; it fails as FETCH_ABORTED', async () => {
  const controller = new AbortController();
  const pending = client.fetchResource(server.url('/slow'), { signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  await assert.rejects(pending, (error: unknown) => isAppError(error, 'FETCH_ABORTED'));
});

test('bad URLs and bad options are refused before any request', async () => {
  const before = server.seen.length;
  for (const url of [
    'not a url',
    'ftp://127.0.0.1/feed',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,x',
  ]) {
    const error = await fetchError(url);
    assert.equal(error.code, 'FETCH_BAD_URL', url);
  }
  const withPassword = await fetchError(server.url('/feed.gz').replace('//', '//editor:hunter2@'));
  assert.equal(withPassword.code, 'FETCH_BAD_URL');
  assert.doesNotMatch(withPassword.message, /hunter2/);
  await assert.rejects(client.fetchResource(server.url('/feed.gz'), { maxRedirects: -1 }), (error: unknown) =>
    isAppError(error, 'CONFIG_INVALID'),
  );
  assert.throws(() => createFetchClient({ allowPrivate: ['127.0.0.1/40'] }), /bad prefix length/);
  assert.equal(server.seen.length, before);
});

test('a closed port is FETCH_CONNECTION_FAILED, https to a plain-HTTP port is FETCH_TLS_FAILED', async () => {
  const closed = await startFetchTestServer({});
  const closedUrl = closed.url('/feed');
  await closed.close();
  const refused = await fetchError(closedUrl);
  assert.equal(refused.code, 'FETCH_CONNECTION_FAILED');
  assert.match(refused.message, /connection refused/);
  const tls = await fetchError(server.url('/feed.gz').replace('http:', 'https:'));
  assert.equal(tls.code, 'FETCH_TLS_FAILED');
  assert.match(tls.message, /^https:\/\/127\.0\.0\.1:\d+\/feed\.gz: TLS failed/);
});
