import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewArticle } from '../../core/article.ts';
import { AppError } from '../../core/errors.ts';
import { htmlToText } from './html-to-text.ts';
import { rawArticleFrom, validateArticle } from './validate-article.ts';

function validate(fields: object, source?: string): NewArticle | AppError {
  return validateArticle(rawArticleFrom(fields), { line: 3, source });
}

function errorOf(result: NewArticle | AppError): AppError {
  assert.ok(result instanceof AppError, `expected an error, got ${JSON.stringify(result)}`);
  assert.equal(result.location?.line, 3);
  return result;
}

function articleOf(result: NewArticle | AppError): NewArticle {
  assert.ok(
    !(result instanceof AppError),
    `unexpected error: ${result instanceof AppError ? result.message : ''}`,
  );
  return result;
}

test('a complete record becomes a NewArticle with html set to null', () => {
  const article = articleOf(
    validate({
      URL: 'https://example.org/a',
      Source: 'Steppe Wire',
      title: '  Border\n  post   reopens ',
      body: 'Text.\r\nMore.',
      author: 'A. Writer',
      date: '2025-05-05',
      lang: 'EN',
      fetched_at: '2025-05-06T10:00:00Z',
    }),
  );
  assert.deepEqual(article, {
    url: 'https://example.org/a',
    source: 'Steppe Wire',
    title: 'Border post reopens',
    author: 'A. Writer',
    publishedAt: '2025-05-05T00:00:00.000Z',
    fetchedAt: '2025-05-06T10:00:00.000Z',
    language: 'en',
    text: 'Text.\nMore.',
    html: null,
  });
});

test('the --source option is the fallback source', () => {
  assert.equal(articleOf(validate({ title: 't', text: 'x' }, 'Fallback')).source, 'Fallback');
  assert.equal(articleOf(validate({ title: 't', text: 'x', source: 'Own' }, 'Fallback')).source, 'Own');
  assert.match(errorOf(validate({ title: 't', text: 'x' })).message, /--source/);
});

test('html becomes plain text when there is no text', () => {
  const article = articleOf(
    validate({
      title: 't',
      source: 's',
      html: '<p>A &amp; B&nbsp;&#8212; &#x41;</p><style>p{}</style><p>C</p>',
    }),
  );
  assert.equal(article.text, 'A & B — A\n\nC');
  assert.equal(article.html, null);
});

test('control characters other than \\n and \\t are stripped everywhere', () => {
  const article = articleOf(
    validate({ title: 'Ti\u0002tle\u0003', source: 's\u0000', text: 'a\u0002b\tc\nd\u0007\u0085' }),
  );
  assert.equal(article.title, 'Title');
  assert.equal(article.source, 's');
  assert.equal(article.text, 'ab\tc\nd');
});

test('missing or wrongly typed fields are errors naming the field', () => {
  assert.match(errorOf(validate({ source: 's', text: 'x' })).message, /title is missing/);
  assert.match(errorOf(validate({ source: 's', title: '   ', text: 'x' })).message, /title is missing/);
  assert.match(
    errorOf(validate({ source: 's', title: 42, text: 'x' })).message,
    /title must be a string, got number/,
  );
  assert.match(
    errorOf(validate({ source: 's', title: 't', text: ['x'] })).message,
    /text must be a string, got an array/,
  );
  assert.match(errorOf(validate({ source: 's', title: 't' })).message, /"text" or "html"/);
  assert.match(errorOf(validate({ source: 's', title: 't', html: '<br>' })).message, /html has no text/);
});

test('dates, languages and URLs are checked', () => {
  const badDate = errorOf(validate({ source: 's', title: 't', text: 'x', published_at: 'last Tuesday' }));
  assert.match(badDate.message, /published_at "last Tuesday" is not a date; use ISO 8601/);
  assert.match(
    errorOf(validate({ source: 's', title: 't', text: 'x', lang: 'english' })).message,
    /lang "english"/,
  );
  assert.match(
    errorOf(validate({ source: 's', title: 't', text: 'x', url: 'ftp://x.org/a' })).message,
    /not an http\(s\) URL/,
  );
  assert.match(
    errorOf(validate({ source: 's', title: 't', text: 'x', url: 'javascript:alert(1)' })).message,
    /http/,
  );
});

test('title and text limits', () => {
  assert.ok(articleOf(validate({ source: 's', title: 'x'.repeat(1000), text: 'x' })));
  assert.match(
    errorOf(validate({ source: 's', title: 'x'.repeat(1001), text: 'x' })).message,
    /1001 characters, over the 1,000 limit/,
  );
  assert.ok(articleOf(validate({ source: 's', title: 't', text: 'x'.repeat(2_000_000) })));
  const tooLarge = errorOf(validate({ source: 's', title: 't', text: 'x'.repeat(10_500_000) }));
  assert.equal(tooLarge.code, 'ARTICLE_TOO_LARGE');
  assert.equal(tooLarge.message, 'text is 10.5 MB, over the 2 MB limit');
});

test('only known keys are copied, into a null-prototype object', () => {
  const parsed = JSON.parse(
    '{"title":"t","__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"TEXT":"x"}',
  );
  const raw = rawArticleFrom(parsed);
  assert.equal(Object.getPrototypeOf(raw), null);
  assert.deepEqual(Object.keys(raw).sort(), ['text', 'title']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('htmlToText keeps paragraphs and drops scripts and comments', () => {
  assert.equal(
    htmlToText('<h1>Head</h1><!-- x --><script>var a = "<p>";</script>text &lt;b&gt; &unknown; &#0;'),
    'Head\n\ntext <b> &unknown; \ufffd',
  );
});
