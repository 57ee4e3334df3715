import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { csvDelimiter, detectFormat } from './detect-format.ts';

test('the extension decides when it is known', () => {
  assert.equal(detectFormat('a.jsonl', ''), 'jsonl');
  assert.equal(detectFormat('a.NDJSON', ''), 'jsonl');
  assert.equal(detectFormat('a.json', ''), 'jsonl');
  assert.equal(detectFormat('a.csv', ''), 'csv');
  assert.equal(detectFormat('a.tsv', ''), 'csv');
  assert.equal(detectFormat('a.txt', '{"title":1}'), 'digest');
  assert.equal(detectFormat('a.digest', ''), 'digest');
});

test('otherwise the first non-blank line decides', () => {
  assert.equal(detectFormat('export', '\n\n  {"title":"x"}\n'), 'jsonl');
  assert.equal(detectFormat('export', 'url,"Title",text\n'), 'csv');
  assert.equal(detectFormat('export', 'title\ttext\n'), 'csv');
  assert.equal(detectFormat('export', '\r\n05 May 2025\r\n\r\nViewing results 1 - 6 of 31'), 'digest');
});

test('an unknown format names the formats and the --format flag', () => {
  assert.throws(
    () => detectFormat('notes.md', '# Notes\n'),
    (error) =>
      isAppError(error, 'IMPORT_UNKNOWN_FORMAT') &&
      /jsonl, csv, digest/.test(error.message) &&
      /--format/.test(error.message),
  );
});

test('TSV uses a tab delimiter', () => {
  assert.equal(csvDelimiter('a.tsv', 'title,text'), '\t');
  assert.equal(csvDelimiter('a.csv', 'title,text'), ',');
  assert.equal(csvDelimiter('a.csv', 'title\ttext'), '\t');
});
