/**
 * Conformance of wirewatch's article extraction (src/ingest/article/) with Mozilla Readability's own
 * test pages: ../shared/corpus/readability/test-pages/<page>/{source.html, expected.html,
 * expected-metadata.json}, read in place. For each page, extractArticle runs on source.html and its
 * clean text is compared with the text of expected.html (the article Readability's test suite expects).
 *
 * Run alone: `npm run conformance:readability` (prints a table, writes conformance/out/readability.json).
 * The feed runner can call runReadabilityConformance() and reuse the printing and writing functions.
 *
 * ## The similarity measure: token-level F1 (the Dice coefficient of the two word multisets)
 *
 * Both texts are cut into words (NFKC, lower case, runs of letters, digits and marks; each Han, kana
 * character is a word of its own, as Chinese and Japanese put no spaces between words). With O our
 * words and E the expected words, counted with multiplicity:
 *   precision = |O ∩ E| / |O|,  recall = |O ∩ E| / |E|,  F1 = 2·|O ∩ E| / (|O| + |E|)
 * (two empty texts score 1). This is the standard score of main-text extraction benchmarks (CleanEval,
 * and the token-level precision/recall/F1 of the article-extraction and trafilatura evaluations). It
 * is chosen over an edit distance on word sequences because (a) it ignores whitespace and markup, which
 * the two pipelines legitimately lay out differently, (b) it runs in linear time, where a word-level
 * edit distance on a 15,000-word page fills 225 million cells, and (c) extraction keeps the page's
 * order, so what goes wrong is missing or extra text, which precision and recall name separately.
 * A page passes at F1 ≥ 0.9.
 *
 * Metadata (title, byline, excerpt, site name) comes from Readability in both pipelines, so a
 * mismatch there means linkedom read the page differently from jsdom, or our clean-up (whitespace
 * collapsed, length cut) changed it. The published date and the language are wirewatch's own
 * (JSON-LD, meta tags, `<time>`; `<html lang>`, og:locale) and are compared only where the
 * expectation has a value: the instant for dates, the primary subtag for languages.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { isAppError } from '../src/core/errors.ts';
import { parseArticleDate } from '../src/ingest/bulk/parse-article-date.ts';
import { extractArticle } from '../src/ingest/article/extract-article.ts';
import { primarySubtag } from '../src/ingest/article/find-page-language.ts';

/** Where the Readability test pages are: ../shared beside the checkout, read in place. */
export const readabilityCorpusPath = fileURLToPath(
  new URL('../../shared/corpus/readability/test-pages/', import.meta.url),
);
/** Where the JSON report is written (conformance/.gitignore keeps out/ out of git). */
export const readabilityReportPath = fileURLToPath(new URL('./out/readability.json', import.meta.url));
/** The URL Readability's own test runner gives every page; relative links in expected.html resolve against it. */
export const corpusPageUrl = 'http://fakehost/test/page.html';
/** A page passes when its F1 reaches this. */
export const passingSimilarity = 0.9;

/** One page's outcome. */
export interface ReadabilityRow {
  page: string;
  sourceBytes: number;
  /** Words in the expected article text. */
  expectedWords: number;
  /** Words in our clean text. */
  ourWords: number;
  /** Token-level F1 (0–1); 0 when extraction failed. */
  similarity: number;
  precision: number;
  recall: number;
  /** Milliseconds spent in extractArticle (parsing, Readability, sanitising, text). */
  extractMs: number;
  /** The AppError code when extraction failed. */
  error?: string;
  titleMatch: boolean;
  /** null when the expectation has no byline (or no excerpt, site name, date, language). */
  bylineMatch: boolean | null;
  excerptMatch: boolean | null;
  siteNameMatch: boolean | null;
  publishedMatch: boolean | null;
  languageMatch: boolean | null;
}

/** A share of the pages where an expectation applied. */
export interface MatchRate {
  matched: number;
  of: number;
  share: number;
}

/** The whole run. */
export interface ReadabilityReport {
  pages: number;
  /** Pages with similarity ≥ passingSimilarity. */
  passed: number;
  /** passed / pages. */
  share: number;
  meanSimilarity: number;
  medianSimilarity: number;
  failedExtractions: number;
  metadata: Record<'title' | 'byline' | 'excerpt' | 'siteName' | 'publishedTime' | 'language', MatchRate>;
  timing: { p50Ms: number; p95Ms: number; maxMs: number; totalMs: number };
  rows: ReadabilityRow[];
}

/** Options for a run. */
export interface ReadabilityRunOptions {
  /** The test-pages folder; default readabilityCorpusPath. */
  corpusPath?: string;
  /** Run only these pages (folder names), e.g. a sample; default every page. */
  pages?: readonly string[];
}

