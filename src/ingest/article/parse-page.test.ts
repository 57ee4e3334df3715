import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePage } from './parse-page.ts';

const pageUrl = 'https://news.example/world/2025/story.html';

describe('parsePage', () => {
  it('puts a fragment into html > head + body, so Readability finds a body to read', () => {
    const { document } = parsePage('<p>one</p><p>two</p>', pageUrl);
    assert.equal(document.documentElement.localName, 'html');
    assert.equal(document.body.innerHTML, '<p>one</p><p>two</p>');
    assert.equal(document.head.firstElementChild?.localName, 'base');
  });

  it('moves head elements before a missing body into the head and the rest into the body', () => {
    const { document } = parsePage('<title>T</title><meta name="date" content="x"><p>text</p>', pageUrl);
    assert.equal(document.title, 'T');
    assert.ok(document.head.querySelector('meta[name="date"]'));
    assert.equal(document.body.innerHTML, '<p>text</p>');
  });

  it('keeps content written after </html> inside the body, in order', () => {
    const { document } = parsePage('<html><body><p>a</p></body></html><p>b</p>', pageUrl);
    assert.equal(document.body.innerHTML, '<p>a</p><p>b</p>');
  });

  it('keeps <html lang> and reads an empty page as an empty body', () => {
    assert.equal(
      parsePage('<html lang="ru"><p>x</p></html>', pageUrl).document.documentElement.getAttribute('lang'),
      'ru',
    );
    assert.equal(parsePage('', pageUrl).document.body.innerHTML, '');
  });

  it('resolves links against the page URL through one injected <base>', () => {
    const { document, baseUrl } = parsePage('<p><a href="../a.html">a</a></p>', pageUrl);
    assert.equal(baseUrl, pageUrl);
    assert.equal(document.querySelectorAll('base').length, 1);
    assert.equal(document.baseURI, pageUrl);
  });

  it("honours the page's own relative <base href>, resolved against the page URL", () => {
    const { document, baseUrl } = parsePage(
      '<head><base href="/archive/"></head><body><p>x</p></body>',
      pageUrl,
    );
    assert.equal(baseUrl, 'https://news.example/archive/');
    assert.equal(document.baseURI, 'https://news.example/archive/');
    assert.equal(document.querySelectorAll('base').length, 1);
  });

  it('ignores a <base> that is not http(s) or does not parse', () => {
    for (const href of ['javascript:alert(1)//', 'data:text/html,x', 'http://[bad']) {
      assert.equal(parsePage(`<base href="${href}"><p>x</p>`, pageUrl).baseUrl, pageUrl, href);
    }
  });

  it('flattens nesting past the depth limit without losing text', () => {
    const html = `<body>${'<div>'.repeat(50)}<p>deep words</p>${'</div>'.repeat(50)}</body>`;
    const { document } = parsePage(html, pageUrl, 10);
    let depth = 0;
    for (let node: Element | null = document.querySelector('p'); node !== null; node = node.parentElement)
      depth += 1;
    assert.ok(depth <= 11, `the paragraph is ${depth} levels deep`);
    assert.equal(document.body.textContent, 'deep words');
  });
});
