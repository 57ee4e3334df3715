/** The front page and the sources page over a real archive; an empty archive says so. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createWebTestApp, makeCorpus, matchAll, textOfClass, type WebTestApp } from './web-test-app.ts';

let web: WebTestApp;
let empty: WebTestApp;
before(async () => {
  web = await createWebTestApp(makeCorpus());
  empty = await createWebTestApp([]);
});
after(async () => {
  await web.close();
  await empty.close();
});

describe('GET /', () => {
  it('shows the archive size, the latest articles newest first and the sources', async () => {
    const response = await web.app.inject('/');
    assert.equal(response.statusCode, 200);
    const html = response.body;
    assert.match(html, /40 articles from 3 sources, published 01 January 2024 – /);
    assert.equal(textOfClass(html, 'date-line'), '05 May 2025');
    const dates = matchAll(html, /<li class="hit"[\s\S]*?<time datetime="([\d-]+)"/g).map(([day]) => day!);
    assert.equal(dates.length, 10);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.match(html, /<input id="q" name="q" type="search"/);
    assert.equal(matchAll(html, /<tr class="source">/g).length, 3);
  });

  it('tells an empty archive how to fill it', async () => {
    const response = await empty.app.inject('/');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /The archive is empty/);
  });
});

describe('GET /sources', () => {
  it('lists each source with its article count and last article date, linked to its search', async () => {
    const response = await web.app.inject('/sources');
    assert.equal(response.statusCode, 200);
    const rows = matchAll(
      response.body,
      /<tr class="source"><th scope="row"><a href="([^"]+)">([^<]+)<\/a><\/th><td class="number">(\d+)<\/td><td><time datetime="([\d-]+)">/g,
    );
    assert.deepEqual(
      rows.map(([, name, count]) => [name, Number(count)]),
      [
        ['Steppe Herald', 14],
        ['Kabar Wire', 13],
        ['Times of Central Asia', 13],
      ],
    );
    const search = await web.app.inject(rows[0]![0]!);
    assert.match(search.body, /Viewing results 1 - 10 of 14/);
  });

  it('shows each source’s outlet type once an admin has set it', async () => {
    const untyped = await web.app.inject('/sources');
    assert.equal(matchAll(untyped.body, /<td class="source-type">—<\/td>/g).length, 3);
    await web.store.setSourceType('Kabar Wire', 'wire', 'cli:test');
    const typed = (await web.app.inject('/sources')).body;
    assert.match(typed, /<th scope="col">Outlet type<\/th>/);
    assert.match(
      typed,
      />Kabar Wire<\/a><\/th>[\s\S]*?<td class="source-type"><abbr title="wire or news agency \(Reuters, AFP, Interfax, Kabar\)">wire<\/abbr><\/td><\/tr>/,
    );
    assert.equal(matchAll(typed, /<td class="source-type">—<\/td>/g).length, 2);
    // The front page's short table has no such column.
    assert.doesNotMatch((await web.app.inject('/')).body, /source-type/);
    await web.store.setSourceType('Kabar Wire', null, 'cli:test');
  });

  it('says when there is no source', async () => {
    const response = await empty.app.inject('/sources');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /no sources yet/);
  });
});

describe('GET /assets/:name', () => {
  it('serves the stylesheet with a long cache for the linked version and 304 on a matching ETag', async () => {
    const page = await web.app.inject('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1];
    assert.match(href ?? '', /^\/assets\/desk\.css\?v=[0-9a-f]{12}$/);
    const css = await web.app.inject(href!);
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(css.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(css.body, /@media print/);
    const again = await web.app.inject({
      url: '/assets/desk.css',
      headers: { 'if-none-match': String(css.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
    assert.equal((await web.app.inject('/assets/desk.css')).headers['cache-control'], 'public, max-age=300');
    assert.equal((await web.app.inject('/assets/nope.css')).statusCode, 404);
    assert.equal((await web.app.inject('/assets/..%2Fweb-routes.ts')).statusCode, 404);
  });
});

describe('every page', () => {
  it("works under a strict CSP: no inline script or style, and only this server's assets", async () => {
    for (const url of [
      '/',
      '/search?q=extremism',
      '/search?q=a%20(b',
      '/compare?q=extremism&q=harvest',
      '/articles/1',
      '/sources',
      '/articles/999',
    ]) {
      const html = (await web.app.inject(url)).body;
      assert.doesNotMatch(html, /<script/i, url);
      assert.doesNotMatch(html, /<style|\sstyle=/i, url);
      for (const [href] of matchAll(html, /<link [^>]*href="([^"]+)"/g))
        assert.match(href!, /^\//, `${url}: ${href}`);
      assert.match(html, /<html lang="en">/, url);
    }
  });
});
