/** The article page: the text as paragraphs, metadata, the original link, more like this, 400 and 404, hostile input. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { safeExternalUrl } from '../core/canonical-url.ts';
import { splitParagraphs } from './article-page.tsx';
import {
  createWebTestApp,
  hostileArticle,
  makeCorpus,
  matchAll,
  textOfClass,
  type WebTestApp,
} from './web-test-app.ts';

let web: WebTestApp;
let hostileId: number;
before(async () => {
  web = await createWebTestApp(makeCorpus());
  const [outcome] = await web.store.addArticles([hostileArticle]);
  assert.equal(outcome?.status, 'inserted');
  hostileId = outcome.status === 'inserted' ? outcome.id : 0;
});
after(async () => {
  await web.close();
});

async function get(url: string) {
  const response = await web.app.inject({ method: 'GET', url });
  return { status: response.statusCode, html: response.body, headers: response.headers };
}

describe('GET /articles/:id', () => {
  it('shows headline, source, date, original link and the text, with similar articles', async () => {
    const { status, html, headers } = await get('/articles/1');
    assert.equal(status, 200);
    assert.equal(headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(textOfClass(html, 'article-title'), 'Court hears extremism case number 0');
    assert.match(
      html,
      /<a class="article-source" href="\/search\?q=source%3A%22Steppe\+Herald%22">Steppe Herald<\/a>/,
    );
    assert.match(html, /<time datetime="2024-01-01">01 January 2024<\/time>/);
    assert.match(html, /<a href="https:\/\/news\.example\/0" rel="noopener noreferrer nofollow">/);
    assert.match(html, /<div class="article-text"><p>Officials in region 0 spoke about extremism/);
    const similar = matchAll(html, /<li class="similar"><a href="\/articles\/(\d+)">([^<]+)<\/a>/g);
    assert.ok(similar.length > 0, 'more like this lists articles');
    assert.ok(
      similar.every(([id]) => id !== '1'),
      'not the article itself',
    );
  });

  it('answers 404 for an unknown id and 400 for an id that is not a number', async () => {
    const missing = await get('/articles/999999');
    assert.equal(missing.status, 404);
    assert.match(missing.html, /Article not found/);
    for (const bad of ['abc', '0', '-1', '1.5', '1e3', '99999999999999999999']) {
      const { status, html } = await get(`/articles/${bad}`);
      assert.equal(status, 400, bad);
      assert.match(html, /Bad article id/);
    }
  });

  it('escapes hostile titles, authors, sources, text and URLs', async () => {
    const [outcome] = await web.store.addArticles([
      // Its text differs by a word: the same outlet's exact copy at another URL is a duplicate now.
      {
        ...hostileArticle,
        url: `${hostileArticle.url}-text-only`,
        text: `${hostileArticle.text} (text only)`,
        html: null,
      },
    ]);
    assert.equal(outcome?.status, 'inserted');
    const { status, html } = await get(`/articles/${(outcome as { id: number }).id}`);
    assert.equal(status, 200);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<b /i);
    assert.doesNotMatch(html, /href="javascript:/i);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, 'no element has an event handler');
    assert.match(html, /Hostile text &lt;script>alert\(&quot;text&quot;\)&lt;\/script>/);
    const link = /<p class="article-original"><a href="([^"]+)"/.exec(html)?.[1];
    assert.equal(link, 'https://evil.example/a%22onmouseover=%22alert(1)-text-only');
    assert.equal(
      matchAll(html, /<div class="article-text">([\s\S]*?)<\/div>/g)[0]?.[0]?.split('<p>').length,
      3,
    );
  });

  it('shows stored HTML only through the allow-list, again at display time', async () => {
    const { status, html } = await get(`/articles/${hostileId}`);
    assert.equal(status, 200);
    assert.match(
      html,
      /<div class="article-text"><p>Stored <a href="https:\/\/evil\.example\/x" rel="nofollow noopener noreferrer" class="image-link">\[image\]<\/a><\/p><\/div>/,
      'the paragraph, its image as a link, nothing else',
    );
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /alert\(5\)|alert\(&quot;html/);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, 'no element has an event handler');
  });
});

describe('article helpers', () => {
  it('links only absolute http(s) URLs', () => {
    assert.equal(safeExternalUrl('javascript:alert(1)'), null);
    assert.equal(safeExternalUrl(' JaVaScRiPt:alert(1)'), null);
    assert.equal(safeExternalUrl('data:text/html,<script>'), null);
    assert.equal(safeExternalUrl('/relative'), null);
    assert.equal(safeExternalUrl('https://a.example/x'), 'https://a.example/x');
  });

  it('splits paragraphs at blank lines, else at line breaks', () => {
    assert.deepEqual(splitParagraphs('a\n\n b \n\n\nc'), ['a', 'b', 'c']);
    assert.deepEqual(splitParagraphs('a\nb\n'), ['a', 'b']);
    assert.deepEqual(splitParagraphs('one  long\tline'), ['one long line']);
  });
});
