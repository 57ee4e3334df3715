import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { parseOpml } from './parse-opml.ts';
import { writeOpml } from './write-opml.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/feeds/${name}`, import.meta.url), 'utf8');

test('reads nested folders and category attributes; reports what it skipped and why', () => {
  const document = parseOpml(fixture('subscriptions.opml'));
  assert.equal(document.title, 'Analyst desk subscriptions');
  assert.deepEqual(
    document.feeds.map((feed) => [feed.title, feed.xmlUrl, feed.category ?? null]),
    [
      ['Steppe Courier', 'https://steppe-courier.example/feed.rss', 'Central Asia/Kazakhstan'],
      ['Caspian Wire', 'https://caspian-wire.example/feed.atom', 'Central Asia/Kazakhstan'],
      ['Aral Review', 'https://aral-review.example/rss', 'Central Asia'],
      ['Tien Shan Notes', 'https://tienshan-notes.example/feed.json', null],
    ],
  );
  assert.equal(document.feeds[0]!.htmlUrl, 'https://steppe-courier.example/');
  assert.deepEqual(document.feeds[2]!.categories, [['Central Asia'], ['Ecology', 'Water'], ['Weekly']]);
  assert.deepEqual(
    document.skipped.map((skip) => skip.reason),
    ['duplicate', 'not-http', 'no-xml-url'],
  );
});

test('broken XML names the line; other documents are not OPML; deep nesting is refused, not a crash', () => {
  assert.throws(
    () => parseOpml(fixture('broken.opml')),
    (error) =>
      isAppError(error, 'OPML_MALFORMED') &&
      error.location?.line === 6 &&
      /<\/body> found where <\/outline>/.test(error.message),
  );
  assert.throws(
    () => parseOpml('<rss version="2.0"><channel/></rss>'),
    (error) => isAppError(error, 'OPML_NOT_OPML'),
  );
  assert.throws(
    () => parseOpml('   '),
    (error) => isAppError(error, 'OPML_NOT_OPML'),
  );
  const deep = `<opml version="2.0"><body>${'<outline text="f">'.repeat(1000)}<outline text="x" xmlUrl="https://x.example/f"/>${'</outline>'.repeat(1000)}</body></opml>`;
  assert.throws(
    () => parseOpml(deep),
    (error) => isAppError(error, 'OPML_MALFORMED'),
  );
});

test('a DOCTYPE in OPML declares nothing that is expanded', () => {
  const opml =
    '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.example/f"/></body></opml>';
  assert.equal(parseOpml(opml).feeds[0]!.title, '&x;');
});

test('writeOpml nests categories as folders and reads back the same subscriptions', () => {
  const sources = [
    {
      title: 'A & B <x>',
      xmlUrl: 'https://a.example/feed',
      htmlUrl: 'https://a.example/',
      category: 'News/Russia',
    },
    { title: 'C', xmlUrl: 'https://c.example/rss' },
    { title: 'D', xmlUrl: 'https://d.example/atom', category: 'News' },
  ];
  const text = writeOpml(sources, { title: 'Export', createdAt: new Date('2025-05-05T00:00:00Z') });
  assert.match(text, /<outline text="News">\s*<outline text="Russia">/);
  const back = parseOpml(text);
  assert.equal(back.title, 'Export');
  assert.deepEqual(
    back.feeds
      .map((feed) => ({ title: feed.title, xmlUrl: feed.xmlUrl, category: feed.category }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    [
      { title: 'A & B <x>', xmlUrl: 'https://a.example/feed', category: 'News/Russia' },
      { title: 'C', xmlUrl: 'https://c.example/rss', category: undefined },
      { title: 'D', xmlUrl: 'https://d.example/atom', category: 'News' },
    ],
  );
});
