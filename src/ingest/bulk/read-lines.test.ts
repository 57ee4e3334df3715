import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunksOf, collect } from '../../../test/fixtures/import/test-streams.ts';
import { type LineRecord, readLines } from './read-lines.ts';

const texts = (records: LineRecord[]) =>
  records.map((r) => ('text' in r ? `${r.line}:${r.text}` : `${r.line}!${r.error.code}`));

test('splits on \\n, \\r\\n and lone \\r, whatever the chunk size', async () => {
  const input = 'one\ntwo\r\nthree\rfour\r\n\r\nsix';
  for (const size of [1, 2, 3, 5, 100]) {
    assert.deepEqual(texts(await collect(readLines(chunksOf(input, size)))), [
      '1:one',
      '2:two',
      '3:three',
      '4:four',
      '5:',
      '6:six',
    ]);
  }
});

test('a \\r\\n split between chunks is one terminator', async () => {
  async function* chunks() {
    yield 'a\r';
    yield '\nb\r';
    yield '\r';
    yield 'c';
  }
  assert.deepEqual(texts(await collect(readLines(chunks()))), ['1:a', '2:b', '3:', '4:c']);
});

test('no empty line is yielded after a final terminator', async () => {
  assert.deepEqual(texts(await collect(readLines(chunksOf('a\nb\n')))), ['1:a', '2:b']);
  assert.deepEqual(texts(await collect(readLines(chunksOf('a\r\n', 1)))), ['1:a']);
});

test('an over-long line is skipped and reported with its line number, and reading goes on', async () => {
  const input = `short\n${'x'.repeat(50)}\nafter\n${'y'.repeat(20)}`;
  const records = await collect(readLines(chunksOf(input, 4), { maxLineLength: 20 }));
  assert.deepEqual(texts(records), [
    '1:short',
    '2!IMPORT_LINE_TOO_LONG',
    '3:after',
    '4:yyyyyyyyyyyyyyyyyyyy',
  ]);
  const error = records[1]!;
  assert.ok('error' in error);
  assert.equal(error.error.location?.line, 2);
});

test('an over-long last line without a terminator is reported too', async () => {
  const records = await collect(readLines(chunksOf(`a\n${'z'.repeat(30)}`, 8), { maxLineLength: 10 }));
  assert.deepEqual(texts(records), ['1:a', '2!IMPORT_LINE_TOO_LONG']);
});
