import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeKoi8r, encodeWindows1251 } from '../../../test/fixtures/import/encode-legacy.ts';
import { decodeBody } from './decode-body.ts';

// Invented text; the Cyrillic letters and ё are where windows-1251, KOI8-R and UTF-8 all differ.
const russian = 'Пограничный пост на перевале открылся после ремонта, ёлки у шлагбаума.';
const bytes = (...parts: Array<string | Buffer | number[]>) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

test('UTF-8 with nothing declared is the default', () => {
  const decoded = decodeBody({ body: Buffer.from(russian), contentType: 'text/plain' });
  assert.deepEqual(decoded, { text: russian, encoding: 'utf-8', source: 'default' });
});

test('the HTTP charset decodes windows-1251 and KOI8-R', () => {
  const cp1251 = decodeBody({
    body: encodeWindows1251(russian),
    contentType: 'text/html',
    charset: 'windows-1251',
  });
  assert.equal(cp1251.text, russian);
  assert.equal(cp1251.encoding, 'windows-1251');
  assert.equal(cp1251.source, 'http');
  const koi8 = decodeBody({ body: encodeKoi8r(russian), contentType: 'text/plain', charset: 'KOI8-R' });
  assert.equal(koi8.text, russian);
  assert.equal(koi8.encoding, 'koi8-r');
});

test('the XML declaration decodes a feed served without a charset', () => {
  const feed = bytes(
    '<?xml version="1.0" encoding="windows-1251"?>\n<rss><title>',
    encodeWindows1251(russian),
    '</title></rss>',
  );
  const decoded = decodeBody({ body: feed, contentType: 'application/rss+xml' });
  assert.equal(decoded.source, 'xml');
  assert.equal(decoded.encoding, 'windows-1251');
  assert.ok(decoded.text.includes(`<title>${russian}</title>`));
  // The declaration is read even when the server calls the feed text/html or sends no type at all.
  assert.equal(decodeBody({ body: feed }).encoding, 'windows-1251');
  const koi8 = bytes(" <?xml version='1.0' encoding='koi8-r'?><rss>", encodeKoi8r(russian), '</rss>');
  assert.equal(decodeBody({ body: koi8, contentType: 'text/html' }).encoding, 'koi8-r');
});

test('<meta charset> decodes an HTML page (both meta forms)', () => {
  const page = bytes(
    '<!doctype html><html><head><meta charset="koi8-r"><title>',
    encodeKoi8r(russian),
    '</title>',
  );
  const decoded = decodeBody({ body: page, contentType: 'text/html' });
  assert.equal(decoded.source, 'meta');
  assert.equal(decoded.encoding, 'koi8-r');
  assert.ok(decoded.text.includes(russian));
  const legacy = bytes(
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><p>',
    encodeWindows1251(russian),
  );
  assert.equal(decodeBody({ body: legacy, contentType: 'text/html' }).text.endsWith(russian), true);
});

test('the HTTP charset outranks the XML declaration and <meta>', () => {
  const page = bytes('<meta charset="koi8-r"><p>', encodeWindows1251(russian));
  const decoded = decodeBody({ body: page, contentType: 'text/html', charset: 'windows-1251' });
  assert.equal(decoded.encoding, 'windows-1251');
  assert.equal(decoded.source, 'http');
});

test('UTF-16LE and UTF-16BE with a BOM, and UTF-16 XML without one', () => {
  const le = bytes([0xff, 0xfe], Buffer.from(russian, 'utf16le'));
  assert.deepEqual(decodeBody({ body: le }), { text: russian, encoding: 'utf-16le', source: 'bom' });
  const be = bytes([0xfe, 0xff], Buffer.from(russian, 'utf16le').swap16());
  assert.equal(decodeBody({ body: be }).text, russian);
  assert.equal(decodeBody({ body: be }).encoding, 'utf-16be');
  const xml = `<?xml version="1.0" encoding="UTF-16"?><title>${russian}</title>`;
  const bare = decodeBody({ body: Buffer.from(xml, 'utf16le'), contentType: 'application/xml' });
  assert.equal(bare.encoding, 'utf-16le');
  assert.equal(bare.text, xml);
  // The HTTP header can name UTF-16 for a body without a BOM.
  assert.equal(decodeBody({ body: Buffer.from(russian, 'utf16le'), charset: 'utf-16' }).text, russian);
});

