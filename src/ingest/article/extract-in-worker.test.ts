/**
 * createArticleExtractor with real worker threads: the same article as extractArticle, the same
 * errors, pages queued over busy workers, close(), and an idle worker that lets the process end.
 * (The time limit and a dying worker: extract-in-worker-timeout.test.ts, extract-in-worker-crash.test.ts.)
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AppError, isAppError } from '../../core/errors.ts';
import { type ExtractArticleInput, extractArticle } from './extract-article.ts';
import { createArticleExtractor } from './extract-in-worker.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/article/${name}`, import.meta.url), 'utf8');
const fetchedAt = '2025-03-20T00:00:00Z';
const newsPage: ExtractArticleInput = {
  html: fixture('news-article.html'),
  url: 'https://courier.example/news/2025/03/harbour-bridge-reopens/',
  fetchedAt,
};
const hostilePage: ExtractArticleInput = {
  html: fixture('hostile-article.html'),
  url: 'https://courier.example/news/hostile/',
  fetchedAt,
};

/** The error extractArticle throws on this thread, to compare with what arrives from the worker. */
function directError(input: ExtractArticleInput, options = {}): Error {
  try {
    extractArticle(input, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('extractArticle did not throw');
}

describe('createArticleExtractor', () => {
  const extractor = createArticleExtractor({ workers: 2 });
  after(() => extractor.close());

  it('starts no worker before the first page, and gives the same article as extractArticle', async () => {
    assert.equal(extractor.workerCount, 0);
    for (const page of [newsPage, hostilePage]) {
      assert.deepStrictEqual(await extractor.extract(page), extractArticle(page));
    }
    assert.equal(extractor.workerCount, 1, 'one page at a time needs one worker');
  });

  it('passes the ARTICLE_* errors of a bad page through with their code and message', async () => {
    const cases: Array<[ExtractArticleInput, { maxTags?: number }, string]> = [
      [{ ...newsPage, url: 'ftp://courier.example/page' }, {}, 'ARTICLE_PAGE_URL_INVALID'],
      [{ ...newsPage, html: '<html><body></body></html>' }, {}, 'ARTICLE_NOT_EXTRACTED'],
      [newsPage, { maxTags: 10 }, 'ARTICLE_PAGE_TOO_LARGE'],
      [{ ...newsPage, fetchedAt: 'yesterday' }, {}, 'ARTICLE_INVALID'],
    ];
    for (const [input, options, code] of cases) {
      const expected = directError(input, options) as AppError;
      assert.equal(expected.code, code);
      await assert.rejects(extractor.extract(input, options), (error: unknown) => {
        assert.ok(error instanceof AppError, `${code}: an AppError arrives`);
        assert.equal(error.code, code);
        assert.equal(error.status, expected.status);
        assert.equal(error.message, expected.message);
        return true;
      });
    }
  });

  it('passes any other error through as an Error with its message, and goes on', async () => {
    const broken = null as unknown as ExtractArticleInput;
    const expected = directError(broken);
    await assert.rejects(extractor.extract(broken), (error: unknown) => {
      assert.ok(error instanceof Error && !(error instanceof AppError), 'a plain Error arrives');
      assert.equal(error.name, 'TypeError');
      assert.equal(error.message, expected.message);
      return true;
    });
    // An input that cannot be copied to a worker fails at once, and the worker is still there.
    const uncopyable = { ...newsPage, fetchedAt: (() => fetchedAt) as unknown as string };
    await assert.rejects(extractor.extract(uncopyable), /could not be cloned/);
    assert.equal((await extractor.extract(newsPage)).title, extractArticle(newsPage).title);
  });

  it('queues concurrent pages over at most `workers` threads, and answers every one', async () => {
    const pages = Array.from({ length: 6 }, (_, index) => (index % 2 === 0 ? newsPage : hostilePage));
    const results = pages.map((page) => extractor.extract(page));
    assert.ok(extractor.workerCount <= 2, `${extractor.workerCount} workers for 2 allowed`);
    const articles = await Promise.all(results);
    assert.equal(extractor.workerCount, 2, 'a second worker started for the queue');
    for (const [index, article] of articles.entries()) {
      assert.deepStrictEqual(article, extractArticle(pages[index]!));
    }
  });

  it('close() ends the workers, fails the page in progress and every later call', async () => {
    const closing = createArticleExtractor();
    await closing.extract(newsPage);
    const pending = assert.rejects(closing.extract(newsPage), (error: unknown) =>
      isAppError(error, 'ARTICLE_EXTRACT_FAILED'),
    );
    assert.equal(closing.workerCount, 1);
    await closing.close();
    assert.equal(closing.workerCount, 0);
    await pending;
    await assert.rejects(closing.extract(newsPage), /has been closed/);
  });

  it('refuses options out of range', () => {
    for (const options of [{ workers: 0 }, { workers: 1.5 }, { timeoutMs: 0 }, { maxHeapMb: 8 }]) {
      assert.throws(
        () => createArticleExtractor(options),
        (error: unknown) => isAppError(error, 'CONFIG_INVALID'),
      );
    }
  });
});

describe('an idle extraction worker', () => {
  it('does not keep the process alive: a command that read a page ends without close()', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'wirewatch-extract-idle-'));
    after(() => rmSync(directory, { recursive: true, force: true }));
    const script = join(directory, 'read-one-page.mjs');
    writeFileSync(
      script,
      `import { createArticleExtractor } from ${JSON.stringify(new URL('./extract-in-worker.ts', import.meta.url).href)};
const extractor = createArticleExtractor();
const article = await extractor.extract(${JSON.stringify(newsPage)});
console.log(extractor.workerCount, article.title);
`,
    );
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', script],
        { cwd: fileURLToPath(new URL('../../..', import.meta.url)), timeout: 30_000 },
        (error, out, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out)),
      );
    });
    // Ended by itself, with its worker still running when the script finished.
    assert.equal(stdout.trim(), `1 ${extractArticle(newsPage).title}`);
  });
});