/** Runs extractArticle over the corpus and scores every page. Rejects when the corpus folder is missing. */
export async function runReadabilityConformance(
  options: ReadabilityRunOptions = {},
): Promise<ReadabilityReport> {
  const corpusPath = options.corpusPath ?? readabilityCorpusPath;
  const entries = await readdir(corpusPath, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => options.pages === undefined || options.pages.includes(name))
    .sort();
  const rows: ReadabilityRow[] = [];
  for (const name of names) rows.push(await scorePage(join(corpusPath, name), name));
  return summarise(rows);
}

interface ExpectedMetadata {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  lang?: string | null;
  publishedTime?: string | null;
}

async function scorePage(folder: string, page: string): Promise<ReadabilityRow> {
  const [source, expectedHtml, metadataJson] = await Promise.all([
    readFile(join(folder, 'source.html'), 'utf8'),
    readFile(join(folder, 'expected.html'), 'utf8'),
    readFile(join(folder, 'expected-metadata.json'), 'utf8'),
  ]);
  const expected = JSON.parse(metadataJson) as ExpectedMetadata;
  const expectedWords = words(htmlTextContent(expectedHtml));
  const started = performance.now();
  let article: ReturnType<typeof extractArticle> | undefined;
  let error: string | undefined;
  try {
    article = extractArticle({ html: source, url: corpusPageUrl, fetchedAt: new Date() });
  } catch (caught) {
    // Only our own refusals are a result; anything else is a bug the run must show, not score.
    if (!isAppError(caught)) throw caught;
    error = caught.code;
  }
  const extractMs = performance.now() - started;
  const ourWords = article === undefined ? [] : words(article.text);
  const score = article === undefined ? { f1: 0, precision: 0, recall: 0 } : tokenF1(ourWords, expectedWords);
  const compare = (ours: string | undefined, theirs: string | null | undefined) =>
    theirs === null || theirs === undefined || theirs.trim() === '' ? null : sameLine(ours, theirs);
  const row: ReadabilityRow = {
    page,
    sourceBytes: Buffer.byteLength(source),
    expectedWords: expectedWords.length,
    ourWords: ourWords.length,
    similarity: score.f1,
    precision: score.precision,
    recall: score.recall,
    extractMs,
    titleMatch: sameLine(article?.title, expected.title ?? ''),
    bylineMatch: compare(article?.byline, expected.byline),
    excerptMatch: compare(article?.excerpt, expected.excerpt),
    siteNameMatch: compare(article?.siteName, expected.siteName),
    publishedMatch: expected.publishedTime
      ? samePublished(article?.publishedAt, expected.publishedTime)
      : null,
    languageMatch: expected.lang ? primarySubtag(expected.lang) === article?.language : null,
  };
  if (error !== undefined) row.error = error;
  return row;
}

/** The text content of an HTML fragment (expected.html is pretty-printed, so blocks are whitespace-separated). */
function htmlTextContent(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return document.body.textContent ?? '';
}

