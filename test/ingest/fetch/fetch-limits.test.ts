/**
 * Hostile servers: a body dripped a byte a second, a 200 MB body, and compression bombs generated on
 * the fly (gzip of 1 GiB of zeros, brotli of 1 GiB of zeros, never stored). Each must be cut at its
 * limit quickly, without the client buffering more than the limit.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, before, test } from 'node:test';
import { constants, createBrotliCompress, createGzip, type Gzip, type BrotliCompress } from 'node:zlib';
import { createFetchClient, type FetchClient } from '../../../src/ingest/fetch/fetch-client.ts';
import { FetchError } from '../../../src/ingest/fetch/fetch-error.ts';
import { type FetchTestServer, startFetchTestServer } from './fetch-test-server.ts';

const mebibyte = 1024 * 1024;
/** What the server managed to send before the client hung up, per route. */
const sent = new Map<string, { sourceBytes: number; wireBytes: number; outcome: string }>();
const drips: NodeJS.Timeout[] = [];
let server: FetchTestServer;
let client: FetchClient;

/** `total` bytes of `fill`, in 64 KiB chunks produced only as fast as they are read. */
function generated(total: number, fill: number, onChunk: (bytes: number) => void): Readable {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      onChunk(piece.length);
      this.push(piece);
    },
  });
}

/** Streams `total` bytes (compressed by `encoder` when given) and records how far it got. */
function stream(
  route: string,
  response: ServerResponse,
  total: number,
  fill: number,
  encoder?: Gzip | BrotliCompress,
) {
  const record = { sourceBytes: 0, wireBytes: 0, outcome: 'running' };
  sent.set(route, record);
  const source = generated(total, fill, (bytes) => {
    record.sourceBytes += bytes;
  });
  const counted = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const piece of chunks) {
      record.wireBytes += piece.length;
      yield piece;
    }
  };
  const stages = encoder === undefined ? [source, counted] : [source, encoder, counted];
  // The client hanging up is the expected end; it is recorded, and the tests assert it.
  (pipeline as (...stages: unknown[]) => Promise<void>)(...stages, response).then(
    () => {
      record.outcome = 'complete';
    },
    (error: Error) => {
      record.outcome = `stopped: ${error.message}`;
    },
  );
}

before(async () => {
  server = await startFetchTestServer({
    '/drip': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
      response.write('x');
      drips.push(setInterval(() => response.write('x'), 1000));
    },
    '/silent': () => {
      // Accepts the request and never answers.
    },
    '/short': (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      response.write('only half of what was promised');
      setTimeout(() => response.destroy(), 50);
    },
    '/huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      stream('/huge', response, 200 * mebibyte, 0x61);
    },
    '/huge-announced': (_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/xml',
        'content-length': String(200 * mebibyte),
      });
      stream('/huge-announced', response, 200 * mebibyte, 0x61);
    },
    '/gzip-bomb': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      stream('/gzip-bomb', response, 1024 * mebibyte, 0, createGzip({ level: 9 }));
    },
    '/brotli-bomb': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'br' });
      const brotli = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      stream('/brotli-bomb', response, 1024 * mebibyte, 0, brotli);
    },
  });
  client = createFetchClient({ allowPrivate: ['127.0.0.0/8'] });
});

after(async () => {
  for (const drip of drips) clearInterval(drip);
  await client.close();
  await server.close();
});

async function failure(url: string, options = {}): Promise<{ error: FetchError; ms: number }> {
  const started = performance.now();
  try {
    await client.fetchResource(url, options);
  } catch (error) {
    assert.ok(error instanceof FetchError, `expected a FetchError, got ${String(error)}`);
    return { error, ms: performance.now() - started };
  }
  throw new Error(`${url} was fetched, but should have failed`);
}

/** Waits until the server side of `route` has stopped, so its figures are final. */
async function serverStopped(route: string) {
  for (let i = 0; i < 100 && sent.get(route)?.outcome === 'running'; i++)
    await new Promise((r) => setTimeout(r, 20));
  return sent.get(route)!;
}

