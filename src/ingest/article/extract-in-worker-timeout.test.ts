/**
 * The time limit of createArticleExtractor, with real worker threads: a page past it has its worker
 * terminated and fails with ARTICLE_EXTRACT_TIMEOUT within a bounded time, and the pages queued behind
 * it are read by a new worker. (A worker that dies: extract-in-worker-crash.test.ts.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { type ExtractArticleInput, extractArticle } from './extract-article.ts';
import { createArticleExtractor } from './extract-in-worker.ts';

const fetchedAt = '2025-03-20T00:00:00Z';
const newsPage: ExtractArticleInput = {
  html: readFileSync(new URL('../../../test/fixtures/article/news-article.html', import.meta.url), 'utf8'),
  url: 'https://courier.example/news/2025/03/harbour-bridge-reopens/',
  fetchedAt,
};
const expected = extractArticle(newsPage);

/**
 * 1,200 blocks of 39 nested divs around one short span: 48,000 tags, under extractArticle's 50,000, and
 * little text, so Readability walks the deep tree again with each of its retries. 12 s on this machine.
 */
const slowPage: ExtractArticleInput = {
  html: `<html><body>${Array.from(
    { length: 1_200 },
    (_, index) => `${'<div>'.repeat(39)}<span>w${index}</span>${'</div>'.repeat(39)}`,
  ).join('')}</body></html>`,
  url: 'https://slow.example/nested-blocks',
  fetchedAt,
};

describe('the time limit', () => {
  const timeoutMs = 1_000;
  const extractor = createArticleExtractor({ timeoutMs });
  after(() => extractor.close());

  it('stops a page past the limit, and the pages queued behind it are read', async () => {
    assert.deepStrictEqual(await extractor.extract(newsPage), expected, 'the worker is up and warm');
    const started = performance.now();
    const slow = extractor.extract(slowPage);
    const next = extractor.extract(newsPage);
    await assert.rejects(slow, (error: unknown) => {
      assert.ok(isAppError(error, 'ARTICLE_EXTRACT_TIMEOUT'), String(error));
      assert.equal(
        error.message,
        'reading the article on the page "https://slow.example/nested-blocks" took longer than the 1,000 ms limit, so it was stopped',
      );
      return true;
    });
    const stoppedAfter = performance.now() - started;
    assert.ok(stoppedAfter >= timeoutMs - 50, `stopped after ${Math.round(stoppedAfter)} ms`);
    assert.ok(stoppedAfter < timeoutMs + 2_000, `stopped after ${Math.round(stoppedAfter)} ms`);
    assert.deepStrictEqual(await next, expected, 'the page queued behind it, in a new worker');
    assert.deepStrictEqual(await extractor.extract(newsPage), expected);
    assert.equal(extractor.workerCount, 1, 'the stopped worker was replaced, not added to');
  });
});
