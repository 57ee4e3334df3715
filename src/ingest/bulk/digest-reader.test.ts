import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { chunksOf, collect } from '../../../test/fixtures/import/test-streams.ts';
import { decodeInput } from './decode-input.ts';
import { readDigest } from './digest-reader.ts';
import type { ImportRecord } from './import-record.ts';
import { readLines } from './read-lines.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const seed = resolve(repoRoot, '../shared/seed/000_8cdcb3f9c8ca5b19.txt');
const fixture = resolve(repoRoot, 'test/fixtures/import/multi-page.digest.txt');

const summary = (records: ImportRecord[]) =>
  records.map((r) => ('article' in r ? `${r.line}:${r.article.title}` : `${r.line}!${r.error.code}`));

async function readFile(path: string, source?: string) {
  const input = await decodeInput(path);
  return collect(readDigest(readLines(input.chunks), { source }));
}

test('the seed page: 6 articles dated 05 May 2025', async (t) => {
  if (!existsSync(seed)) {
    // Absent seed data must not pass silently in CI.
    assert.notEqual(process.env.CI, 'true', `seed file missing in CI: ${seed}`);
    t.skip('seed digest not found: ../shared absent');
    return;
  }
  const records = await readFile(seed, 'Times of Central Asia');
  assert.deepEqual(summary(records), [
    '5:Tokayev Warns of Rising Extremism and Erosion of Global Norms at Assembly Speech',
    '9:Kazakhstan Mandates Sports Federations to Help Detect Extremism',
    '13:Kyrgyzstan Cracks Down on Major Religious Extremist Organization',
    '17:West Monitors Syria for Plans of Jihadis, Some From Central Asia',
    '21:Central Asia Braces for Return of Radical Islamists Amid Syrian Turmoil',
    '25:Uzbek President: Global Conflicts Undercut Anti-Terror Efforts',
  ]);
  for (const record of records) {
    assert.ok('article' in record);
    assert.equal(record.article.publishedAt, '2025-05-05T00:00:00.000Z');
    assert.equal(record.article.source, 'Times of Central Asia');
    assert.ok(record.article.text.length > 500);
  }
  const cut = records[3]!;
  assert.ok('article' in cut && cut.article.text.endsWith('as well as...'));
});

test('a multi-page digest dates each article by its own page', async () => {
  const records = await readFile(fixture, 'Steppe Wire');
  assert.deepEqual(summary(records), [
    '5:Grain convoy reaches the river port',
    '9:Customs rules eased for small traders',
    '17:Rail link survey completed',
  ]);
  const dates = records.map((r) => ('article' in r ? r.article.publishedAt : null));
  assert.deepEqual(dates, [
    '2024-03-12T00:00:00.000Z',
    '2024-03-12T00:00:00.000Z',
    '2024-03-13T00:00:00.000Z',
  ]);
});

test('without --source: one error at line 1 saying to pass it', async () => {
  const records = await readFile(fixture);
  assert.deepEqual(summary(records), ['1!IMPORT_BAD_RECORD']);
  assert.ok('error' in records[0]! && /--source/.test(records[0].error.message));
});

test('bad lines are errors at their line, and reading goes on', async () => {
  const text = [
    'Stray text before any date', // 1
    '01 June 2025', // 2
    'Viewing results 5 - 3 of 2', // 3
    '', // 4
    'Headline without body', // 5
    '02 June 2025', // 6
    'Viewing results one to six', // 7
    '', // 8
    'Good headline', // 9
    '', // 10
    'Good body.', // 11
    '', // 12
    'Last headline', // 13
    '',
  ].join('\r\n');
  const records = await collect(readDigest(readLines(chunksOf(text, 4)), { source: 'S' }));
  assert.deepEqual(summary(records), [
    '1!IMPORT_BAD_RECORD',
    '3!IMPORT_BAD_RECORD',
    '5!IMPORT_BAD_RECORD',
    '7!IMPORT_BAD_RECORD',
    '9:Good headline',
    '13!IMPORT_BAD_RECORD',
  ]);
  assert.ok('error' in records[2]! && /has no body/.test(records[2].error.message));
  assert.ok('article' in records[4]! && records[4].article.publishedAt === '2025-06-02T00:00:00.000Z');
});
