/**
 * Saving a search from the results page in Debian's Chromium: an analyst unfolds "Save this search",
 * shares it, saves it, and finds it on /watch; a malformed query typed on /watch is refused with its
 * caret, the form kept; the results page with the form, /watch and /watch/ID have no serious
 * accessibility problems (axe-core).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addUser } from '../../src/watch/accounts/manage-accounts.ts';
import {
  describeProblems,
  describeViolations,
  openPage,
  openScanPage,
  saveScreenshot,
  scanForSeriousViolations,
  testBrowser,
} from '../support/browser.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const desk = await testBrowser();

async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Name').fill('ana');
  await page.getByLabel('Password').fill('analyst password 1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

describe('saved searches (Chromium)', { skip: desk.skip }, () => {
  let server: TestServer;
  let page: Page;
  before(async () => {
    server = await startTestServer(loadSampleArticles(), { access: { anonymousRead: false } });
    await addUser(server.store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    page = await openPage(desk.browser, { problems: desk.problems, expectedConsole: /status of 400/ });
    await signIn(page, server.url);
  });
  after(async () => {
    await page?.context().close();
    await server?.stop();
  });

  it('saves a search from the results page and lists it on /watch', async () => {
    await page.goto(`${server.url}/search?q=extremism`);
    await page.locator('details.save-search summary').click();
    assert.equal(await page.getByLabel('Name').inputValue(), 'extremism');
    await page.getByLabel('Name').fill('Extremism, shared');
    await page.getByLabel(/Shared with the team/).check();
    await page.getByRole('button', { name: 'Save this search' }).click();
    await page.waitForURL(`${server.url}/watch`);
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /^Saved “Extremism, shared”/);
    const row = page.locator('tr.watch-search');
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', /Extremism, shared.*extremism.*ana \(you\).*shared/);
    await saveScreenshot(page, 'watch-saved');
  });

  it('refuses a malformed query typed on /watch with its caret, keeping the form', async () => {
    await page.goto(`${server.url}/watch`);
    await page.getByLabel(/^Query/).fill('org:HTS (returnee*');
    await page.getByLabel('Name').fill('HTS returnees');
    await page.getByRole('button', { name: 'Save this search' }).click();
    assert.equal(
      await page.locator('p.form-error').textContent(),
      'The search was not saved: its query cannot be searched.',
    );
    assert.match((await page.locator('pre.query-caret').textContent()) ?? '', /\n {8}\^/);
    assert.equal(await page.getByLabel(/^Query/).inputValue(), 'org:HTS (returnee*');
    assert.deepEqual(desk.problems, [], describeProblems(desk.problems));
  });

  it('has a results page with the form, /watch and /watch/ID without serious accessibility problems', async () => {
    const scan = await openScanPage(desk.browser);
    try {
      await signIn(scan, server.url);
      const [search] = await server.store.savedSearches.list();
      for (const path of ['/search?q=extremism', '/watch', `/watch/${search!.id}`]) {
        const violations = await scanForSeriousViolations(scan, `${server.url}${path}`);
        assert.equal(violations.length, 0, `${path}: ${describeViolations(violations)}`);
      }
    } finally {
      await scan.context().close();
    }
  });
});
