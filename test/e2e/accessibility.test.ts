/**
 * axe-core in Chromium over every page of the web desk (the sample archive behind a real server on
 * 127.0.0.1): no serious or critical violation, each one named with where it is when there are.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  describeViolations,
  openScanPage,
  scanForSeriousViolations,
  testBrowser,
} from '../support/browser.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const desk = await testBrowser();

const pages = {
  home: '/',
  'results page': '/search?q=border',
  'results page, narrowed and paged': '/search?q=the%20source%3A%22Steppe%20Herald%22&per_page=1&page=2',
  'no results': '/search?q=zzzunfindable',
  'query error': '/search?q=%22Hizb%20ut',
  'article page': '/articles/7',
  sources: '/sources',
  compare: '/compare?q=border&q=security',
};

describe('accessibility (axe-core): no serious or critical violations', { skip: desk.skip }, () => {
  let server: TestServer;
  let page: Page;
  before(async () => {
    server = await startTestServer(loadSampleArticles());
    page = await openScanPage(desk.browser);
  });
  after(async () => {
    await page?.context().close();
    await server?.stop();
  });

  for (const [name, path] of Object.entries(pages)) {
    it(`${name} (${path})`, async () => {
      const violations = await scanForSeriousViolations(page, `${server.url}${path}`);
      assert.equal(violations.length, 0, `${path}:\n${describeViolations(violations)}`);
    });
  }
});
