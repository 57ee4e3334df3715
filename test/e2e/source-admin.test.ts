/**
 * Following and dropping feeds on the Sources page in Debian's Chromium: a signed-in admin fills the
 * "Follow a feed" form with an invented outlet's site on 127.0.0.1 (allowed as an operator would),
 * sees the feed listed with a notice, is told in words why the cloud metadata address is refused, and
 * stops following the feed with its button; the admin's page has no serious accessibility problem
 * (axe-core).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addUser } from '../../src/watch/accounts/manage-accounts.ts';
import type { FetchTestServer } from '../ingest/fetch/fetch-test-server.ts';
import { startOutletServer } from '../ingest/poll/outlet-fixtures.ts';
import {
  describeProblems,
  describeViolations,
  openPage,
  openScanPage,
  saveScreenshot,
  scanForSeriousViolations,
  testBrowser,
} from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const desk = await testBrowser();

async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Name').fill('boss');
  await page.getByLabel('Password').fill('admin password 12');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

describe('the Sources page for an admin (Chromium)', { skip: desk.skip }, () => {
  let server: TestServer;
  let outlets: FetchTestServer;
  let page: Page;
  before(async () => {
    outlets = await startOutletServer();
    server = await startTestServer([], { access: { anonymousRead: false }, allowPrivate: ['127.0.0.0/8'] });
    await addUser(server.store, { name: 'boss', role: 'admin', password: 'admin password 12' }, 'cli:test');
    page = await openPage(desk.browser, { problems: desk.problems, expectedConsole: /status of 403/ });
    await signIn(page, server.url);
  });
  after(async () => {
    await page?.context().close();
    await server?.stop();
    await outlets?.close();
  });

  it('follows a site’s feed from the form and lists it', async () => {
    await page.goto(`${server.url}/sources`);
    await page.getByLabel('Feed or site address').fill(outlets.url('/site/'));
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    await page.waitForURL(/\/sources\?added=\d+$/);
    assert.match(
      (await page.getByRole('status').first().textContent()) ?? '',
      /^Now following http:\/\/127\.0\.0\.1:\d+\/feeds\/full\.rss as “Steppe Herald”/,
    );
    assert.equal(await page.locator('tr.feed').count(), 1);
    await saveScreenshot(page, 'sources-admin');
  });

  it('says why the metadata address is refused, keeping what was typed', async () => {
    await page.getByLabel('Feed or site address').fill('http://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', { name: 'Follow', exact: true }).click();
    assert.match(
      (await page.locator('p.form-error').textContent()) ?? '',
      /^Not followed: .*169\.254\.169\.254 is a link-local address, not a public address/,
    );
    assert.equal(
      await page.getByLabel('Feed or site address').inputValue(),
      'http://169.254.169.254/latest/meta-data/',
    );
    assert.deepEqual(desk.problems, [], describeProblems(desk.problems));
  });

  it('has an admin’s Sources page without serious accessibility problems', async () => {
    const scan = await openScanPage(desk.browser);
    try {
      await signIn(scan, server.url);
      const violations = await scanForSeriousViolations(scan, `${server.url}/sources`);
      assert.equal(violations.length, 0, describeViolations(violations));
    } finally {
      await scan.context().close();
    }
  });

  it('stops following a feed with its button', async () => {
    await page.goto(`${server.url}/sources`);
    await page
      .getByRole('button', { name: /^Stop following http:\/\/127\.0\.0\.1:\d+\/feeds\/full\.rss$/ })
      .click();
    await page.waitForURL(/\/sources\?removed=\d+$/);
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /is no longer followed/);
    assert.equal(await page.locator('tr.feed').count(), 0);
    assert.equal((await server.store.accounts.listAudit({ action: 'source.remove' }))[0]?.actor, 'boss');
  });
});