test('invalid bytes in a UTF-8 body become U+FFFD, never an exception', () => {
  const body = bytes('Погран', [0xff], 'ичный ', [0xc3], ' пост ', [0xe2, 0x82], '.');
  const decoded = decodeBody({ body, contentType: 'text/plain', charset: 'utf-8' });
  assert.equal(decoded.encoding, 'utf-8');
  assert.equal(decoded.text, 'Погран\uFFFDичный \uFFFD пост \uFFFD.');
  assert.equal(decoded.note, undefined);
  // Random bytes of any kind decode to something.
  const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  for (const charset of [undefined, 'utf-8', 'windows-1251', 'koi8-r', 'utf-16', 'no-such-charset']) {
    assert.equal(typeof decodeBody({ body: noise, ...(charset ? { charset } : {}) }).text, 'string');
  }
});

test('rule: a BOM overrules a declared charset', () => {
  const body = bytes([0xef, 0xbb, 0xbf], russian);
  const decoded = decodeBody({ body, contentType: 'text/html', charset: 'windows-1251' });
  assert.equal(decoded.text, russian);
  assert.equal(decoded.encoding, 'utf-8');
  assert.equal(decoded.source, 'bom');
  assert.equal(decoded.note, 'the byte-order mark says utf-8, overruling the declared windows-1251');
});

test('rule: declared UTF-8 that is really windows-1251 or KOI8-R is decoded as what the bytes are', () => {
  const cp1251 = decodeBody({ body: encodeWindows1251(russian), contentType: 'text/html', charset: 'utf-8' });
  assert.equal(cp1251.text, russian);
  assert.equal(cp1251.encoding, 'windows-1251');
  assert.equal(cp1251.source, 'bytes');
  assert.equal(
    cp1251.note,
    'declared utf-8 (HTTP Content-Type), but the bytes are not UTF-8: decoded as windows-1251',
  );
  const koi8 = decodeBody({
    body: bytes('<?xml version="1.0" encoding="utf-8"?><t>', encodeKoi8r(russian), '</t>'),
  });
  assert.equal(koi8.encoding, 'koi8-r');
  assert.ok(koi8.text.includes(russian));
  // Undeclared legacy text gets the same treatment.
  assert.equal(decodeBody({ body: encodeWindows1251(russian) }).text, russian);
});

test('rule: declared windows-1251 that is really UTF-8 is decoded as UTF-8', () => {
  const decoded = decodeBody({
    body: Buffer.from(russian),
    contentType: 'text/html',
    charset: 'windows-1251',
  });
  assert.equal(decoded.text, russian);
  assert.equal(decoded.encoding, 'utf-8');
  assert.match(decoded.note!, /declared windows-1251 \(HTTP Content-Type\), but the bytes are valid UTF-8/);
  // Pure ASCII is the same in both: the declaration stands, without a note.
  const ascii = decodeBody({ body: Buffer.from('plain text'), charset: 'windows-1251' });
  assert.equal(ascii.encoding, 'windows-1251');
  assert.equal(ascii.note, undefined);
});

test('unknown labels are ignored with a note, and a meta naming UTF-16 means UTF-8', () => {
  const unknown = decodeBody({ body: Buffer.from(russian), charset: 'klingon-8' });
  assert.equal(unknown.encoding, 'utf-8');
  assert.equal(unknown.note, 'unknown charset "klingon-8" in Content-Type ignored');
  const meta16 = decodeBody({ body: bytes('<meta charset="utf-16"><p>', russian), contentType: 'text/html' });
  assert.equal(meta16.encoding, 'utf-8');
  assert.ok(meta16.text.endsWith(russian));
});

test('JSON is UTF-8 whatever a <meta> inside its strings says', () => {
  const json = bytes('{"content_html":"<meta charset=\\"koi8-r\\">', russian, '"}');
  const decoded = decodeBody({ body: json, contentType: 'application/feed+json' });
  assert.equal(decoded.encoding, 'utf-8');
  assert.ok(decoded.text.includes(russian));
});
