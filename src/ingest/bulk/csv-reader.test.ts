import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { chunksOf, collect } from '../../../test/fixtures/import/test-streams.ts';
import { readCsv } from './csv-reader.ts';
import { decodeInput } from './decode-input.ts';
import type { ImportRecord } from './import-record.ts';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/import');

const summary = (records: ImportRecord[]) =>
  records.map((r) => ('article' in r ? `${r.line}:${r.article.title}` : `${r.line}!${r.error.code}`));

async function readText(text: string, options = {}) {
  return collect(readCsv(chunksOf(text, 6), { source: 'S', ...options }));
}

test('the fixture: CRLF, a quoted multi-line field, a wrong-column-count row, escaped quotes', async () => {
  const input = await decodeInput(`${fixtures}/articles.csv`);
  const records = await collect(readCsv(input.chunks, { source: 'Steppe Wire' }));
  assert.deepEqual(summary(records), ['2:Water talks resume', '4!IMPORT_BAD_RECORD', '5:Quoted "title"']);
  const first = records[0]!;
  assert.ok('article' in first);
  assert.equal(first.article.text, 'Delegations met in the capital.\nA second round is planned.');
  assert.equal(first.article.url, 'https://example.org/a');
  assert.equal(first.article.publishedAt, '2025-05-05T00:00:00.000Z');
  const wrong = records[1]!;
  assert.ok('error' in wrong);
  assert.equal(wrong.error.message, 'the row has 2 fields, the header has 4');
});

test('headers are case-insensitive and body/content are text', async () => {
  const records = await readText('Title,BODY,Source\nA,text a,Own\n\nB,text b,\n');
  assert.deepEqual(summary(records), ['2:A', '4:B']);
  assert.ok('article' in records[0]! && records[0].article.source === 'Own');
  assert.ok('article' in records[1]! && records[1].article.source === 'S');
  assert.deepEqual(summary(await readText('title,content\nx,\n')), ['2!ARTICLE_INVALID']);
});

test('validation errors keep their row line, after multi-line rows', async () => {
  const records = await readText(
    'title,text,published_at\n"One","two\nlines\nhere",2025-05-05\n"",no title,\nBad,date,someday\nOk,fine,05 May 2025\n',
  );
  assert.deepEqual(summary(records), ['2:One', '5!ARTICLE_INVALID', '6!ARTICLE_INVALID', '7:Ok']);
});

test('missing header columns: one file-level error at line 1, nothing else read', async () => {
  const input = await decodeInput(`${fixtures}/missing-columns.csv`);
  const records = await collect(readCsv(input.chunks, { source: 'S' }));
  assert.equal(records.length, 1);
  const only = records[0]!;
  assert.ok('error' in only);
  assert.equal(only.line, 1);
  assert.equal(only.error.code, 'IMPORT_BAD_RECORD');
  assert.match(only.error.message, /no "title" and no "text"/);
  assert.deepEqual(summary(await readText('title,url\nA,https://x.org\n')), ['1!IMPORT_BAD_RECORD']);
});

test('TSV with a tab delimiter', async () => {
  const records = await readText('title\ttext\nA, with comma\tbody\n', { delimiter: '\t' });
  assert.deepEqual(summary(records), ['2:A, with comma']);
});

test('a broken quote is reported at its line and ends the file, saying so', async () => {
  const records = await readText('title,text\nA,a\n"B"x,b\nC,c\n');
  assert.deepEqual(summary(records), ['2:A', '3!IMPORT_BAD_RECORD']);
  const last = records[1]!;
  assert.ok('error' in last);
  assert.match(last.error.message, /rest of the file was not imported/);
});