/** Characters of scripts written without spaces between words: each one is counted as a word. */
const unspacedScript = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const wordPattern = new RegExp(`[${unspacedScript}]|(?:(?![${unspacedScript}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');

/** The words of `text`: NFKC, lower case, runs of letters/digits/marks, one word per Han or kana character. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(wordPattern) ?? [];
}

/** Token-level precision, recall and F1 of `ours` against `expected`, as multisets (see the file comment). */
export function tokenF1(
  ours: readonly string[],
  expected: readonly string[],
): { f1: number; precision: number; recall: number } {
  if (ours.length === 0 && expected.length === 0) return { f1: 1, precision: 1, recall: 1 };
  const remaining = new Map<string, number>();
  for (const word of expected) remaining.set(word, (remaining.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of ours) {
    const left = remaining.get(word) ?? 0;
    if (left > 0) {
      common += 1;
      remaining.set(word, left - 1);
    }
  }
  const precision = ours.length === 0 ? 0 : common / ours.length;
  const recall = expected.length === 0 ? 0 : common / expected.length;
  return { f1: (2 * common) / (ours.length + expected.length), precision, recall };
}

function sameLine(ours: string | undefined, theirs: string): boolean {
  const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();
  return collapse(ours ?? '') === collapse(theirs);
}

function samePublished(ours: string | undefined, theirs: string): boolean {
  const expected = parseArticleDate(theirs) ?? (Number.isNaN(Date.parse(theirs)) ? null : theirs);
  return ours !== undefined && expected !== null && Date.parse(ours) === Date.parse(expected);
}

function summarise(rows: ReadabilityRow[]): ReadabilityReport {
  const similarities = rows.map((row) => row.similarity).sort((a, b) => a - b);
  const times = rows.map((row) => row.extractMs).sort((a, b) => a - b);
  const passed = rows.filter((row) => row.similarity >= passingSimilarity).length;
  const rate = (pick: (row: ReadabilityRow) => boolean | null): MatchRate => {
    const applicable = rows.map(pick).filter((value): value is boolean => value !== null);
    const matched = applicable.filter(Boolean).length;
    return {
      matched,
      of: applicable.length,
      share: applicable.length === 0 ? 1 : matched / applicable.length,
    };
  };
  return {
    pages: rows.length,
    passed,
    share: rows.length === 0 ? 0 : passed / rows.length,
    meanSimilarity: similarities.reduce((sum, value) => sum + value, 0) / Math.max(1, rows.length),
    medianSimilarity: quantile(similarities, 0.5),
    failedExtractions: rows.filter((row) => row.error !== undefined).length,
    metadata: {
      title: rate((row) => row.titleMatch),
      byline: rate((row) => row.bylineMatch),
      excerpt: rate((row) => row.excerptMatch),
      siteName: rate((row) => row.siteNameMatch),
      publishedTime: rate((row) => row.publishedMatch),
      language: rate((row) => row.languageMatch),
    },
    timing: {
      p50Ms: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      maxMs: times.at(-1) ?? 0,
      totalMs: times.reduce((sum, value) => sum + value, 0),
    },
    rows,
  };
}

/** The q-quantile of sorted `values` (nearest rank); 0 for none. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The report as a plain-text table (one row per page, worst first) and a summary, for a terminal. */
export function formatReadabilityReport(report: ReadabilityReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const mark = (value: boolean | null) => (value === null ? '-' : value ? 'ok' : 'NO');
  const lines = [
    `${'page'.padEnd(44)} ${'words'.padStart(6)} ${'F1'.padStart(6)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'ms'.padStart(6)}  title byline date  lang  note`,
  ];
  const worstFirst = [...report.rows].sort(
    (a, b) => a.similarity - b.similarity || a.page.localeCompare(b.page),
  );
  for (const row of worstFirst) {
    lines.push(
      [
        row.page.slice(0, 44).padEnd(44),
        String(row.expectedWords).padStart(6),
        row.similarity.toFixed(3).padStart(6),
        row.precision.toFixed(3).padStart(6),
        row.recall.toFixed(3).padStart(6),
        row.extractMs.toFixed(0).padStart(6),
        ` ${mark(row.titleMatch).padEnd(5)} ${mark(row.bylineMatch).padEnd(6)} ${mark(row.publishedMatch).padEnd(5)} ${mark(row.languageMatch).padEnd(5)}`,
        row.error ?? (row.similarity < passingSimilarity ? 'below 0.9' : ''),
      ].join(' '),
    );
  }
  const { metadata, timing } = report;
  const rateLine = (name: string, rate: MatchRate) =>
    `  ${name.padEnd(14)} ${rate.matched}/${rate.of} (${percent(rate.share)})`;
  lines.push(
    '',
    `pages run:        ${report.pages}`,
    `F1 >= ${passingSimilarity}:        ${report.passed}/${report.pages} (${percent(report.share)}; target 90%)`,
    `F1 mean / median: ${report.meanSimilarity.toFixed(3)} / ${report.medianSimilarity.toFixed(3)}`,
    `not extracted:    ${report.failedExtractions}`,
    'metadata matches (where the expectation has a value):',
    rateLine('title', metadata.title),
    rateLine('byline', metadata.byline),
    rateLine('excerpt', metadata.excerpt),
    rateLine('site name', metadata.siteName),
    rateLine('published', metadata.publishedTime),
    rateLine('language', metadata.language),
    `extract time per page: p50 ${timing.p50Ms.toFixed(1)} ms, p95 ${timing.p95Ms.toFixed(1)} ms, max ${timing.maxMs.toFixed(1)} ms, total ${(timing.totalMs / 1000).toFixed(1)} s`,
  );
  return lines.join('\n');
}

/** Writes the report as JSON to `path` (default conformance/out/readability.json, ignored by conformance/.gitignore). */
export async function writeReadabilityReport(
  report: ReadabilityReport,
  path: string = readabilityReportPath,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const document = { version: 1, generatedAt: new Date().toISOString(), ...report };
  await writeFile(path, `${JSON.stringify(document, null, 2)}\n`);
}

async function main(): Promise<void> {
  const report = await runReadabilityConformance();
  console.log(formatReadabilityReport(report));
  await writeReadabilityReport(report);
  console.log(`JSON report: ${readabilityReportPath}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
