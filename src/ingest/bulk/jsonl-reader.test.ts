import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { test } from 'node:test';
import fc from 'fast-check';
import { chunksOf, collect } from '../../../test/fixtures/import/test-streams.ts';
import { decodeInput } from './decode-input.ts';
import type { ImportRecord } from './import-record.ts';
import { readJsonl } from './jsonl-reader.ts';
import { readLines } from './read-lines.ts';

const fixture = resolve(import.meta.dirname, '../../../test/fixtures/import/articles.jsonl');

const summary = (records: ImportRecord[]) =>
  records.map((r) => ('article' in r ? `${r.line}:${r.article.title}` : `${r.line}!${r.error.code}`));

async function readText(text: string, source?: string) {
  return collect(readJsonl(readLines(chunksOf(text, 5)), { source }));
}

test('the fixture: good lines become articles, each bad line one error with its line number', async () => {
  const input = await decodeInput(fixture);
  const records = await collect(readJsonl(readLines(input.chunks)));
  assert.deepEqual(summary(records), [
    '1:Border post reopens after repairs',
    '2:Regional council meets',
    '4!IMPORT_BAD_RECORD',
    '5!ARTICLE_INVALID',
    '6!ARTICLE_INVALID',
    '7!IMPORT_BAD_RECORD',
    '8!ARTICLE_INVALID',
    '9:Dated by day',
  ]);
  const byLine = new Map(records.map((r) => [r.line, r]));
  const html = byLine.get(2)!;
  assert.ok('article' in html);
  assert.equal(html.article.text, 'The council met & agreed a budget.');
  assert.equal(html.article.html, null);
  assert.equal(html.article.publishedAt, '2025-05-05T05:00:00.000Z');
  const malformed = byLine.get(4)!;
  assert.ok('error' in malformed);
  assert.match(malformed.error.message, /not valid JSON: .*position/);
  const badDate = byLine.get(6)!;
  assert.ok('error' in badDate);
  assert.match(badDate.error.message, /published_at "last Tuesday"/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('non-objects are errors', async () => {
  const records = await readText('null\n42\n"text"\n[]\n', 'S');
  assert.deepEqual(summary(records), [
    '1!IMPORT_BAD_RECORD',
    '2!IMPORT_BAD_RECORD',
    '3!IMPORT_BAD_RECORD',
    '4!IMPORT_BAD_RECORD',
  ]);
  const first = records[0]!;
  assert.ok('error' in first);
  assert.match(first.error.message, /got null/);
});

test('CRLF files and a BOM mid-file (concatenated exports) are read', async () => {
  const records = await readText('{"title":"A","text":"a"}\r\n\r\n\uFEFF{"title":"B","text":"b"}\r\n', 'S');
  assert.deepEqual(summary(records), ['1:A', '3:B']);
});

test('a 10 MB article is refused as ARTICLE_TOO_LARGE without stopping the reader', async () => {
  const big = JSON.stringify({ title: 'Huge', text: 'word '.repeat(2_100_000) });
  const records = await readText(`${big}\n{"title":"Small","text":"fine"}\n`, 'S');
  assert.deepEqual(summary(records), ['1!ARTICLE_TOO_LARGE', '2:Small']);
  const first = records[0]!;
  assert.ok('error' in first);
  assert.equal(first.error.message, 'text is 10.5 MB, over the 2 MB limit');
});

test('property: one record per non-blank line, with the right line numbers', async () => {
  const line = fc.oneof(
    fc.constant(''),
    fc.constant('   '),
    fc
      .record({ title: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), text: fc.string() })
      .map((r) => JSON.stringify(r)),
    fc.string().filter((s) => !/[\r\n]/.test(s)),
    fc.constantFrom('{', '[]', 'null', '{"title": 42}', '{"__proto__": {"x": 1}}'),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { maxLength: 30 }),
      fc.constantFrom('\n', '\r\n', '\r'),
      fc.integer({ min: 1, max: 9 }),
      async (lines, eol, size) => {
        const records = await collect(readJsonl(readLines(chunksOf(lines.join(eol), size)), { source: 'S' }));
        const expected = lines.flatMap((text, i) =>
          text.replace(/^\uFEFF/, '').trim() === '' ? [] : [i + 1],
        );
        assert.deepEqual(
          records.map((r) => r.line),
          expected,
        );
      },
    ),
    { numRuns: 200 },
  );
});

test('streaming: a ~50 MB file is read with flat memory', async () => {
  const path = join(tmpdir(), `wirewatch-stream-${process.pid}.jsonl`);
  const paragraph = 'Border guards reported a quiet week along the river, officials said. '.repeat(14);
  let expected = 0;
  try {
    const out = createWriteStream(path);
    for (let written = 0; written < 50_000_000; expected++) {
      const line = `${JSON.stringify({ source: 'S', title: `Report ${expected}`, text: paragraph })}\n`;
      written += line.length;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let count = 0;
    let peak = before;
    const input = await decodeInput(path);
    for await (const record of readJsonl(readLines(input.chunks))) {
      if ('article' in record) count++;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    assert.equal(count, expected);
    assert.ok(peak - before < 100 * 1024 * 1024, `rss grew by ${Math.round((peak - before) / 1048576)} MB`);
  } finally {
    await rm(path, { force: true });
  }
});