test('a body dripped a byte a second is cut at the total deadline', async (t) => {
  const { error, ms } = await failure(server.url('/drip'), { totalTimeoutMs: 1500 });
  assert.equal(error.code, 'FETCH_TIMEOUT');
  assert.match(error.message, /\/drip: timed out after 1\.5 s \(total deadline, while reading the body\)/);
  assert.ok(ms >= 1400 && ms < 2500, `cut after ${ms} ms`);
  t.diagnostic(`drip cut after ${Math.round(ms)} ms`);
});

test('a server that never answers is cut at the total deadline', async () => {
  const { error, ms } = await failure(server.url('/silent'), { totalTimeoutMs: 500 });
  assert.equal(error.code, 'FETCH_TIMEOUT');
  assert.match(error.message, /timed out after 0\.5 s \(total deadline, while waiting for the response\)/);
  assert.ok(ms >= 450 && ms < 1500, `cut after ${ms} ms`);
});

test('a body shorter than its Content-Length is an incomplete response, not a short success', async () => {
  const { error } = await failure(server.url('/short'));
  assert.equal(error.code, 'FETCH_BAD_RESPONSE');
  assert.match(error.message, /\/short: the connection ended before the whole body arrived/);
});

test('a 200 MB streamed body is cut at a 1 MiB limit without reading it all', async (t) => {
  const { error, ms } = await failure(server.url('/huge'), { maxBodyBytes: mebibyte });
  assert.equal(error.code, 'FETCH_TOO_LARGE');
  assert.match(error.message, /\/huge: body over the 1 MiB limit; stopped reading/);
  const record = await serverStopped('/huge');
  assert.match(record.outcome, /^stopped/);
  assert.ok(record.wireBytes < 20 * mebibyte, `server sent ${record.wireBytes} bytes`);
  assert.ok(ms < 2000, `cut after ${ms} ms`);
  t.diagnostic(
    `200 MB body cut after ${Math.round(ms)} ms; the server got ${(record.wireBytes / mebibyte).toFixed(1)} MiB out`,
  );
});

test('a body whose Content-Length is over the limit is refused before it is read', async () => {
  const { error, ms } = await failure(server.url('/huge-announced'), { maxBodyBytes: mebibyte });
  assert.equal(error.code, 'FETCH_TOO_LARGE');
  assert.match(error.message, /\(Content-Length: 200 MiB\); not read/);
  assert.ok(ms < 2000);
});

test('a gzip bomb (1 GiB of zeros) is cut when the decompressed bytes pass the limit', async (t) => {
  const { error, ms } = await failure(server.url('/gzip-bomb'));
  assert.equal(error.code, 'FETCH_TOO_LARGE');
  assert.match(
    error.message,
    /\/gzip-bomb: body over the 10 MiB limit after decompression \(from [\d.]+ KiB received\)/,
  );
  const record = await serverStopped('/gzip-bomb');
  assert.match(record.outcome, /^stopped/);
  assert.ok(record.sourceBytes < 512 * mebibyte, `the server compressed ${record.sourceBytes} bytes`);
  assert.ok(ms < 3000, `cut after ${ms} ms`);
  t.diagnostic(
    `gzip bomb cut after ${Math.round(ms)} ms (${error.message.match(/from ([\d.]+ KiB) received/)![1]} read by the client); ` +
      `the server compressed ${(record.sourceBytes / mebibyte).toFixed(0)} MiB of zeros into ${(record.wireBytes / 1024).toFixed(0)} KiB before the hang-up`,
  );
});

test('a brotli bomb is cut the same way', async (t) => {
  const { error, ms } = await failure(server.url('/brotli-bomb'), { maxBodyBytes: 2 * mebibyte });
  assert.equal(error.code, 'FETCH_TOO_LARGE');
  assert.match(error.message, /body over the 2 MiB limit after decompression/);
  assert.ok(ms < 3000, `cut after ${ms} ms`);
  t.diagnostic(`brotli bomb cut after ${Math.round(ms)} ms: ${error.message.split(': ').at(-1)}`);
});
