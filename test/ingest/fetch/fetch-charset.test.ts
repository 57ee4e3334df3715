/**
 * Fetched bodies in the encodings Russian-language sites still serve, decoded end to end: the bytes
 * cross a real HTTP connection (gzip included) and decodeBody reads what fetchResource reports.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { decodeBody } from '../../../src/ingest/fetch/decode-body.ts';
import { createFetchClient, type FetchClient } from '../../../src/ingest/fetch/fetch-client.ts';
import { encodeKoi8r, encodeWindows1251 } from '../../fixtures/import/encode-legacy.ts';
import { type FetchTestServer, type Route, startFetchTestServer } from './fetch-test-server.ts';

const headline = 'Ночью на перевале выпал снег; трассу закрыли до утра, сообщает ёмкая сводка.';
let server: FetchTestServer;
let client: FetchClient;

function serve(body: Buffer, contentType: string, gzip = false): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    response.end(gzip ? gzipSync(body) : body);
  };
}

before(async () => {
  const rss = (encoding: string, title: Buffer) =>
    Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="${encoding}"?><rss><title>`),
      title,
      Buffer.from('</title></rss>'),
    ]);
  server = await startFetchTestServer({
    '/cp1251.html': serve(encodeWindows1251(headline), 'text/html; charset=windows-1251'),
    '/koi8.xml': serve(rss('koi8-r', encodeKoi8r(headline)), 'application/rss+xml', true),
    '/utf16.txt': serve(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(headline, 'utf16le')]),
      'text/plain',
    ),
    '/broken-utf8.html': serve(
      Buffer.concat([Buffer.from('<p>Ночью'), Buffer.from([0xd0]), Buffer.from(' снег</p>')]),
      'text/html; charset=utf-8',
    ),
    '/mislabelled.html': serve(encodeWindows1251(headline), 'text/html; charset=UTF-8'),
  });
  client = createFetchClient({ allowPrivate: ['127.0.0.0/8'] });
});

after(async () => {
  await client.close();
  await server.close();
});

test('windows-1251 named in Content-Type', async () => {
  const decoded = decodeBody(await client.fetchResource(server.url('/cp1251.html')));
  assert.deepEqual(decoded, { text: headline, encoding: 'windows-1251', source: 'http' });
});

test("KOI8-R named in a gzipped feed's XML declaration", async () => {
  const decoded = decodeBody(await client.fetchResource(server.url('/koi8.xml')));
  assert.equal(decoded.encoding, 'koi8-r');
  assert.equal(decoded.source, 'xml');
  assert.ok(decoded.text.includes(`<title>${headline}</title>`));
});

test('UTF-16 with a byte-order mark', async () => {
  const decoded = decodeBody(await client.fetchResource(server.url('/utf16.txt')));
  assert.deepEqual(decoded, { text: headline, encoding: 'utf-16le', source: 'bom' });
});

test('a stray invalid byte in UTF-8 becomes U+FFFD', async () => {
  const decoded = decodeBody(await client.fetchResource(server.url('/broken-utf8.html')));
  assert.equal(decoded.text, '<p>Ночью\uFFFD снег</p>');
  assert.equal(decoded.encoding, 'utf-8');
});

test('windows-1251 served as UTF-8 is recognised from its bytes', async () => {
  const decoded = decodeBody(await client.fetchResource(server.url('/mislabelled.html')));
  assert.equal(decoded.text, headline);
  assert.equal(decoded.encoding, 'windows-1251');
  assert.match(decoded.note!, /declared utf-8 .* not UTF-8: decoded as windows-1251/);
});
