/**
 * The private-address guard over real sockets: with no allow-list, every spelling of this machine,
 * the local network and the metadata service is refused BEFORE a connection is made (the loopback
 * servers see no request), and a name is judged by the address it resolves to, which is then the
 * address dialled.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createFetchClient } from '../../../src/ingest/fetch/fetch-client.ts';
import { FetchError } from '../../../src/ingest/fetch/fetch-error.ts';
import { type FetchTestServer, type Route, startFetchTestServer } from './fetch-test-server.ts';

let v4: FetchTestServer;
let v6: FetchTestServer;
const ok: Record<string, Route> = { '/feed': (_request, response) => response.end('feed') };

before(async () => {
  v4 = await startFetchTestServer(ok);
  v6 = await startFetchTestServer(ok, '::1');
});

after(async () => {
  await v4.close();
  await v6.close();
});

async function refusal(client: ReturnType<typeof createFetchClient>, url: string): Promise<FetchError> {
  try {
    await client.fetchResource(url);
  } catch (error) {
    assert.ok(error instanceof FetchError, `${url}: expected a FetchError, got ${String(error)}`);
    return error;
  }
  throw new Error(`${url} was fetched, but the guard should have refused it`);
}

test('every literal form of loopback, private, link-local and special addresses is refused without connecting', async () => {
  // Short timeouts: if the guard let one through, an unroutable address fails fast, and with the wrong code.
  const client = createFetchClient({ connectTimeoutMs: 1000, totalTimeoutMs: 2000 });
  const p = v4.port;
  const q = v6.port;
  const urls = [
    `http://127.0.0.1:${p}/feed`,
    `http://localhost:${p}/feed`,
    `http://[::1]:${q}/feed`,
    `http://2130706433:${p}/feed`,
    `http://0x7f.1:${p}/feed`,
    `http://0177.0.0.1:${p}/feed`,
    `http://127.1:${p}/feed`,
    `http://[::ffff:127.0.0.1]:${p}/feed`,
    `http://[64:ff9b::127.0.0.1]:${p}/feed`,
    `http://[2002:7f00:1::]:${p}/feed`,
    `http://0.0.0.0:${p}/feed`,
    `http://[::]:${q}/feed`,
    `https://127.0.0.1:${p}/feed`,
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://192.0.2.1/',
  ];
  try {
    for (const url of urls) {
      const error = await refusal(client, url);
      assert.equal(error.code, 'FETCH_ADDRESS_BLOCKED', `${url}: ${error.message}`);
      assert.match(error.message, /not a public address\. To allow it, set WIREWATCH_ALLOW_PRIVATE/);
    }
  } finally {
    await client.close();
  }
  assert.equal(v4.seen.length, 0);
  assert.equal(v6.seen.length, 0);
});

test('the refusal says which host resolved to which address, and the IPv4 range to allow', async () => {
  const client = createFetchClient();
  try {
    const named = await refusal(client, `http://localhost:${v4.port}/feed`);
    assert.match(
      named.message,
      /^http:\/\/localhost:\d+\/feed: refused to connect: localhost resolved to .*127\.0\.0\.1 \(loopback\)/,
    );
    const mapped = await refusal(client, `http://[::ffff:127.0.0.1]:${v4.port}/feed`);
    assert.match(mapped.message, /loopback \(IPv4 inside IPv6\) address/);
    assert.match(mapped.message, /WIREWATCH_ALLOW_PRIVATE=127\.0\.0\.1\/32\)$/);
  } finally {
    await client.close();
  }
  assert.equal(v4.seen.length, 0);
});

test('with the range allowed, the same literal forms reach the server', async () => {
  const client = createFetchClient({ allowPrivate: ['127.0.0.0/8', '::1/128'] });
  try {
    for (const url of [
      `http://0x7f.1:${v4.port}/feed`,
      `http://[::ffff:127.0.0.1]:${v4.port}/feed`,
      `http://[::1]:${v6.port}/feed`,
    ]) {
      assert.equal((await client.fetchResource(url)).body.toString(), 'feed', url);
    }
  } finally {
    await client.close();
  }
  assert.equal(v4.seen.length, 2);
  assert.equal(v6.seen.length, 1);
  v4.seen.length = 0;
  v6.seen.length = 0;
});

test('a public-looking name that resolves to a private address is refused at connect time', async () => {
  const lookups: string[] = [];
  const resolveHost = async (name: string) => {
    lookups.push(name);
    return ['127.0.0.1'];
  };
  const guarded = createFetchClient({ resolveHost });
  try {
    const error = await refusal(guarded, `http://news.example.org:${v4.port}/feed`);
    assert.equal(error.code, 'FETCH_ADDRESS_BLOCKED');
    assert.match(error.message, /news\.example\.org resolved to 127\.0\.0\.1 \(loopback\)/);
  } finally {
    await guarded.close();
  }
  assert.equal(v4.seen.length, 0);
  // Allowed: the request goes to the address that was checked, under its own Host name, after one lookup.
  lookups.length = 0;
  const allowed = createFetchClient({ resolveHost, allowPrivate: ['127.0.0.1/32'] });
  try {
    const result = await allowed.fetchResource(`http://news.example.org:${v4.port}/feed`);
    assert.equal(result.body.toString(), 'feed');
    assert.equal(v4.seen.at(-1)!.headers.host, `news.example.org:${v4.port}`);
    assert.deepEqual(lookups, ['news.example.org']);
  } finally {
    await allowed.close();
  }
  v4.seen.length = 0;
});

test('of several addresses, only an allowed one is dialled', async () => {
  // Same port on 127.0.0.2: had the refused address been dialled, this server would have answered.
  const other = await startFetchTestServer(ok, '127.0.0.2', v4.port);
  // The name lists the refused address first; the guard must skip it, not dial it.
  const client = createFetchClient({
    resolveHost: async () => ['127.0.0.2', '127.0.0.1'],
    allowPrivate: ['127.0.0.1/32'],
  });
  try {
    const result = await client.fetchResource(`http://mixed.example.org:${v4.port}/feed`);
    assert.equal(result.body.toString(), 'feed');
    assert.equal(v4.seen.length, 1);
    assert.equal(other.seen.length, 0);
  } finally {
    await client.close();
    await other.close();
  }
  v4.seen.length = 0;
});

test('a name that does not resolve is FETCH_DNS_FAILED', async () => {
  const client = createFetchClient({
    resolveHost: async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND no-such-host.invalid'), { code: 'ENOTFOUND' });
    },
  });
  try {
    const error = await refusal(client, 'http://no-such-host.invalid/feed');
    assert.equal(error.code, 'FETCH_DNS_FAILED');
    assert.equal(
      error.message,
      'http://no-such-host.invalid/feed: could not resolve no-such-host.invalid (ENOTFOUND)',
    );
  } finally {
    await client.close();
  }
});

test('a resolver that never answers is cut at the connect timeout', async () => {
  const client = createFetchClient({
    resolveHost: () => new Promise<string[]>(() => {}),
    connectTimeoutMs: 200,
  });
  try {
    const started = performance.now();
    const error = await refusal(client, 'http://slow-dns.example.org/feed');
    assert.equal(error.code, 'FETCH_TIMEOUT');
    assert.equal(
      error.message,
      'http://slow-dns.example.org/feed: DNS lookup of slow-dns.example.org timed out after 0.2 s',
    );
    assert.ok(performance.now() - started < 1000);
  } finally {
    await client.close();
  }
});
