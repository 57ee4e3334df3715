/**
 * The web desk in a real browser (Debian's Chromium through playwright-core) against a real server on
 * 127.0.0.1 over the bundled sample: search, facets, paging, the article page, query errors, hostile
 * article text, JavaScript off, a phone's width, the keyboard, and no console errors under the CSP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { Article } from '../../src/core/article.ts';
import {
  describeProblems,
  type OpenPageOptions,
  openPage,
  saveScreenshot,
  testBrowser,
} from '../support/browser.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { getJson, startTestServer, type TestServer } from '../support/test-server.ts';

const desk = await testBrowser();

/** An article whose title, source and text try to run script if a page forgot to escape them. */
const hostile = {
  url: 'https://hostile.example/2025/06/quokka',
  source: 'Hostile <b>Wire</b>',
  title: 'Quokka <script>window.__pwned=1</script> probe',
  author: '<img src=x onerror="window.__pwned=1">',
  publishedAt: '2025-06-10T08:00:00Z',
  language: 'en',
  text:
    'Quokka sighting reported near the checkpoint. <img src=x onerror="window.__pwned=1"> ' +
    'Officials added <script>window.__pwned=1</script> nothing further.',
};

/** The text of an element as a reader sees it rendered (Playwright's innerText, not the DOM's textContent). */
function shown(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what this test is about
  return locator.innerText();
}

/** What the "Viewing results" line says, as numbers. */
async function viewing(page: Page): Promise<{ first: number; last: number; total: number }> {
  const line = (await shown(page.locator('#viewing'))).trim();
  const match = /^Viewing results (\d+) - (\d+) of (\d+)$/.exec(line);
  assert.ok(match, `the viewing line reads "${line}"`);
  return { first: Number(match[1]), last: Number(match[2]), total: Number(match[3]) };
}

/** The article ids of the hits on the page, from their headline links. */
async function hitIds(page: Page): Promise<number[]> {
  const hrefs = await page
    .locator('.hit .hit-title a')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => {
    const match = /^\/articles\/(\d+)$/.exec(href);
    assert.ok(match, `a headline links to an article page, not "${href}"`);
    return Number(match[1]);
  });
}

