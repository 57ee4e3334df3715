/** The browsable API documentation works in Chromium from this server alone, with scripts still 'self'-only. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeProblems, openPage, type PageProblem, testBrowser } from '../support/browser.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const desk = await testBrowser();

describe('API docs page in Chromium', { skip: desk.skip }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(loadSampleArticles());
  });
  after(async () => {
    await server?.stop();
  });

  it('lists every API operation, loads nothing from elsewhere and logs no error', async () => {
    const problems: PageProblem[] = [];
    const page = await openPage(desk.browser, { problems });
    try {
      const response = await page.goto(`${server.url}/api/docs/`);
      assert.equal(response?.status(), 200);
      await page.waitForSelector('.opblock');
      const operations = await page.locator('.opblock-summary-path').allTextContents();
      for (const path of ['/api/v1/search', '/api/v1/articles/{id}', '/api/v1/articles', '/api/v1/stats']) {
        assert.ok(
          operations.some((text) => text.replace(/\u200b/g, '') === path),
          `${path} in ${operations}`,
        );
      }
      const csp = response?.headers()['content-security-policy'] ?? '';
      assert.match(csp, /script-src 'self';/);
      assert.equal(problems.length, 0, describeProblems(problems));
    } finally {
      await page.context().close();
    }
  });
});
