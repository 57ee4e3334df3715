/**
 * A real browser for the end-to-end tests: Debian's Chromium (`/usr/bin/chromium`, installed by
 * scripts/install-chromium.sh) driven by playwright-core. Never a downloaded browser.
 *
 * One browser per test file: call `const desk = await testBrowser();` at the top level of the file,
 * then `describe(…, { skip: desk.skip })`; the browser closes when the file's tests end. Without
 * Chromium the tests skip with a visible notice; under CI=true they fail, since CI must run them.
 *
 * Pages opened with `openPage` keep the server's Content-Security-Policy on (so the tests prove the
 * pages work under it), reach 127.0.0.1 only, wait a few seconds at most, and record console errors,
 * uncaught page errors and failed requests. The axe-core scan alone runs in a context that bypasses
 * the CSP, since axe is injected as an inline script.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';

/** Debian's Chromium; WIREWATCH_TEST_CHROMIUM points the tests at another build. */
export const chromiumPath = process.env.WIREWATCH_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Chromium's flags for this machine: headless, no sandbox (root in a container), no network of its own. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The longest any single wait (navigation, click, selector) may take. */
export const waitLimitMs = 5_000;

/** Where screenshots are kept as a test artefact (ignored by git). */
export const screenshotDirectory = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** One problem a page reported: a console error, an uncaught exception, a failed request. */
export interface PageProblem {
  kind: 'console' | 'pageerror' | 'requestfailed';
  page: string;
  text: string;
}

/** The browser of one test file, or the reason there is none. */
export interface TestBrowser {
  skip: string | false;
  browser: Browser;
  /** Everything every page opened with `openPage` reported, in order. */
  problems: PageProblem[];
}

/**
 * Launches Chromium for this test file and closes it when the file's tests end. Call at the top level.
 */
export async function testBrowser(): Promise<TestBrowser> {
  const problems: PageProblem[] = [];
  if (!existsSync(chromiumPath)) {
    const reason = `no Chromium at ${chromiumPath}; run scripts/install-chromium.sh (apt-get install -y chromium)`;
    if (process.env.CI === 'true') throw new Error(`${reason} — CI must run the browser tests`);
    process.stderr.write(`# SKIPPED browser tests: ${reason}\n`);
    return { skip: reason, browser: null as unknown as Browser, problems };
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    timeout: 20_000,
  });
  after(() => browser.close());
  return { skip: false, browser, problems };
}

/** What `openPage` adds to Playwright's context options. */
export interface OpenPageOptions extends BrowserContextOptions {
  /** Where the page's problems are recorded (normally the TestBrowser's list). */
  problems?: PageProblem[];
  /**
   * Console errors that are expected on this page and not problems: e.g. Chromium's
   * "Failed to load resource: … 400" for a page the test asks for a 400.
   */
  expectedConsole?: RegExp;
}

/**
 * A new context and page with bounded waits, traffic limited to 127.0.0.1 and problems recorded.
 * Close it with `page.context().close()` (or `closeAll`).
 */
export async function openPage(browser: Browser, options: OpenPageOptions = {}): Promise<Page> {
  const { problems, expectedConsole, ...contextOptions } = options;
  const context = await browser.newContext({ ...contextOptions });
  context.setDefaultTimeout(waitLimitMs);
  context.setDefaultNavigationTimeout(waitLimitMs);
  await onlyLoopback(context);
  const page = await context.newPage();
  if (problems) recordProblems(page, problems, expectedConsole);
  return page;
}

/** Aborts every request that is not to 127.0.0.1 (the tests never leave the machine). */
async function onlyLoopback(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'about:') {
      await route.continue();
    } else {
      await route.abort('blockedbyclient');
    }
  });
}

function recordProblems(page: Page, problems: PageProblem[], expected: RegExp | undefined): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} (${message.location().url || 'no location'})`;
    if (expected?.test(text)) return;
    problems.push({ kind: 'console', page: page.url(), text });
  });
  page.on('pageerror', (error) => {
    problems.push({ kind: 'pageerror', page: page.url(), text: error.message });
  });
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is the browser dropping a request itself when the page moves on (a favicon still
    // loading as a test navigates): not a server's failure. Blocked or refused requests still count.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push({
      kind: 'requestfailed',
      page: page.url(),
      text: `${request.url()}: ${request.failure()?.errorText ?? 'failed'}`,
    });
  });
}

/** One axe-core violation, cut down to what an assertion message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/**
 * A page for axe-core scans: its context bypasses the CSP, since axe is injected as an inline script.
 * Reuse it for several scans (`scanForSeriousViolations`); close it with `page.context().close()`.
 */
export async function openScanPage(browser: Browser): Promise<Page> {
  return openPage(browser, { bypassCSP: true });
}

/**
 * Loads `url` in `page` (from openScanPage), runs axe-core on the whole document and returns the
 * serious and critical violations.
 */
export async function scanForSeriousViolations(page: Page, url: string): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: Array<{
              id: string;
              impact?: string | null;
              help: string;
              nodes: Array<{ target: unknown[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** One scan in a fresh CSP-bypassing context: the serious and critical violations of `url`. */
export async function seriousAccessibilityViolations(browser: Browser, url: string): Promise<AxeViolation[]> {
  const page = await openScanPage(browser);
  try {
    return await scanForSeriousViolations(page, url);
  } finally {
    await page.context().close();
  }
}

/** The violations as lines for an assertion message: id, impact, help, and where. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.targets.join(', ')}`,
    )
    .join('\n');
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDirectory, { recursive: true });
  const path = join(screenshotDirectory, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true, timeout: waitLimitMs });
  return path;
}

/** The problems as lines for an assertion message. */
export function describeProblems(problems: PageProblem[]): string {
  return problems.map((problem) => `${problem.kind} on ${problem.page}: ${problem.text}`).join('\n');
}