/** Text as a reader sees it: runs of white space as one space. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('web desk in Chromium', { skip: desk.skip }, () => {
  let server: TestServer;
  let hostileId: number;

  /** Runs `use` on a fresh page (CSP on, problems recorded) and closes its context afterwards. */
  async function withPage<T>(options: OpenPageOptions, use: (page: Page) => Promise<T>): Promise<T> {
    const page = await openPage(desk.browser, { problems: desk.problems, ...options });
    try {
      return await use(page);
    } finally {
      await page.context().close();
    }
  }

  async function apiTotal(q: string): Promise<number> {
    const response = await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q })}`);
    assert.equal(response.status, 200);
    return response.body.total as number;
  }

  async function stored(id: number): Promise<Article> {
    const article = await server.store.getArticle(id);
    assert.ok(article, `article ${id} is in the archive`);
    return article;
  }

  before(async () => {
    server = await startTestServer(loadSampleArticles());
    const [outcome] = await server.store.addArticles([hostile]);
    assert.equal(outcome?.status, 'inserted', JSON.stringify(outcome));
    hostileId = (outcome as { id: number }).id;
  });
  after(() => server?.stop());

  it('searches from the box: Enter lands on /search with the exact total and highlighted words', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/`);
      await page.locator('#q').fill('border');
      await Promise.all([page.waitForURL(/\/search\?/), page.locator('#q').press('Enter')]);
      assert.equal(new URL(page.url()).searchParams.get('q'), 'border');
      assert.equal(await page.locator('#q').inputValue(), 'border');
      const total = await apiTotal('border');
      assert.ok(total > 1, `the sample has several hits for border (${total})`);
      assert.deepEqual(await viewing(page), { first: 1, last: Math.min(10, total), total });
      assert.equal(await page.locator('.hit').count(), Math.min(10, total));
      const marks = await page.locator('.hit mark').allInnerTexts();
      assert.ok(marks.length > 0, 'the hits have highlighted words');
      for (const mark of marks)
        assert.match(mark, /^border/i, `a highlight is the query word, not "${mark}"`);
      const unmarked = await page.locator('.hit:not(:has(mark))').count();
      assert.equal(unmarked, 0, 'every hit shows where the word matched');
      assert.ok(await page.locator('#timeline svg').isVisible(), 'the timeline chart is drawn');
      await saveScreenshot(page, 'search');
    });
  });

  it('narrows by a source facet: the total is the facet count and every hit is from that source', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/search?q=border`);
      const facet = page.locator('section.facet-group:has(#facet-source) li.facet').first();
      const source = (await shown(facet.locator('a'))).trim();
      const count = Number((await shown(facet.locator('.count'))).trim());
      assert.ok(count >= 1, `the facet shows a count (${count})`);
      await Promise.all([page.waitForURL((url) => url.search !== '?q=border'), facet.locator('a').click()]);
      const q = await page.locator('#q').inputValue();
      assert.match(q, /border/);
      assert.ok(q.includes(`source:`), `the narrowed query names the source: ${q}`);
      const narrowed = await viewing(page);
      assert.equal(narrowed.total, count, 'the total is the count the facet promised');
      assert.equal(narrowed.total, await apiTotal(q), 'and the API agrees');
      const sources = await page.locator('.hit .hit-source').allInnerTexts();
      assert.equal(sources.length, Math.min(10, count));
      for (const hitSource of sources) assert.equal(hitSource.trim(), source);
      await saveScreenshot(page, 'search-facet');
    });
  });

  it('draws the timelines with every label inside the chart (results and compare pages)', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      const clipped: string[] = [];
      for (const path of ['/search?q=border', '/search?q=the', '/compare?q=border&q=security']) {
        await page.goto(`${server.url}${path}`);
        const svg = page.locator('#timeline svg').first();
        assert.ok(await svg.isVisible(), `a timeline chart on ${path}`);
        const outside = await svg.evaluate((chart) => {
          const frame = chart.getBoundingClientRect();
          return [...chart.querySelectorAll('text')]
            .filter((label) => {
              const box = label.getBoundingClientRect();
              return (
                box.left < frame.left - 1 ||
                box.right > frame.right + 1 ||
                box.top < frame.top - 1 ||
                box.bottom > frame.bottom + 1
              );
            })
            .map(
              (label) =>
                `"${label.textContent}" (${Math.round(label.getBoundingClientRect().right - frame.right)} px past the right edge)`,
            );
        });
        if (outside.length > 0) clipped.push(`${path}: ${outside.join(', ')}`);
      }
      assert.deepEqual(clipped, [], 'axis labels cut off at the chart edge');
    });
  });

  it('pages forward with rel=next: each page continues the numbering and no hit repeats', async () => {
    const q = 'the';
    const perPage = 4;
    const total = await apiTotal(q);
    assert.ok(total > 2 * perPage, `the query has at least three pages (${total} hits)`);
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/search?${new URLSearchParams({ q, per_page: String(perPage) })}`);
      const seen = new Set<number>();
      for (let number = 1; ; number++) {
        const first = (number - 1) * perPage + 1;
        assert.deepEqual(await viewing(page), { first, last: Math.min(number * perPage, total), total });
        for (const id of await hitIds(page)) {
          assert.ok(!seen.has(id), `article ${id} on page ${number} was already on an earlier page`);
          seen.add(id);
        }
        const next = page.locator('.pager a[rel=next]');
        if ((await next.count()) === 0) break;
        assert.ok(number < 10, 'the pager ends');
        await Promise.all([page.waitForURL(new RegExp(`page=${number + 1}`)), next.click()]);
      }
      assert.equal(seen.size, total, 'the pages together hold every hit once');
    });
  });

  it('opens an article from a hit: headline and text are the stored ones, the original link is noopener', async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}/search?q=border`);
      const ids = await hitIds(page);
      let index = -1;
      for (const [at, id] of ids.entries()) {
        if ((await stored(id)).url !== null) {
          index = at;
          break;
        }
      }
      assert.ok(index >= 0, 'a hit with an original URL');
      const id = ids[index]!;
      await Promise.all([
        page.waitForURL(`${server.url}/articles/${id}`),
        page.locator('.hit-title a').nth(index).click(),
      ]);
      const article = await stored(id);
      assert.equal((await shown(page.locator('h1'))).trim(), article.title);
      assert.equal(squash(await shown(page.locator('.article-text'))), squash(article.text));
      const original = page.locator('.article-original a');
      assert.equal(await original.getAttribute('href'), new URL(article.url!).href);
      const rel = (await original.getAttribute('rel')) ?? '';
      assert.ok(rel.split(/\s+/).includes('noopener'), `rel="${rel}" contains noopener`);
      await saveScreenshot(page, 'article');
    });
  });

  it('shows a malformed query back with a caret under the bad column, HTTP 400', async () => {
    const q = '"Hizb ut';
    const problem = await getJson(server.url, `/api/v1/search?${new URLSearchParams({ q })}`);
    assert.equal(problem.status, 400);
    const column = (problem.body.location as { column: number }).column;
    await withPage({ expectedConsole: /status of 400/ }, async (page) => {
      await page.goto(`${server.url}/`);
      await page.locator('#q').fill(q);
      const [response] = await Promise.all([
        page.waitForResponse((answer) => answer.request().isNavigationRequest()),
        page.locator('#q').press('Enter'),
      ]);
      assert.equal(response.status(), 400);
      await page.waitForLoadState('load');
      assert.ok(await page.locator('.query-error').isVisible(), 'the error box is shown');
      assert.equal((await shown(page.locator('.query-error-message'))).trim(), problem.body.detail);
      const [shownQuery, caretLine] = (await shown(page.locator('.query-caret'))).split('\n');
      assert.equal(shownQuery, q);
      assert.equal(caretLine?.indexOf('^'), column - 1, `the caret is under column ${column}`);
      assert.equal(await page.locator('#q').inputValue(), q, 'the query stays in the box to be fixed');
      await saveScreenshot(page, 'query-error');
    });
  });

  for (const bypassCSP of [false, true]) {
    it(`shows hostile article text as text, never as markup (CSP ${bypassCSP ? 'bypassed: escaping alone' : 'on'})`, async () => {
      const article = await stored(hostileId);
      await withPage({ bypassCSP }, async (page) => {
        const pages = [`/search?q=quokka`, `/articles/${hostileId}`, '/', '/sources'];
        for (const path of pages) {
          await page.goto(`${server.url}${path}`);
          assert.equal(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), undefined, path);
          const injected = await page.evaluate(() => ({
            scripts: [...document.querySelectorAll('script')].filter((script) =>
              script.textContent?.includes('__pwned'),
            ).length,
            handlers: document.querySelectorAll('[onerror]').length,
            bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'Wire').length,
          }));
          assert.deepEqual(
            injected,
            { scripts: 0, handlers: 0, bold: 0 },
            `no element made from article text on ${path}`,
          );
          const body = await shown(page.locator('body'));
          assert.ok(body.includes(hostile.source), `the source name is shown as typed on ${path}`);
        }
        await page.goto(`${server.url}/search?q=quokka`);
        assert.equal(squash(await shown(page.locator('.hit-title'))), squash(article.title));
        await page.goto(`${server.url}/articles/${hostileId}`);
        assert.equal((await shown(page.locator('h1'))).trim(), article.title);
        assert.equal(squash(await shown(page.locator('.article-text'))), squash(article.text));
        assert.ok((await shown(page.locator('.article-meta'))).includes(hostile.author));
        if (!bypassCSP) await saveScreenshot(page, 'article-hostile');
      });
    });
  }

  it('works with JavaScript off: search, page forward, open an article', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${server.url}/`);
      await page.locator('#q').fill('the');
      await Promise.all([page.waitForURL(/\/search\?q=the$/), page.locator('#q').press('Enter')]);
      const total = await apiTotal('the');
      assert.ok(total > 10, `two pages at the default size (${total})`);
      assert.deepEqual(await viewing(page), { first: 1, last: 10, total });
      const pageOne = await hitIds(page);
      await Promise.all([page.waitForURL(/page=2/), page.locator('.pager a[rel=next]').click()]);
      assert.deepEqual(await viewing(page), { first: 11, last: Math.min(20, total), total });
      const pageTwo = await hitIds(page);
      assert.deepEqual(
        pageTwo.filter((id) => pageOne.includes(id)),
        [],
        'page 2 repeats no hit of page 1',
      );
      await Promise.all([page.waitForURL(/\/articles\/\d+$/), page.locator('.hit-title a').first().click()]);
      const article = await stored(pageTwo[0]!);
      assert.equal((await shown(page.locator('h1'))).trim(), article.title);
      assert.equal(squash(await shown(page.locator('.article-text'))), squash(article.text));
    });
  });

  /** The pages (name → path) that scroll sideways at a 360 px phone's width, with what sticks out; screenshots each. */
  async function widerThanPhone(paths: Record<string, string>): Promise<string[]> {
    return withPage(
      { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
      async (page) => {
        const tooWide: string[] = [];
        for (const [name, path] of Object.entries(paths)) {
          await page.goto(`${server.url}${path}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 360) {
            // What sticks out: boxes past the right edge, and text running out of its box (a long word).
            const culprits = await page.evaluate(() =>
              [...document.querySelectorAll('body *')]
                .filter(
                  (element) =>
                    element.getBoundingClientRect().right > 361 ||
                    (element.children.length === 0 &&
                      element.clientWidth > 1 &&
                      element.scrollWidth > element.clientWidth + 1),
                )
                .slice(0, 5)
                .map(
                  (element) =>
                    `${element.tagName.toLowerCase()}${[...element.classList].map((name) => `.${name}`).join('')} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
                ),
            );
            tooWide.push(`${path}: ${width} px wide (${culprits.join(', ')})`);
          }
          await saveScreenshot(page, name);
        }
        return tooWide;
      },
    );
  }

  it('fits a 360 px phone: no sideways scrolling on any page', async () => {
    const tooWide = await widerThanPhone({
      'phone-search': '/search?q=border',
      'phone-article': '/articles/7',
      'phone-sources': '/sources',
      'phone-compare': '/compare?q=border&q=security',
    });
    assert.deepEqual(tooWide, [], 'pages wider than the phone');
  });

  it('wraps a headline or text with a long unbroken word at 360 px instead of scrolling sideways', async () => {
    const tooWide = await widerThanPhone({
      'phone-home': '/',
      'phone-article-long-words': `/articles/${hostileId}`,
    });
    assert.deepEqual(tooWide, [], 'pages wider than the phone');
  });

  it('starts keyboard users at the skip link, with a visible focus, then the search box', async () => {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(`${server.url}/search?q=border`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        return {
          className: element.className,
          href: element.getAttribute('href'),
          focusVisible: element.matches(':focus-visible'),
          outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1,
          onScreen: box.top >= 0 && box.left >= 0 && box.width > 1 && box.height > 1,
        };
      });
      assert.deepEqual(focused, {
        className: 'skip-link',
        href: '#main',
        focusVisible: true,
        outline: true,
        onScreen: true,
      });
      await page.keyboard.press('Enter');
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'main',
        'the skip link moves focus to main',
      );

      await page.goto(`${server.url}/search?q=border`);
      let reached = false;
      for (let presses = 0; presses < 4 && !reached; presses++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id === 'q');
      }
      assert.ok(reached, 'the search box is among the first few Tab stops');
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as HTMLElement);
        return style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1;
      });
      assert.ok(ring, 'the search box shows its focus');
    });
  });

  it('keeps a screenshot of each page', async () => {
    const paths = {
      home: '/',
      'search-page-2': '/search?q=the&per_page=4&page=2',
      sources: '/sources',
      compare: '/compare?q=border&q=security',
    };
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      for (const [name, path] of Object.entries(paths)) {
        const response = await page.goto(`${server.url}${path}`);
        assert.equal(response?.status(), 200, path);
        await saveScreenshot(page, name);
      }
    });
  });

  it('logged no console error, CSP violation, page error or failed request on any page', () => {
    assert.equal(desk.problems.length, 0, describeProblems(desk.problems));
  });
});
