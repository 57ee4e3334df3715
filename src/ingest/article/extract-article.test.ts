import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, isAppError } from '../../core/errors.ts';
import { extractArticle } from './extract-article.ts';

const url = 'https://paper.example/local/2025/story.html';
const fetchedAt = '2025-06-01T12:00:00Z';
const paragraph =
  'The town council voted on Tuesday to keep the library open on Sundays, after a petition signed by more than two thousand residents asked it to think again about the cut.';

function pageWith(head: string, body: string): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

const articleBody = `<article><h1>Library stays open</h1>${`<p>${paragraph}</p>`.repeat(4)}</article>`;

function assertAppError(action: () => unknown, code: string, ...mentions: string[]): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(isAppError(error), `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    for (const mention of mentions)
      assert.ok(error.message.includes(mention), `"${error.message}" names ${mention}`);
    return true;
  });
}

describe('extractArticle', () => {
  it('extracts title, text and safe HTML from a small page', () => {
    const article = extractArticle({
      html: pageWith('<title>Library stays open</title>', articleBody),
      url,
      fetchedAt,
    });
    assert.equal(article.title, 'Library stays open');
    assert.equal(article.text, Array(4).fill(paragraph).join('\n\n'));
    assert.ok(article.html.startsWith('<p>'));
  });

  it('leaves out the fields a page does not declare', () => {
    const article = extractArticle({
      html: pageWith('<title>Library stays open</title>', articleBody),
      url,
      fetchedAt,
    });
    assert.deepEqual(Object.keys(article).sort(), ['excerpt', 'html', 'text', 'title']);
  });

  it('falls back to the page URL for a title when the page has none', () => {
    assert.equal(extractArticle({ html: pageWith('', articleBody), url, fetchedAt }).title, url);
  });

  it('takes the fetch time as a Date or an ISO string, and refuses anything else', () => {
    const html = pageWith(
      '<meta property="article:published_time" content="2025-05-31T10:00:00Z">',
      articleBody,
    );
    assert.equal(
      extractArticle({ html, url, fetchedAt: new Date(fetchedAt) }).publishedAt,
      '2025-05-31T10:00:00.000Z',
    );
    assert.equal(extractArticle({ html, url, fetchedAt: '2025-05-01T00:00:00Z' }).publishedAt, undefined);
    assertAppError(
      () => extractArticle({ html, url, fetchedAt: 'last week' }),
      'ARTICLE_INVALID',
      'last week',
    );
  });

  it('refuses a page URL that is not absolute http(s), naming it', () => {
    for (const bad of ['/relative/path', 'javascript:alert(1)', 'file:///etc/passwd', '']) {
      assertAppError(
        () => extractArticle({ html: articleBody, url: bad, fetchedAt }),
        'ARTICLE_PAGE_URL_INVALID',
        bad,
      );
    }
  });

  it('says ARTICLE_NOT_EXTRACTED, naming the page, when the page has no text at all', () => {
    const noText = [
      '',
      pageWith('<title>Empty</title>', '  \n '),
      pageWith('', '<img src="a.jpg"><script>var s = "not text";</script>'),
    ];
    for (const html of noText) {
      assertAppError(() => extractArticle({ html, url, fetchedAt }), 'ARTICLE_NOT_EXTRACTED', url);
    }
  });

  it('reads plain text without tags as a one-paragraph article', () => {
    assert.equal(
      extractArticle({ html: 'just some plain text', url, fetchedAt }).text,
      'just some plain text',
    );
  });

  it('says ARTICLE_NOT_EXTRACTED when nothing safe is left of the article', () => {
    const scriptsOnly = `<div>${'<svg><text>icon label words, many of them, repeated</text></svg>'.repeat(30)}</div>`;
    assertAppError(
      () => extractArticle({ html: pageWith('', scriptsOnly), url, fetchedAt }),
      'ARTICLE_NOT_EXTRACTED',
      url,
    );
  });

  it('refuses pages over the size, tag and nesting limits before parsing them', () => {
    const html = pageWith('', articleBody);
    assertAppError(
      () => extractArticle({ html, url, fetchedAt }, { maxHtmlLength: 100 }),
      'ARTICLE_PAGE_TOO_LARGE',
      url,
      'characters',
    );
    assertAppError(
      () => extractArticle({ html, url, fetchedAt }, { maxTags: 5 }),
      'ARTICLE_PAGE_TOO_LARGE',
      'tags',
    );
    assertAppError(
      () => extractArticle({ html, url, fetchedAt }, { maxNesting: 2 }),
      'ARTICLE_PAGE_TOO_LARGE',
      'deep',
    );
  });

  it('cuts a hostile URL in error messages', () => {
    const long = `https://paper.example/${'a'.repeat(5_000)}`;
    try {
      extractArticle({ html: '', url: long, fetchedAt });
      assert.fail('an empty page must not extract');
    } catch (error) {
      assert.ok(error instanceof AppError);
      assert.ok(error.message.length < 400, `message is ${error.message.length} characters`);
    }
  });
});
