/**
 * extractArticle on whole invented pages (test/fixtures/article/): a news page with the usual
 * metadata and boilerplate, a page full of XSS payloads, random hostile pages, and pages at and over
 * the size limits, timed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { isAppError } from '../../../src/core/errors.ts';
import { defaultMaxHtmlLength, extractArticle } from '../../../src/ingest/article/extract-article.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/article/${name}`, import.meta.url), 'utf8');
const pageUrl = 'https://courier.example/news/2025/03/harbour-bridge-reopens/?utm_source=rss';
const fetchedAt = '2025-03-20T00:00:00Z';

/** Elements and attributes the stored HTML may contain (the sanitiser's allow-list, as a reader sees it). */
const allowedAttributes = new Set([
  'href',
  'rel',
  'title',
  'src',
  'alt',
  'width',
  'height',
  'cite',
  'datetime',
  'start',
  'reversed',
  'colspan',
  'rowspan',
  'scope',
]);
const forbiddenElements =
  /<\s*\/?\s*(script|style|iframe|frame|object|embed|form|input|button|svg|math|meta|base|link|template|noscript|textarea)\b/i;

/** Fails unless `html` is free of every script vector: elements, handlers, styles, and non-http(s) URLs. */
function assertSafeHtml(html: string): void {
  assert.doesNotMatch(html, forbiddenElements);
  assert.doesNotMatch(html, /javascript:|vbscript:|data:/i);
  const { document } = parseHTML(`<html><body>${html}</body></html>`);
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    for (const name of element.getAttributeNames()) {
      assert.ok(allowedAttributes.has(name), `<${element.localName} ${name}> survived`);
    }
    const href = element.getAttribute('href');
    if (href !== null) assert.match(href, /^(https?:\/\/|mailto:)/, `href ${href}`);
    if (href !== null) assert.equal(element.getAttribute('rel'), 'nofollow noopener noreferrer');
    for (const name of ['src', 'cite']) {
      const value = element.getAttribute(name);
      if (value !== null) assert.match(value, /^https?:\/\//, `${name} ${value}`);
    }
  }
}

describe('extractArticle on a news page', () => {
  const article = extractArticle({ html: fixture('news-article.html'), url: pageUrl, fetchedAt });

  it('reads the metadata: JSON-LD date first, canonical link in canonical form, language, site, byline', () => {
    const { html: _html, text: _text, ...metadata } = article;
    assert.deepEqual(metadata, {
      title: 'Harbour bridge reopens after two-year repair',
      byline: 'Mara Fenwick',
      publishedAt: '2025-03-14T08:30:00.000Z',
      language: 'en',
      excerpt:
        'The swing bridge over Lowmoor harbour carries traffic again after a repair that ran a year late and twice over budget.',
      canonicalUrl: 'https://courier.example/news/2025/03/harbour-bridge-reopens?ref=home',
      siteName: 'The Lowmoor Courier',
    });
  });

  it('keeps the story and drops navigation, related links, comments and footer', () => {
    assert.match(article.text, /^By Mara Fenwick, transport correspondent\n\n/);
    assert.match(article.text, /The swing bridge over Lowmoor harbour carried its first cars/);
    assert.match(article.text, /“We will have to win them back\.”/);
    for (const boilerplate of [
      'Related stories',
      'Finally! About time too.',
      'All rights reserved',
      'Weather',
    ]) {
      assert.ok(!article.text.includes(boilerplate), boilerplate);
    }
  });

  it('lays the text out one block a line: table rows, list items, captions', () => {
    const lines = article.text.split('\n\n');
    assert.ok(lines.includes('Turning gear 1.2m 2.9m'));
    assert.ok(lines.includes('Lorries over 7.5 tonnes must wait until the load test in April.'));
    assert.ok(
      lines.includes("The first cars cross the bridge shortly after six o'clock. Photo: Courier staff"),
    );
  });

  it('resolves relative links and images against the page and marks links nofollow', () => {
    assert.match(
      article.html,
      /<a href="https:\/\/courier\.example\/news\/notices\/bridge-report\.html" rel="nofollow noopener noreferrer">committee notice<\/a>/,
    );
    assert.match(article.html, /<img [^>]*src="https:\/\/courier\.example\/media\/bridge-reopening\.jpg"/);
    assert.match(article.html, /<a href="mailto:highways@council\.example"/);
    assertSafeHtml(article.html);
  });
});

