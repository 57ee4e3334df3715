/** The compare page: one line per query, totals and top sources, and clear 400s. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createWebTestApp, decodeEntities, makeCorpus, matchAll, type WebTestApp } from './web-test-app.ts';

let web: WebTestApp;
before(async () => {
  web = await createWebTestApp(makeCorpus());
});
after(async () => {
  await web.close();
});

async function get(url: string) {
  const response = await web.app.inject({ method: 'GET', url });
  return { status: response.statusCode, html: response.body };
}

describe('GET /compare', () => {
  it('shows the form alone when no query is given', async () => {
    const { status, html } = await get('/compare');
    assert.equal(status, 200);
    assert.equal(matchAll(html, /<input id="compare-q(\d)" name="q"/g).length, 4);
    assert.doesNotMatch(html, /<svg[^>]*class="chart compare-chart"/);
  });

  it('draws one line per query with different dash patterns, and lists totals and top sources', async () => {
    const { status, html } = await get('/compare?q=extremism&q=harvest&q=&scale=count&interval=year');
    assert.equal(status, 200);
    const chart = /<svg[^>]*class="chart compare-chart"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    const lines = matchAll(
      chart,
      /<g class="series series-(\d)"><title>([^<]+)<\/title><path class="series-line" d="([^"]+)" fill="none"(?: stroke-dasharray="([^"]+)")?>/g,
    );
    assert.deepEqual(
      lines.map(([n, label]) => [n, label]),
      [
        ['1', 'extremism'],
        ['2', 'harvest'],
      ],
    );
    assert.notEqual(lines[0]![3], lines[1]![3], 'told apart without colour');
    const rows = matchAll(
      html,
      /<tr class="compared-query">[\s\S]*?<a href="[^"]+">([^<]+)<\/a><\/th><td class="number">(\d+)<\/td><td>([^<]*)<\/td>/g,
    );
    assert.deepEqual(
      rows.map(([q, total]) => [q, Number(total)]),
      [
        ['extremism', 31],
        ['harvest', 9],
      ],
    );
    assert.match(rows[0]![2]!, /^Steppe Herald \(11\), /);
    const yearly = matchAll(chart, /<title>extremism — (\d{4}): (\d+) articles/g);
    assert.equal(
      yearly.reduce((sum, [, count]) => sum + Number(count), 0),
      31,
    );
    assert.match(html, /<div class="visually-hidden"><table>/);
    const legend = matchAll(html, /<li class="legend-entry"><svg [^>]*>[\s\S]*?<\/svg> ?([^<]+)<\/li>/g);
    assert.deepEqual(
      legend.map(([label]) => label),
      ['extremism', 'harvest'],
    );
  });

  it('refuses more than four queries with 400', async () => {
    const { status, html } = await get('/compare?q=a&q=b&q=c&q=d&q=e');
    assert.equal(status, 400);
    assert.match(html, /at most 4 queries; this request has 5/);
  });

  it('answers a malformed query with 400, naming which one, with the caret', async () => {
    const { status, html } = await get(`/compare?q=extremism&q=${encodeURIComponent('harvest OR')}`);
    assert.equal(status, 400);
    assert.match(html, /Query 2 cannot be searched/);
    const caret = /<pre class="query-caret"><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1];
    assert.equal(decodeEntities(caret ?? ''), 'harvest OR\n        ^^');
    assert.match(html, /value="harvest OR"/, 'the form keeps the queries to fix');
  });

  it('answers a bad scale or interval with 400', async () => {
    assert.equal((await get('/compare?q=a&scale=log')).status, 400);
    assert.equal((await get('/compare?q=a&interval=hour')).status, 400);
  });
});
