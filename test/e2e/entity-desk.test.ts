/**
 * Enrichment on the web desk in Chromium (playwright-core, Debian's build) against a real server on
 * 127.0.0.1 over the sample archive enriched with the shipped gazetteer: an organisation facet on the
 * results page narrows the search to exactly its count, its arrow opens the entity page, and the
 * entity, entities, events and article pages pass an axe-core scan with no console error under the CSP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { enrichArchive, ensureShippedGazetteer } from '../../src/enrich/enrich-archive.ts';
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
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

const desk = await testBrowser();

/** The text of an element as a reader sees it rendered. */
function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what this test is about
  return locator.innerText();
}

/** The total of the "Viewing results" line. */
async function viewingTotal(page: Page): Promise<number> {
  const line = (await shown(page.locator('#viewing'))).trim();
  const match = /^Viewing results \d+ - \d+ of (\d+)$/.exec(line);
  assert.ok(match, `the viewing line reads "${line}"`);
  return Number(match[1]);
}

describe('enrichment on the web desk in Chromium', { skip: desk.skip }, () => {
  let server: TestServer;
  let page: Page;

  before(async () => {
    server = await startTestServer(loadSampleArticles());
    await ensureShippedGazetteer(server.store);
    await enrichArchive(server.store);
    page = await openPage(desk.browser, { problems: desk.problems, viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await page?.context().close();
    await server?.stop();
  });

  it('narrows by an organisation facet to exactly its count, then opens the entity page', async () => {
    await page.goto(`${server.url}/search?q=Kyrgyzstan`);
    const facet = page.locator('section.facet-group:has(#facet-organisation) li.entity-facet').first();
    const slug = await facet.getAttribute('data-slug');
    assert.ok(slug, 'the results page lists an organisation');
    const name = (await shown(facet.locator('.facet-value > a').first())).trim();
    const count = Number((await shown(facet.locator('.count'))).trim());
    assert.ok(count >= 1, `the facet shows a count (${count})`);
    await Promise.all([
      page.waitForURL((url) => url.search !== '?q=Kyrgyzstan'),
      facet.locator('.facet-value > a').first().click(),
    ]);
    const q = await page.locator('#q').inputValue();
    assert.equal(q, `Kyrgyzstan org:${slug}`);
    assert.equal(await viewingTotal(page), count, 'the total is the count the facet promised');
    const api = await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q, facets: 'false' })}`);
    assert.equal(api.body.total, count, 'and the API agrees');
    await saveScreenshot(page, 'entity-facet-narrowed');

    // On the narrowed results the organisation is still a facet (every hit names it): open its page.
    const link = page.locator(`li.entity-facet[data-slug="${slug}"] a.entity-page-link`);
    await Promise.all([page.waitForURL(`${server.url}/entities/${slug}`), link.click()]);
    assert.equal((await shown(page.locator('h1'))).trim(), name);
    const entity = await getJson(server.url, `/api/v1/entities/${slug}`);
    const latest = (entity.body.latest_articles as Array<{ id: number }>).map((article) => article.id);
    assert.ok(latest.length >= 1, 'the entity is named in at least one article');
    const linked = await page
      .locator('.entity-articles .hit-title a')
      .evaluateAll((links) => links.map((anchor) => anchor.getAttribute('href')));
    assert.deepEqual(
      linked,
      latest.map((id) => `/articles/${id}`),
    );
    if ((entity.body.mentions_by_month as unknown[]).length > 0) {
      assert.ok(await page.locator('#timeline svg rect').first().isVisible(), 'the mentions chart is drawn');
    }
    await saveScreenshot(page, 'entity-page');
  });

  it('passes axe-core on the entity, entities, events and article pages', async () => {
    const scanPage = await openScanPage(desk.browser);
    try {
      for (const path of [
        '/entities/hizb-ut-tahrir',
        '/entities/kyrgyzstan',
        '/entities?q=tahrir',
        '/events',
        '/articles/3',
        '/search?q=Kyrgyzstan',
      ]) {
        const violations = await scanForSeriousViolations(scanPage, `${server.url}${path}`);
        assert.equal(violations.length, 0, `${path}:\n${describeViolations(violations)}`);
        await saveScreenshot(scanPage, `enrichment${path}`);
      }
    } finally {
      await scanPage.context().close();
    }
  });

  it('logged no console error, CSP violation, page error or failed request', () => {
    assert.equal(desk.problems.length, 0, describeProblems(desk.problems));
  });
});