describe('extractArticle on hostile pages', () => {
  const article = extractArticle({ html: fixture('hostile-article.html'), url: pageUrl, fetchedAt });

  it('lets no payload through: no script, handler, frame, style, svg, form or script URL', () => {
    assertSafeHtml(article.html);
    assert.ok(!article.html.includes('HOSTILE'), 'a payload marker survived in the HTML');
  });

  it('keeps no script or style text in the index text, and keeps the story', () => {
    assert.ok(!article.text.includes('HOSTILE'), 'a payload marker survived in the text');
    assert.doesNotMatch(article.text, /alert\(|document\.write/);
    assert.match(article.text, /four crossings a day instead of six/);
    assert.match(article.text, /six crossings a day would return in March/);
  });

  it('keeps the safe parts next to the payloads: an https image and an https link', () => {
    assert.match(
      article.html,
      /<img alt="The ferry at the slipway" src="https:\/\/images\.example\/ferry\.jpg" \/>/,
    );
    assert.match(
      article.html,
      /<a href="https:\/\/ferries\.example\/winter" rel="nofollow noopener noreferrer">/,
    );
  });

  it('on random mixes of payloads and text: returns safe HTML or an AppError, never anything else', () => {
    const payloads = [
      '<script>alert("HOSTILE")</script>',
      '<img src=x onerror="alert(\'HOSTILE\')">',
      '<a href="jAvAsCrIpT:alert(1)">link</a>',
      '<a href="&#106;avascript:alert(1)">link</a>',
      '<a href="&#x6A;avascript&#x3A;alert(1)">link</a>',
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
      '<svg><script>alert("HOSTILE")</script></svg>',
      '<style>@import "javascript:alert(1)";</style>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
      '<form><button formaction="javascript:alert(1)">x</button></form>',
      '<object data="data:text/html,<script>alert(1)</script>"></object>',
      '<p style="background:url(javascript:alert(1))">styled</p>',
      '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>',
      '<div><p>',
      '</div></p>',
      '<!--',
      '<![CDATA[',
    ];
    const text = fc.constantFrom(
      '<p>The ferry runs four times a day in winter, the operator said, and six times in summer.</p>',
      'Loose words, commas, and text outside any element at all.',
      '<h2>Heading</h2>',
    );
    const page = fc.array(fc.oneof(fc.constantFrom(...payloads), text, fc.string({ maxLength: 20 })), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(page, (parts) => {
        try {
          const result = extractArticle({ html: parts.join(''), url: pageUrl, fetchedAt });
          assertSafeHtml(result.html);
          assert.ok(!result.text.includes('HOSTILE'));
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 150, seed: 20250314 },
    );
  });
});

describe('extractArticle on huge pages', () => {
  const paragraph = (index: number) =>
    `<p>Paragraph ${index} of the inquiry report. ${'The witness described the night of the flood, the pumps that failed and the warnings nobody passed on. '.repeat(8)}</p>\n`;

  it('extracts a 5 MB page in bounded time', (t) => {
    const parts = [
      '<!doctype html><html><head><title>The flood inquiry report</title></head><body><article>',
    ];
    let length = 0;
    for (let index = 0; length < 5_000_000; index += 1) {
      parts.push(paragraph(index));
      length += parts.at(-1)!.length;
    }
    parts.push('<p>THE-LAST-PARAGRAPH closes the report.</p></article></body></html>');
    const html = parts.join('');
    const started = performance.now();
    const article = extractArticle({ html, url: pageUrl, fetchedAt });
    const ms = performance.now() - started;
    t.diagnostic(
      `${(html.length / 1e6).toFixed(1)} MB page, ${parts.length} paragraphs: ${Math.round(ms)} ms`,
    );
    assert.match(article.text, /THE-LAST-PARAGRAPH closes the report\.$/);
    assert.ok(ms < 30_000, `took ${Math.round(ms)} ms`);
  });

  it('extracts a page of 9,000 nested <div>s (flattened) in bounded time', (t) => {
    const html = `<html><body>${'<div>'.repeat(9_000)}${paragraph(1)}${'</div>'.repeat(9_000)}</body></html>`;
    const started = performance.now();
    const article = extractArticle({ html, url: pageUrl, fetchedAt });
    const ms = performance.now() - started;
    t.diagnostic(`9,000 nested divs: ${Math.round(ms)} ms`);
    assert.match(article.text, /^Paragraph 1 of the inquiry report\./);
    assert.ok(ms < 30_000, `took ${Math.round(ms)} ms`);
  });

  it('refuses pages over the limits at once, before parsing them', (t) => {
    const cases = [
      ['characters', `<p>${'x'.repeat(defaultMaxHtmlLength)}</p>`],
      ['tags', '<span>x</span>'.repeat(60_000)],
      ['deep', '<div>'.repeat(20_000)],
    ] as const;
    for (const [reason, html] of cases) {
      const started = performance.now();
      assert.throws(
        () => extractArticle({ html, url: pageUrl, fetchedAt }),
        (error: unknown) => isAppError(error, 'ARTICLE_PAGE_TOO_LARGE') && error.message.includes(reason),
      );
      const ms = performance.now() - started;
      t.diagnostic(`refused (${reason}) in ${Math.round(ms)} ms`);
      assert.ok(ms < 2_000, `refusing took ${Math.round(ms)} ms`);
    }
  });
});
