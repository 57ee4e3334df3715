/** The results page over a real SQLite archive: seed-style lines, highlights, facets, timeline, errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createWebTestApp,
  decodeEntities,
  hostileArticle,
  makeCorpus,
  matchAll,
  textOfClass,
  type WebTestApp,
} from './web-test-app.ts';

let web: WebTestApp;
before(async () => {
  web = await createWebTestApp([...makeCorpus(), hostileArticle]);
});
after(async () => {
  await web.close();
});

async function get(url: string) {
  const response = await web.app.inject({ method: 'GET', url });
  return { status: response.statusCode, html: response.body, headers: response.headers };
}

/** The total of the "Viewing results a - b of N" line. */
function viewingTotal(html: string): number | null {
  const match = /Viewing results \d+ - \d+ of (\d+)/.exec(html);
  return match ? Number(match[1]) : null;
}

describe('GET /search', () => {
  it('reads like the seed page: the date line, then "Viewing results 1 - 10 of 31"', async () => {
    const { status, html, headers } = await get('/search?q=extremism');
    assert.equal(status, 200);
    assert.equal(headers['content-type'], 'text/html; charset=utf-8');
    assert.match(html, /^<!doctype html><html lang="en">/);
    assert.equal(textOfClass(html, 'date-line'), '05 May 2025');
    assert.equal(textOfClass(html, 'viewing'), 'Viewing results 1 - 10 of 31');
    assert.ok(html.indexOf('class="date-line"') < html.indexOf('class="viewing"'));
    assert.equal(matchAll(html, /<li class="hit"/g).length, 10);
  });

  it('links each headline to its article page and marks the matched words', async () => {
    const { html } = await get('/search?q=extremism');
    const titles = matchAll(html, /<h2 class="hit-title"><a href="(\/articles\/\d+)">([\s\S]*?)<\/a>/g);
    assert.equal(titles.length, 10);
    for (const [href, title] of titles) {
      assert.match(href!, /^\/articles\/\d+$/);
      assert.match(title!, /<mark>extremism<\/mark>/);
    }
    const snippets = matchAll(html, /<p class="snippet">([\s\S]*?)<\/p>/g).map(([snippet]) => snippet!);
    assert.ok(snippets.every((snippet) => snippet.includes('<mark>extremism</mark>')));
    assert.ok(
      snippets.some((snippet) => snippet.endsWith('...')),
      'long texts are cut with "..."',
    );
  });

  it('pages with numbered links and rel=prev/next, the last page ending at 31', async () => {
    const first = await get('/search?q=extremism');
    const next = matchAll(first.html, /<nav class="pager"[\s\S]*?<a rel="next" href="([^"]+)"/g)[0]?.[0];
    assert.equal(next, '/search?q=extremism&page=2');
    const last = await get('/search?q=extremism&page=4');
    assert.equal(textOfClass(last.html, 'viewing'), 'Viewing results 31 - 31 of 31');
    assert.match(last.html, /<a rel="prev" href="\/search\?q=extremism&amp;page=3"/);
    assert.doesNotMatch(last.html, /rel="next"/);
    assert.match(last.html, /<span aria-current="page">4<\/span>/);
  });

  it('follows "next" by cursor in date order: after= the last hit, the same hits as the numbered page', async () => {
    const nextLink = (html: string) =>
      decodeEntities(matchAll(html, /<nav class="pager"[\s\S]*?<a rel="next" href="([^"]+)"/g)[0]?.[0] ?? '');
    const idsOf = (html: string) => matchAll(html, /href="\/articles\/(\d+)"/g).map(([id]) => id);
    let page = await get('/search?q=extremism&sort=date');
    for (let at = 2; at <= 4; at++) {
      const next = nextLink(page.html);
      assert.match(next, new RegExp(`^/search\\?q=extremism&page=${at}&after=[A-Za-z0-9_-]+&sort=date$`));
      assert.match(
        page.html,
        new RegExp(`<link rel="next" href="${next.replaceAll('&', '&amp;').replace(/[?]/g, '\\?')}"`),
      );
      page = await get(next);
      assert.equal(page.status, 200);
      const numbered = await get(`/search?q=extremism&sort=date&page=${at}`);
      assert.deepEqual(idsOf(page.html), idsOf(numbered.html), `page ${at}`);
      assert.equal(textOfClass(page.html, 'viewing'), textOfClass(numbered.html, 'viewing'));
      assert.match(page.html, new RegExp(`<span aria-current="page">${at}</span>`));
      // Numbered links and previous jump by offset, without the cursor.
      const prev = matchAll(page.html, /<nav class="pager"[\s\S]*?<a rel="prev" href="([^"]+)"/g)[0]?.[0];
      assert.equal(
        decodeEntities(prev ?? ''),
        `/search?q=extremism${at > 2 ? `&page=${at - 1}` : ''}&sort=date`,
      );
      assert.doesNotMatch(page.html, /aria-label="Page \d+" href="[^"]*after=/);
    }
    assert.equal(textOfClass(page.html, 'viewing'), 'Viewing results 31 - 31 of 31');
    assert.doesNotMatch(page.html, /rel="next"/);
  });

  it('answers a garbled or tampered cursor with a 400 page', async () => {
    for (const after of ['garbled', 'eyJ2IjoxLCJzIjoibmV3ZXN0IiwibiI6MTAsImQiOiJ4IiwiaSI6MX0']) {
      const { status, html } = await get(`/search?q=extremism&sort=date&page=2&after=${after}`);
      assert.equal(status, 400);
      assert.match(html, /cursor is not valid/);
    }
  });

  it('switches the order by date and keeps the total', async () => {
    const { html } = await get('/search?q=extremism&sort=date');
    assert.equal(viewingTotal(html), 31);
    const dates = matchAll(html, /<time datetime="([\d-]+)"/g).map(([day]) => day!);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.match(html, /<strong aria-current="true">newest first<\/strong>/);
  });

  it('lists exact facet counts, and a facet link narrows the search to exactly that count', async () => {
    const { html } = await get('/search?q=extremism');
    const facets = matchAll(
      html,
      /<li class="facet"><a href="([^"]+)">([^<]+)<\/a> <span class="count">(\d+)<\/span>/g,
    );
    const bySource = new Map(
      facets.map(([href, label, count]) => [label!, { href: href!, count: Number(count) }]),
    );
    assert.equal(bySource.get('Steppe Herald')?.count, 11);
    assert.equal(bySource.get('Russian (ru)')?.count, 8);
    assert.ok(facets.length >= 6, 'source, language, year and month values');
    for (const [href, label, count] of facets) {
      const narrowed = await get(href!);
      assert.equal(narrowed.status, 200, `${label}: ${href}`);
      assert.equal(viewingTotal(narrowed.html) ?? 0, Number(count), `${label} narrows to its count`);
    }
    assert.equal(
      bySource.get('Times of Central Asia')?.href,
      '/search?q=extremism+source%3A%22Times+of+Central+Asia%22',
    );
  });

  it('draws the timeline as share of the archive by default, with a title per bar and a table', async () => {
    const { html } = await get('/search?q=extremism');
    const section = /<section id="timeline"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.match(section, /<svg[^>]*role="img"/);
    const bars = matchAll(section, /<rect [^>]*><title>([^<]+)<\/title><\/rect>/g);
    assert.ok(bars.length > 0);
    assert.match(bars[0]![0]!, /articles?, [\d.]+% of \d+ archived$/);
    assert.match(section, /<div class="visually-hidden"><table>/);
    assert.match(section, /<strong aria-current="true">share of archive<\/strong>/);
    const counts = await get('/search?q=extremism&scale=count&interval=year');
    assert.match(counts.html, /<strong aria-current="true">article counts<\/strong>/);
    const years = matchAll(counts.html, /<rect [^>]*><title>(\d{4}): (\d+) articles?/g);
    assert.equal(
      years.reduce((sum, [, count]) => sum + Number(count), 0),
      31,
    );
  });

  it('lists the top words and top sources of the results', async () => {
    const { html } = await get('/search?q=extremism');
    const overview = /<section class="overview"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.match(overview, /Top words/);
    assert.match(overview, /Top sources/);
    assert.match(overview, /Steppe Herald<\/a> <span class="count">11 \(35%\)<\/span>/);
  });

  it('answers a malformed query with 400, the message and a caret under the bad column', async () => {
    const { status, html } = await get(`/search?q=${encodeURIComponent('extremism AND (court')}`);
    assert.equal(status, 400);
    assert.match(html, /unbalanced parentheses/);
    const caret = /<pre class="query-caret"><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1];
    assert.equal(decodeEntities(caret ?? ''), 'extremism AND (court\n              ^');
    assert.match(html, /<input id="q" name="q" type="search" value="extremism AND \(court"/);
  });

  it('gives 400 pages, not 500s, for bad fields, dates, paging and sort', async () => {
    for (const url of [
      '/search?q=foo%3Abar',
      '/search?q=after%3A2024-13',
      '/search?q=%22unclosed',
      '/search?q=extremism&page=0',
      '/search?q=extremism&page=abc',
      '/search?q=extremism&per_page=1000',
      '/search?q=extremism&sort=sideways',
      '/search?q=extremism&page=20000',
    ]) {
      const { status, html } = await get(url);
      assert.equal(status, 400, url);
      assert.match(html, /class="query-error"/, url);
    }
  });

  it('says when nothing matches and links the query without its narrowest clause', async () => {
    const { status, html } = await get(
      `/search?q=${encodeURIComponent('extremism source:"Kabar Wire" lang:ru zzyzx')}`,
    );
    assert.equal(status, 200);
    assert.equal(textOfClass(html, 'viewing'), 'No results');
    assert.match(html, /Nothing in the archive matches/);
    const [href, text] =
      matchAll(html, /<p class="suggestion">[\s\S]*?<a href="([^"]+)">([^<]+)<\/a>/g)[0] ?? [];
    assert.equal(text, '3 results for extremism source:"Kabar Wire" lang:ru');
    const broader = await get(href!);
    assert.equal(viewingTotal(broader.html), 3);
  });

  it('escapes hostile titles, snippets and source names', async () => {
    const { html } = await get('/search?q=hostile');
    assert.equal(viewingTotal(html), 1);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<b /i);
    assert.match(html, /&lt;script>alert\(&quot;title&quot;\)&lt;\/script>/);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, 'no element has an event handler');
  });

  it('keeps the page under 60 KB with 10 hits, facets and the timeline', async () => {
    const { html } = await get('/search?q=extremism');
    const size = Buffer.byteLength(html);
    assert.ok(size < 60 * 1024, `${size} bytes`);
  });

  it('links the Atom feed, OpenSearch, the exports and the API docs', async () => {
    const { html } = await get('/search?q=extremism');
    assert.match(
      html,
      /<link rel="alternate" type="application\/atom\+xml" [^>]*href="\/search\.atom\?q=extremism"/,
    );
    assert.match(html, /<link rel="search" type="application\/opensearchdescription\+xml"/);
    assert.match(html, /href="\/search\.csv\?q=extremism"/);
    assert.match(html, /href="\/search\.jsonl\?q=extremism"/);
    assert.match(html, /href="\/api\/docs"/);
  });

  it('has the landmarks, a skip link and a labelled search box', async () => {
    const { html } = await get('/search?q=extremism');
    for (const landmark of ['<header', '<nav', '<main id="main"', '<aside', '<footer']) {
      assert.ok(html.includes(landmark), landmark);
    }
    assert.match(html, /<a class="skip-link" href="#main">/);
    assert.match(html, /<label for="q"/);
    assert.doesNotMatch(html, /style=/);
  });

  it('browses everything, newest first, for a blank query', async () => {
    const { status, html } = await get('/search?q=');
    assert.equal(status, 200);
    assert.equal(textOfClass(html, 'viewing'), 'Viewing results 1 - 10 of 41');
  });
});
