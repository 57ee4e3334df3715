/**
 * Signing in to a served archive with accounts, in Debian's Chromium: the desk sends a visitor to
 * sign in and back where they were, a one-time password is changed first, the account page signs
 * out, and the sign-in page has no serious accessibility problem.
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

describe('signing in (Chromium)', { skip: desk.skip }, () => {
  let server: TestServer;
  let oneTime: string;
  let page: Page;
  before(async () => {
    server = await startTestServer(loadSampleArticles(), { access: { anonymousRead: false } });
    oneTime = (await addUser(server.store, { name: 'nadia', role: 'analyst' }, 'cli:test')).oneTimePassword!;
    page = await openPage(desk.browser, { problems: desk.problems, expectedConsole: /status of 401/ });
  });
  after(async () => {
    await page?.context().close();
    await server?.stop();
  });

  it('sends a visitor to sign in, makes the one-time password be changed, then goes on', async () => {
    await page.goto(`${server.url}/search?q=extremism`);
    assert.match(page.url(), /\/sign-in\?next=%2Fsearch%3Fq%3Dextremism$/);
    await page.getByLabel('Name').fill('nadia');
    await page.getByLabel('Password').fill('a wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(
      await page.getByRole('alert').textContent(),
      'That name and password do not match an account that may sign in.',
    );
    await page.getByLabel('Password').fill(oneTime);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account\/password$/);
    await page.getByLabel('Current password').fill(oneTime);
    await page.getByLabel('New password (at least 12 characters)').fill('nadia chose this one');
    await page.getByLabel('New password again').fill('nadia chose this one');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/account\?changed=1$/);
    assert.match((await page.getByRole('status').textContent()) ?? '', /Your password is changed/);
    await page.goto(`${server.url}/search?q=extremism`);
    assert.match((await page.locator('#viewing').textContent()) ?? '', /^Viewing results 1 - \d+ of \d+$/);
    await saveScreenshot(page, 'signed-in-results');
    await page.goto(`${server.url}/inbox`);
    assert.equal(await page.locator('#inbox-count').textContent(), 'No unread alerts.');
  });

  it('signs out from the account page, after which the desk asks to sign in again', async () => {
    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(`${server.url}/sources`);
    assert.match(page.url(), /\/sign-in\?next=%2Fsources$/);
    assert.deepEqual(desk.problems, [], describeProblems(desk.problems));
  });

  it('has a sign-in page without serious accessibility problems', async () => {
    const scan = await openScanPage(desk.browser);
    try {
      const violations = await scanForSeriousViolations(scan, `${server.url}/sign-in`);
      assert.equal(violations.length, 0, describeViolations(violations));
    } finally {
      await scan.context().close();
    }
  });
});
