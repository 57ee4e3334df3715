/**
 * `npm run conformance`: runs the shared corpora in place through wirewatch's feed reading and prints,
 * per corpus and per field, how many cases ran and passed; writes the details to conformance/out/.
 *
 * Exits non-zero when any feedparser sanitize case leaks a script, an event handler or a script URL,
 * or when the pass rate over the stored fields (title, link, date, content, author) falls below
 * `minimumFieldShare`: the target, 95%.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listFiles, readFeedparserCase } from './feedparser-cases.ts';
import { runFeedparserFieldCase } from './feedparser-fields.ts';
import { runGofeedSuite } from './gofeed-suite.ts';
import { runJsonFeedSuite } from './jsonfeed-suite.ts';
import { runListparserSuite } from './listparser-suite.ts';
import { type CaseResult, countSkips, type FieldSummary, summarise, targetShare } from './results.ts';
import { checkSanitizeCase, type Leak } from './sanitizer-leaks.ts';

/** The shared corpora, beside the checkout. */
export const corpusRoot = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

/** The lowest acceptable pass rate over the stored fields of all corpora (measured rate, less a margin). */
export const minimumFieldShare = 0.95;

/** Everything one run found. */
export interface ConformanceReport {
  fieldResults: CaseResult[];
  summaries: FieldSummary[];
  target: { run: number; passed: number; share: number };
  sanitizer: {
    cases: number;
    htmlChecked: number;
    /** Cases none of whose content reached the sanitiser (must be none for the check to mean anything). */
    unchecked: string[];
    /** Cases whose unsanitised payload held a script, handler or script URL: what the sanitiser had to remove. */
    hostileInputs: number;
    refused: number;
    leaking: { name: string; leaks: Leak[] }[];
  };
  seconds: number;
}

/** Feedparser's field cases: every .xml/.json test outside the sanitize folder; `sample` keeps every n-th. */
export function feedparserFieldFiles(root = corpusRoot, sample = 1): string[] {
  const folder = join(root, 'feedparser');
  return listFiles(folder)
    .filter((path) => !path.includes('/wellformed/sanitize/'))
    .filter((_path, index) => index % sample === 0);
}

/** Feedparser's 745 sanitize cases. */
export function feedparserSanitizeFiles(root = corpusRoot): string[] {
  return listFiles(join(root, 'feedparser', 'wellformed', 'sanitize'));
}

/** Runs the sanitize oracle over `files`. */
export function runSanitizerCheck(files: string[], root = corpusRoot): ConformanceReport['sanitizer'] {
  const folder = join(root, 'feedparser');
  const leaking: { name: string; leaks: Leak[] }[] = [];
  let htmlChecked = 0;
  const unchecked: string[] = [];
  let hostileInputs = 0;
  let refused = 0;
  for (const file of files) {
    const testCase = readFeedparserCase(folder, file);
    const result = checkSanitizeCase(testCase);
    htmlChecked += result.htmlChecked;
    if (result.htmlChecked === 0) unchecked.push(testCase.name);
    if (result.hostileInput) hostileInputs++;
    if (result.error !== undefined) refused++;
    const serious = result.leaks.filter((leak) => leak.kind !== 'embedding-element');
    if (result.leaks.length > 0) leaking.push({ name: testCase.name, leaks: result.leaks });
    if (serious.length > 0 && process.env.CONFORMANCE_VERBOSE) console.error(testCase.name, serious);
  }
  return { cases: files.length, htmlChecked, unchecked, hostileInputs, refused, leaking };
}

/** Runs every suite. */
export function runConformance(root = corpusRoot): ConformanceReport {
  const started = performance.now();
  const folder = join(root, 'feedparser');
  const fieldResults = [
    ...feedparserFieldFiles(root).map((file) => runFeedparserFieldCase(readFeedparserCase(folder, file))),
    ...runGofeedSuite(join(root, 'gofeed')),
    ...runJsonFeedSuite(join(root, 'jsonfeed-schema')),
    ...runListparserSuite(join(root, 'listparser-opml')),
  ];
  const sanitizer = runSanitizerCheck(feedparserSanitizeFiles(root), root);
  const summaries = summarise(fieldResults);
  return {
    fieldResults,
    summaries,
    target: targetShare(summaries),
    sanitizer,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Leaks that fail the run: scripts, handlers and script URLs (embedding elements are reported only). */
export function seriousLeaks(report: ConformanceReport): number {
  return report.sanitizer.leaking.filter((entry) =>
    entry.leaks.some((leak) => leak.kind !== 'embedding-element'),
  ).length;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function printReport(report: ConformanceReport): void {
  const rows = report.summaries.map((summary) => ({
    corpus: summary.corpus,
    field: summary.field,
    run: summary.run,
    passed: summary.passed,
    share: percent(summary.share),
  }));
  console.table(rows);
  for (const corpus of [...new Set(report.summaries.map((summary) => summary.corpus))]) {
    const share = targetShare(report.summaries.filter((summary) => summary.corpus === corpus));
    if (share.run === 0) continue;
    console.log(
      `${corpus}: stored fields (title, link, date, content, author) ${share.passed}/${share.run} = ${percent(share.share)}`,
    );
  }
  console.log(
    `all corpora, stored fields: ${report.target.passed}/${report.target.run} = ${percent(report.target.share)} (minimum ${percent(minimumFieldShare)})`,
  );
  const skips = countSkips(report.fieldResults);
  console.log(
    `skipped (the expectation reads a field wirewatch does not store): ${skips.reduce((sum, skip) => sum + skip.count, 0)} cases; most frequent:`,
  );
  for (const skip of skips.slice(0, 8)) console.log(`  ${skip.corpus} ${skip.field}: ${skip.count}`);
  const { sanitizer } = report;
  console.log(
    `sanitizer: ${sanitizer.cases} feedparser cases (${sanitizer.hostileInputs} with a script, handler or script URL before sanitising; ${sanitizer.unchecked.length} with nothing sanitised), ${sanitizer.htmlChecked} HTML values checked, ${sanitizer.refused} documents refused, ` +
      `${seriousLeaks(report)} leaking a script/handler/script URL, ${sanitizer.leaking.length - seriousLeaks(report)} keeping an embedding element`,
  );
  console.log(`finished in ${report.seconds.toFixed(1)} s`);
}

function main(): void {
  if (!existsSync(corpusRoot)) {
    console.error(`${corpusRoot} is missing: the conformance corpora live in ../shared beside the checkout`);
    process.exit(2);
  }
  const report = runConformance();
  printReport(report);
  const outDir = fileURLToPath(new URL('./out/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'conformance.json');
  writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`details: ${outFile}`);
  const failures: string[] = [];
  if (seriousLeaks(report) > 0) failures.push(`${seriousLeaks(report)} sanitize cases leak`);
  if (report.sanitizer.unchecked.length > 0)
    failures.push(`${report.sanitizer.unchecked.length} sanitize cases never reached the sanitiser`);
  if (report.target.share < minimumFieldShare)
    failures.push(`stored-field pass rate ${percent(report.target.share)} < ${percent(minimumFieldShare)}`);
  if (failures.length > 0) {
    console.error(`conformance FAILED: ${failures.join('; ')}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
