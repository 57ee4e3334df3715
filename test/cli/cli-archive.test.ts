/**
 * The archive core as a user meets it: the real `wirewatch` command on a real SQLite file in a
 * temporary directory — import the seed page and the sample, search, export, stats.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runCli } from '../support/run-cli.ts';
import { samplePath } from '../support/sample-articles.ts';
import { requireSharedFile, seedPath } from '../support/shared-data.ts';

describe('wirewatch command line', () => {
  let cwd: string;
  const cli = (...args: string[]) => runCli(args, { cwd });

  before(() => {
    cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cli-'));
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('imports the seed page into ./data/wirewatch.db and says nothing is new the second time', (t) => {
    if (!requireSharedFile(t, seedPath)) return;
    const first = cli('import', seedPath, '--source', 'Times of Central Asia');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stderr, /6 imported, 0 duplicates, 0 errors \(digest, utf-8\)/);
    const again = cli('import', seedPath, '--source', 'Times of Central Asia');
    assert.equal(again.status, 0);
    assert.match(again.stderr, /0 imported, 6 duplicates, 0 errors/);
    assert.match(again.stderr, /nothing new/);
    assert.equal(
      readFileSync(join(cwd, 'data', 'wirewatch.db'))
        .subarray(0, 15)
        .toString(),
      'SQLite format 3',
    );
  });

  it('imports JSON Lines', () => {
    const run = cli('import', samplePath);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /14 imported, 0 duplicates, 0 errors \(jsonl, utf-8\)/);
  });

  it('prints a results page that reads like the seed page', (t) => {
    if (!requireSharedFile(t, seedPath)) return;
    const run = cli('search', '"Hizb ut-Tahrir" OR HTS', '--page', '1');
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0]!, /^\d{2} [A-Z][a-z]+ \d{4}$/, 'the date line');
    assert.equal(lines[2], 'Viewing results 1 - 4 of 4');
    assert.match(
      run.stdout,
      /Kyrgyzstan Cracks Down on Major Religious Extremist Organization\nTimes of Central Asia · 05 May 2025 · #\d+\n/,
    );
    assert.match(run.stdout, /\*\*Hizb ut-Tahrir\*\*/, 'matches are marked');
    assert.match(run.stdout, /\(\*\*HTS\*\*\)/);
    const snippet =
      lines[lines.findIndex((line) => line.startsWith('Times of Central Asia · 05 May 2025')) + 1]!;
    assert.match(snippet, /^\.\.\.\S.*\S\.\.\.$/, 'cut on both sides, marked with ...');
    const body = snippet.slice(3, -3).replaceAll('**', '');
    const seedText = readFileSync(seedPath, 'utf8');
    const at = seedText.indexOf(body);
    assert.ok(at > 0, 'the snippet is a passage of the article');
    assert.match(seedText[at - 1]!, /\s/, 'starts on a word boundary');
    assert.match(seedText[at + body.length]!, /[\s,.;:]/, 'ends on a word boundary');
  });

  it('browses newest first with each lead cut with "..." when there are no query words', () => {
    const run = cli('search', '--per-page', '3');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Viewing results 1 - 3 of 20\n/);
    assert.match(
      run.stdout,
      /Almaty Court Jails Five for Spreading Extremist Leaflets\nSteppe Herald · 12 May 2025 · #\d+\nAn Almaty district court sentenced .*\.\.\.\n/,
    );
    assert.match(run.stdout, /Page 1 of 7/);
  });

  it('sorts by date and prints JSON for scripts', (t) => {
    if (!requireSharedFile(t, seedPath)) return;
    const run = cli('search', 'extremism -Syria', '--sort', 'date', '--json');
    assert.equal(run.status, 0, run.stderr);
    const page = JSON.parse(run.stdout) as {
      total: number;
      sort: string;
      hits: Array<{ publishedAt: string; snippet: { text: string; highlights: [number, number][] } }>;
    };
    assert.equal(page.sort, 'newest');
    assert.ok(page.total >= 3);
    const dates = page.hits.map((hit) => hit.publishedAt);
    assert.deepEqual(dates, [...dates].sort().reverse());
    for (const hit of page.hits) {
      assert.ok(!/syria/i.test(hit.snippet.text));
      for (const [from, to] of hit.snippet.highlights)
        assert.match(hit.snippet.text.slice(from, to), /^extremism$/i);
    }
  });

  it('shows a malformed query its problem and column, with a caret, and no stack trace', () => {
    for (const [query, code, caret] of [
      ['"unclosed', 'QUERY_UNCLOSED_PHRASE', '  ^'],
      ['(a OR', 'QUERY_UNBALANCED_PARENS', '  ^'],
      ['Kazakhstan after:yesterdayish', 'QUERY_BAD_DATE', `  ${' '.repeat(17)}^`],
    ] as const) {
      const run = cli('search', query);
      assert.equal(run.status, 1, query);
      assert.match(run.stderr, new RegExp(`^error: ${code}: .*column`), query);
      assert.ok(run.stderr.includes(`\n  ${query}\n${caret}`), run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(run.stdout, '');
    }
    const long = cli('search', 'word '.repeat(2000));
    assert.match(long.stderr, /QUERY_TOO_LONG/);
    const many = cli('search', Array.from({ length: 150 }, (_, i) => `w${i}`).join(' '));
    assert.match(many.stderr, /QUERY_TOO_MANY_TERMS/);
  });

  it('exports every match as CSV that the CSV importer reads back', () => {
    const run = cli('export', '--format', 'csv', 'Kazakhstan after:2024-01-01');
    assert.equal(run.status, 0, run.stderr);
    const rows = parse(run.stdout, { columns: true }) as Array<Record<string, string>>;
    assert.ok(rows.length >= 3);
    for (const row of rows) {
      assert.ok(row.published_at! >= '2024-01-01');
      // Query expansion finds the Russian spellings of the name too (Казахстана).
      assert.match(`${row.title} ${row.text}`, /Kazakh|Казах/);
    }
    const file = join(cwd, 'out.csv');
    writeFileSync(file, run.stdout);
    const reimport = cli('import', file);
    assert.match(reimport.stderr, new RegExp(`0 imported, ${rows.length} duplicates, 0 errors \\(csv`));
  });

  it('uses WIREWATCH_DB, and --db over it', () => {
    const other = join(cwd, 'elsewhere', 'other.db');
    const viaEnv = runCli(['import', samplePath], { cwd, env: { WIREWATCH_DB: other } });
    assert.equal(viaEnv.status, 0, viaEnv.stderr);
    assert.equal(readFileSync(other).subarray(0, 15).toString(), 'SQLite format 3');
    const stats = (args: string[]) =>
      JSON.parse(runCli([...args, 'stats', '--json'], { cwd, env: { WIREWATCH_DB: other } }).stdout);
    assert.equal(stats([]).articleCount, 14);
    assert.ok(stats(['--db', join(cwd, 'data', 'wirewatch.db')]).articleCount > 14);
  });

  it('summarises the archive', () => {
    const run = cli('stats', '--json');
    assert.equal(run.status, 0, run.stderr);
    const stats = JSON.parse(run.stdout) as {
      articleCount: number;
      sources: Array<{ name: string; articleCount: number }>;
    };
    assert.ok(stats.articleCount >= 14);
    assert.ok(stats.sources.some((source) => source.name === 'Steppe Herald' && source.articleCount === 2));
    const text = cli('stats');
    assert.match(text.stdout, /articles from \d+ sources/);
  });
});
