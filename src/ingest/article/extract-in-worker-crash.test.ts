/**
 * A worker of createArticleExtractor that dies (here: out of its heap, with real worker threads) fails
 * only the page it was reading, with ARTICLE_EXTRACT_FAILED, and is replaced for the pages after it.
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
 * One paragraph of 9.4 million characters, under extractArticle's 10,000,000: the page, its text node,
 * Readability's copy, the sanitiser's and the index text do not fit in a 64 MiB heap (dies in ~1 s).
 */
const bigPage: ExtractArticleInput = {
  html: `<html><body><article><p>${'The witness described the night, the pumps. '.repeat(210_000)}</p></article></body></html>`,
  url: 'https://big.example/inquiry',
  fetchedAt,
};

describe('a worker that dies', () => {
  const extractor = createArticleExtractor({ maxHeapMb: 64 });
  after(() => extractor.close());

  it('fails only the page it was reading, and is replaced', async () => {
    const big = extractor.extract(bigPage);
    const next = extractor.extract(newsPage);
    await assert.rejects(big, (error: unknown) => {
      assert.ok(isAppError(error, 'ARTICLE_EXTRACT_FAILED'), String(error));
      assert.match(
        error.message,
        /stopped \(exit code 1: .*memory limit.*\) while reading the page "https:\/\/big\.example\/inquiry"/,
      );
      return true;
    });
    assert.deepStrictEqual(await next, expected);
    assert.equal(extractor.workerCount, 1);
  });
});
