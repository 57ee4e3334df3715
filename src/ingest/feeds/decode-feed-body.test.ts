import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { encodeSingleByte } from '../../../test/ingest/feeds/encode-single-byte.ts';
import { decodeFeedBody } from './decode-feed-body.ts';

const url = 'https://feeds.example/f.xml';
const title = 'Привет, мир';

test('the XML declaration names windows-1251 or KOI8-R', () => {
  for (const encoding of ['windows-1251', 'koi8-r']) {
    const body = encodeSingleByte(
      `<?xml version="1.0" encoding="${encoding}"?><rss><title>${title}</title></rss>`,
      encoding,
    );
    const decoded = decodeFeedBody(body, url);
    assert.equal(decoded.encoding, encoding);
    assert.ok(decoded.text.includes(title));
    assert.deepEqual(decoded.warnings, []);
  }
});

test('the server charset wins over the declaration, unless it says UTF-8 and the bytes are not', () => {
  const body = encodeSingleByte(`<?xml version="1.0" encoding="koi8-r"?><t>${title}</t>`, 'windows-1251');
  assert.ok(decodeFeedBody(body, url, 'text/xml; charset=windows-1251').text.includes(title));
  const lying = encodeSingleByte(
    `<?xml version="1.0" encoding="windows-1251"?><t>${title}</t>`,
    'windows-1251',
  );
  const decoded = decodeFeedBody(lying, url, 'application/rss+xml; charset="UTF-8"');
  assert.ok(decoded.text.includes(title));
  assert.match(decoded.warnings[0]!, /bytes are not UTF-8/);
});

test('a byte-order mark wins over everything; UTF-16 is read with or without one', () => {
  const xml = `<?xml version="1.0" encoding="utf-16"?><t>${title}</t>`;
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
  assert.equal(decodeFeedBody(le, url, 'text/xml; charset=koi8-r').text, xml);
  assert.equal(decodeFeedBody(Buffer.from(xml, 'utf16le'), url).text, xml);
  const be = Buffer.from(xml, 'utf16le').swap16();
  assert.equal(decodeFeedBody(be, url).encoding, 'utf-16be');
  assert.equal(
    decodeFeedBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]), url).text,
    xml,
  );
});

test('undeclared non-UTF-8 bytes are guessed, with a warning; windows-1252 curly quotes survive', () => {
  const russian = decodeFeedBody(encodeSingleByte(`<t>${title} и ещё немного текста</t>`, 'koi8-r'), url);
  assert.equal(russian.encoding, 'koi8-r');
  assert.match(russian.warnings[0]!, /decoded as koi8-r/);
  const quotes = decodeFeedBody(
    Buffer.from([0x3c, 0x74, 0x3e, 0x93, 0x61, 0x94, 0x3c, 0x2f, 0x74, 0x3e]),
    url,
    'text/xml; charset=windows-1252',
  );
  assert.equal(quotes.text, '<t>\u201ca\u201d</t>');
});

test('empty bodies and binary garbage are refused', () => {
  assert.throws(
    () => decodeFeedBody(Buffer.alloc(0), url),
    (error) => isAppError(error, 'FEED_EMPTY'),
  );
  assert.throws(
    () => decodeFeedBody(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0xff, 0xfe, 0x00]), url),
    (error) => isAppError(error, 'FEED_BAD_ENCODING'),
  );
});
