/**
 * parseFeed over the invented fixtures: one feed per format, normalised to the same FeedItem shape.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseFeed } from '../../../src/ingest/feeds/parse-feed.ts';
import { encodeSingleByte } from './encode-single-byte.ts';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const fetchedAt = new Date('2025-06-01T00:00:00Z');

test('RSS 2.0: xml:base, entities, sanitised content, broken dates and empty items', () => {
  const feed = parseFeed({
    body: fixture('rss2-with-base.xml'),
    url: 'https://steppe-courier.example/feed.rss',
    fetchedAt,
  });
  assert.equal(feed.format, 'rss');
  assert.equal(feed.title, 'Steppe Courier & Partners');
  assert.equal(feed.siteUrl, 'https://steppe-courier.example/');
  const [grain, rail, untitled, jsLink, ...rest] = feed.items;
  assert.equal(rest.length, 0);
  assert.equal(grain!.title, 'Grain exports rise in Kostanay');
  assert.equal(grain!.url, 'https://steppe-courier.example/news/2025/05/grain-exports.html?utm_source=rss');
  assert.equal(grain!.guid, 'steppe-courier-1001');
  assert.equal(grain!.publishedAt.toISOString(), '2025-05-05T05:00:00.000Z');
  assert.equal(grain!.author, 'Aigerim Example');
  assert.deepEqual(grain!.categories, ['Economy', 'Agriculture']);
  assert.equal(grain!.language, 'ru');
  assert.equal(
    grain!.contentHtml,
    '<p>Exports rose by a fifth. <a href="https://steppe-courier.example/data/table.html" rel="nofollow noopener noreferrer">See the table</a>.</p>' +
      '<img alt="Silo" src="https://steppe-courier.example/img/silo.jpg" />',
  );
  assert.equal(grain!.summaryHtml, '<p>Exports rose by a fifth, the ministry said.</p>');
  assert.equal(grain!.text, 'Exports rose by a fifth. See the table.');
  assert.equal(rail!.publishedAt.toISOString(), '2025-05-06T06:30:00.000Z');
  assert.equal(rail!.author, 'News Desk');
  assert.equal(untitled!.titleGenerated, true);
  assert.equal(untitled!.title, 'A short note without a headline about the spring sowing campaign in…');
  assert.equal(untitled!.dateMissing, true);
  assert.equal(untitled!.publishedAt.getTime(), fetchedAt.getTime());
  assert.equal(jsLink!.url, undefined, 'a javascript: link is not kept');
  assert.deepEqual(feed.warnings, [
    'entry 4 dropped: no title, no link and no content',
    '1 entry has a date that could not be read; the fetch time was used',
  ]);
});

test('Atom 1.0: typed text, nested xml:base, inherited author, published and updated', () => {
  const feed = parseFeed({
    body: fixture('atom10.xml'),
    url: 'https://caspian-wire.example/feed.atom',
    fetchedAt,
  });
  assert.equal(feed.format, 'atom');
  assert.equal(feed.title, 'Caspian Wire');
  assert.equal(feed.siteUrl, 'https://caspian-wire.example/');
  const [ferry, strike] = feed.items;
  assert.equal(ferry!.title, 'Ferry <timetable> changes', 'type="text" keeps its brackets as text');
  assert.equal(ferry!.url, 'https://caspian-wire.example/stories/ferry.html');
  assert.equal(ferry!.author, 'Caspian Wire Desk');
  assert.equal(ferry!.publishedAt.toISOString(), '2025-05-04T04:00:00.000Z');
  assert.equal(ferry!.updatedAt?.toISOString(), '2025-05-05T09:00:00.000Z');
  assert.match(
    ferry!.contentHtml!,
    /<img alt="Ferry" src="https:\/\/caspian-wire\.example\/media\/ferry\.jpg" \/>/,
  );
  assert.deepEqual(ferry!.categories, ['transport']);
  assert.equal(ferry!.language, 'en');
  assert.equal(strike!.author, 'Rustam Example');
  assert.equal(strike!.contentHtml, 'Workers returned on Saturday.<br />Talks continue.');
  assert.equal(strike!.text, 'Workers returned on Saturday.\nTalks continue.');
});

test('RDF and JSON Feed map to the same fields', () => {
  const rdf = parseFeed({
    body: fixture('rss10-rdf.xml'),
    url: 'https://aral-review.example/rss',
    fetchedAt,
  });
  assert.equal(rdf.format, 'rdf');
  assert.deepEqual(
    [
      rdf.items[0]!.url,
      rdf.items[0]!.author,
      rdf.items[0]!.publishedAt.toISOString(),
      rdf.items[0]!.categories,
    ],
    ['https://aral-review.example/sea-level', 'Dana Example', '2025-04-30T10:00:00.000Z', ['Ecology']],
  );
  const json = parseFeed({
    body: fixture('json-feed-11.json'),
    url: 'https://tienshan-notes.example/feed.json',
    fetchedAt,
  });
  assert.equal(json.format, 'json');
  const [survey, plain, dataUrl] = json.items;
  assert.equal(survey!.url, 'https://tienshan-notes.example/notes/7');
  assert.equal(
    survey!.contentHtml,
    '<p>The survey <a href="https://tienshan-notes.example/data" rel="nofollow noopener noreferrer">data</a> is out.</p>',
  );
  assert.deepEqual(survey!.categories, ['science', 'mountains']);
  assert.equal(survey!.updatedAt?.toISOString(), '2025-05-03T04:00:00.000Z');
  assert.equal(plain!.text, 'A plain text note with <angle brackets> that are not markup.');
  assert.equal(plain!.dateMissing, true);
  assert.equal(dataUrl!.url, undefined);
});

test('windows-1251 and KOI8-R feeds decode from the declaration or the Content-Type', () => {
  const xml = (encoding: string) =>
    `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>Вести</title><item><title>Новости дня</title><description>Текст статьи</description><pubDate>5 мая 2025 14:30</pubDate></item></channel></rss>`;
  for (const encoding of ['windows-1251', 'koi8-r']) {
    const feed = parseFeed({
      body: encodeSingleByte(xml(encoding), encoding),
      url: 'https://ru.example/rss',
      fetchedAt,
    });
    assert.equal(feed.encoding, encoding);
    assert.equal(feed.title, 'Вести');
    assert.equal(feed.items[0]!.title, 'Новости дня');
    assert.equal(feed.items[0]!.publishedAt.toISOString(), '2025-05-05T14:30:00.000Z');
  }
  const headerOnly = encodeSingleByte(
    xml('windows-1251').replace(' encoding="windows-1251"', ''),
    'windows-1251',
  );
  const feed = parseFeed({
    body: headerOnly,
    url: 'https://ru.example/rss',
    contentType: 'application/rss+xml; charset=windows-1251',
    fetchedAt,
  });
  assert.equal(feed.items[0]!.text, 'Текст статьи');
});

test('the item cap keeps the first entries and says so', () => {
  const items = Array.from({ length: 30 }, (_, i) => `<item><title>t${i}</title></item>`).join('');
  const feed = parseFeed({
    body: `<rss version="2.0"><channel>${items}</channel></rss>`,
    url: 'https://a.example/',
    fetchedAt,
    maxItems: 10,
  });
  assert.deepEqual(
    feed.items.map((item) => item.title),
    Array.from({ length: 10 }, (_, i) => `t${i}`),
  );
  assert.deepEqual(feed.warnings, ['the feed has more than 10 entries; only the first 10 were read']);
  const exact = parseFeed({
    body: `<rss version="2.0"><channel>${items}</channel></rss>`,
    url: 'https://a.example/',
    fetchedAt,
    maxItems: 30,
  });
  assert.equal(exact.items.length, 30);
  assert.deepEqual(exact.warnings, []);
});

test('a feed cut short (a size-capped download) keeps the entries before the cut, with a warning', () => {
  const whole =
    '<rss version="2.0"><channel><title>Cut</title>' +
    '<item><title>First</title><link>https://cut.example/1</link></item>' +
    '<item><title>Second</title><link>https://cut.example/2</link></item>' +
    '<item><title>Third</title><description><![CDATA[<p>Long text that the cap';
  const feed = parseFeed({ body: whole, url: 'https://cut.example/rss', fetchedAt });
  assert.deepEqual(
    feed.items.map((item) => item.title),
    ['First', 'Second', 'Third'],
  );
  assert.ok(
    feed.warnings.some((warning) =>
      /cut short \(line 1, column \d+\): 4 open element\(s\) were closed/.test(warning),
    ),
  );
});

test('old and odd forms: Atom 0.3 base64, JSON Feed version "1.1", control characters in titles', () => {
  const atom03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title mode="base64" type="text/html">${Buffer.from('Old <b>Atom</b>').toString('base64')}</title><link rel="alternate" href="https://old.example/1"/></entry></feed>`;
  assert.equal(
    parseFeed({ body: atom03, url: 'https://old.example/', fetchedAt }).items[0]!.title,
    'Old Atom',
  );
  const json = JSON.stringify({
    version: '1.1',
    title: 'Bare',
    items: [{ id: '1', title: 'One', url: 'https://bare.example/1' }],
  });
  const bare = parseFeed({ body: json, url: 'https://bare.example/feed.json', fetchedAt });
  assert.deepEqual([bare.format, bare.items[0]!.url], ['json', 'https://bare.example/1']);
  const control = parseFeed({
    body: '<rss version="2.0"><channel><item><title>ab\u0008cd\u0001</title></item></channel></rss>',
    url: 'https://c.example/',
    fetchedAt,
  });
  assert.equal(control.items[0]!.title, 'abcd');
});

test('a feed of empty entries gives one warning, not one per entry', () => {
  const empty = '<item><guid isPermaLink="false">x</guid></item>'.repeat(20);
  const feed = parseFeed({
    body: `<rss version="2.0"><channel><title>E</title>${empty}</channel></rss>`,
    url: 'https://e.example/',
    fetchedAt,
  });
  assert.equal(feed.items.length, 0);
  assert.deepEqual(feed.warnings, [
    'entries 1, 2, 3, 4, 5 and 15 more dropped: no title, no link and no content',
  ]);
});
