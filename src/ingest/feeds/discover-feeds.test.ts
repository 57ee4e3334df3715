import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { discoverFeeds } from './discover-feeds.ts';

const page = readFileSync(
  new URL('../../../test/fixtures/feeds/page-with-feeds.html', import.meta.url),
  'utf8',
);

test('finds rss, atom and json feed links, resolved against <base>, once each, http(s) only', () => {
  assert.deepEqual(discoverFeeds(page, 'https://steppe-courier.example/'), [
    { url: 'https://steppe-courier.example/news/feed.rss', format: 'rss', title: 'All news & more' },
    { url: 'https://steppe-courier.example/feed.atom', format: 'atom' },
    { url: 'https://steppe-courier.example/feed.json', format: 'json' },
  ]);
});

test('a page without feed links has none; stylesheets and commented-out links do not count', () => {
  assert.deepEqual(
    discoverFeeds(
      '<link rel="stylesheet" href="a.css"><!-- <link rel="alternate" type="application/rss+xml" href="x"> -->',
      'https://a.example/',
    ),
    [],
  );
});
