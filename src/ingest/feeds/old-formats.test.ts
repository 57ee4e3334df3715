/**
 * The old shapes feedsmith does not read on its own: CDF channels, RSS items whose full text is an
 * XHTML `<body>` or a `<fullitem>`, and RSS items with no `<channel>` around them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liftItemBodies } from './lift-item-bodies.ts';
import { parseFeed } from './parse-feed.ts';
import { wrapBareItems } from './wrap-bare-items.ts';

const url = 'https://steppe-courier.example/channel.cdf';
const fetchedAt = new Date('2026-05-01T00:00:00Z');

function parse(text: string) {
  return parseFeed({ body: text, url, fetchedAt });
}

test('a CDF channel: title, link, items with their address, title, abstract and LASTMOD date', () => {
  const feed = parse(`<?xml version="1.0"?>
<CHANNEL HREF="https://steppe-courier.example/" BASE="https://steppe-courier.example/news/" LASTMOD="2026-04-30T10:00:00+05:00">
  <TITLE>Steppe Courier</TITLE>
  <ABSTRACT>Security news</ABSTRACT>
  <ITEM HREF="2026/04/raid.html" LASTMOD="2026-04-30T09:15:00+05:00">
    <TITLE>Raid in Osh &amp; Jalal-Abad</TITLE>
    <ABSTRACT>Police detained 22 members.</ABSTRACT>
  </ITEM>
  <channel href="https://steppe-courier.example/region/">
    <item href="https://steppe-courier.example/region/court.html"><title>Court verdict</title></item>
  </channel>
</CHANNEL>`);
  assert.equal(feed.format, 'cdf');
  assert.equal(feed.title, 'Steppe Courier');
  assert.equal(feed.siteUrl, 'https://steppe-courier.example/');
  assert.equal(feed.items.length, 2);
  const [raid, court] = feed.items;
  assert.equal(raid!.url, 'https://steppe-courier.example/news/2026/04/raid.html');
  assert.equal(raid!.title, 'Raid in Osh & Jalal-Abad');
  assert.equal(raid!.text, 'Police detained 22 members.');
  assert.equal(raid!.publishedAt.toISOString(), '2026-04-30T04:15:00.000Z');
  assert.equal(raid!.dateMissing, false);
  assert.equal(court!.url, 'https://steppe-courier.example/region/court.html');
  assert.equal(court!.title, 'Court verdict');
  assert.equal(court!.dateMissing, true);
});

test('a CDF abstract is text, never markup, and an entity declared in a DOCTYPE stays unexpanded', () => {
  const feed = parse(`<!DOCTYPE CHANNEL [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<CHANNEL><ITEM HREF="https://steppe-courier.example/a.html"><TITLE>&x;</TITLE>
<ABSTRACT>&lt;script&gt;alert(1)&lt;/script&gt; text</ABSTRACT></ITEM></CHANNEL>`);
  const item = feed.items[0]!;
  assert.equal(item.title, '&x;');
  assert.equal(item.summaryHtml, '&lt;script&gt;alert(1)&lt;/script&gt; text');
  assert.equal(item.text, '<script>alert(1)</script> text', 'the index keeps the words as written');
  assert.ok(feed.warnings.some((warning) => /not expanded/.test(warning)));
});

test('an RSS item whose full text is an XHTML body or a fullitem gets it as content, sanitised', () => {
  const feed = parse(`<rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>https://steppe-courier.example/1</link>
<body xmlns="http://www.w3.org/1999/xhtml"><p>First <a href="/rel" onclick="x()">story</a></p></body></item>
<item><title>Two</title><link>https://steppe-courier.example/2</link>
<xhtml:body xmlns:xhtml="http://www.w3.org/1999/xhtml"><p>Second</p><script>alert(1)</script></xhtml:body></item>
<item><title>Three</title><link>https://steppe-courier.example/3</link>
<fullitem>&lt;p&gt;Third &amp;amp; last&lt;/p&gt;</fullitem></item>
</channel></rss>`);
  const [one, two, three] = feed.items;
  assert.equal(
    one!.contentHtml,
    '<p>First <a href="https://steppe-courier.example/rel" rel="nofollow noopener noreferrer">story</a></p>',
  );
  assert.equal(two!.contentHtml, '<p>Second</p>');
  assert.equal(three!.contentHtml, '<p>Third &amp; last</p>');
  assert.equal(three!.text, 'Third & last');
});

test('a body quoted inside CDATA, or outside any item, is left alone', () => {
  const quoted =
    '<rss><channel><item><description><![CDATA[<html><body><p>x</p></body></html>]]></description></item></channel></rss>';
  assert.equal(liftItemBodies(quoted), quoted);
  const outside = '<rss><channel><body>not an item</body><item><title>a</title></item></channel></rss>';
  assert.equal(liftItemBodies(outside), outside);
});

test('items straight inside <rss> are read as the channel’s', () => {
  assert.equal(wrapBareItems('<rss><item/></rss>'), '<rss><channel><item/></channel></rss>');
  const withChannel = '<rss><channel><item/></channel></rss>';
  assert.equal(wrapBareItems(withChannel), withChannel);
  const feed = parse(
    '<rss version="0.91"><title>Bare</title><item><title>Only item</title><link>https://steppe-courier.example/x</link></item></rss>',
  );
  assert.equal(feed.items.length, 1);
  assert.equal(feed.items[0]!.title, 'Only item');
});
