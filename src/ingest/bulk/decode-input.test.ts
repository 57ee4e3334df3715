import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { encodeKoi8r, encodeWindows1251 } from '../../../test/fixtures/import/encode-legacy.ts';
import { collect, tempFile } from '../../../test/fixtures/import/test-streams.ts';
import { decodeInput } from './decode-input.ts';

const russian = 'Пограничный пост открылся после ремонта. Жители села ждали этого две недели, ёлки стоят.\n';

async function decodeBytes(name: string, bytes: Uint8Array, options = {}) {
  const file = await tempFile(name, bytes);
  try {
    const input = await decodeInput(file.path, options);
    return { ...input, text: (await collect(input.chunks)).join(''), path: file.path };
  } finally {
    await file.remove();
  }
}

test('plain UTF-8 is decoded as utf-8 without a note', async () => {
  const result = await decodeBytes('a.jsonl', Buffer.from('{"title":"Ålma"}\n'));
  assert.equal(result.encoding, 'utf-8');
  assert.equal(result.encodingNote, undefined);
  assert.equal(result.text, '{"title":"Ålma"}\n');
});

test('a UTF-8 BOM is honoured and stripped', async () => {
  const result = await decodeBytes(
    'a.csv',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('title,text\n')]),
  );
  assert.equal(result.encoding, 'utf-8');
  assert.equal(result.text, 'title,text\n');
  assert.equal(result.head, 'title,text\n');
});

test('UTF-16LE and UTF-16BE with a BOM are decoded although they contain NUL bytes', async () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Заголовок\n', 'utf16le')]);
  const resultLe = await decodeBytes('a.txt', le);
  assert.equal(resultLe.encoding, 'utf-16le');
  assert.equal(resultLe.text, 'Заголовок\n');
  const be = Buffer.from(le.subarray(2)).swap16();
  const resultBe = await decodeBytes('a.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  assert.equal(resultBe.encoding, 'utf-16be');
  assert.equal(resultBe.text, 'Заголовок\n');
});

test('windows-1251 Cyrillic is detected and decoded, with a note for the user', async () => {
  const result = await decodeBytes('a.txt', encodeWindows1251(russian));
  assert.equal(result.encoding, 'windows-1251');
  assert.equal(result.encodingNote, 'decoded as windows-1251 (file is not valid UTF-8)');
  assert.equal(result.text, russian);
});

test('KOI8-R Cyrillic is detected and decoded', async () => {
  const result = await decodeBytes('a.txt', encodeKoi8r(russian));
  assert.equal(result.encoding, 'koi8-r');
  assert.equal(result.text, russian);
});

test('Western European legacy text falls back to windows-1252', async () => {
  const result = await decodeBytes(
    'a.txt',
    Buffer.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au coin, M'), 0xfc, ...Buffer.from('ller\n')]),
  );
  assert.equal(result.encoding, 'windows-1252');
  assert.equal(result.text, 'Café au coin, Müller\n');
});

test('an explicit encoding overrides the sniff', async () => {
  const result = await decodeBytes('a.txt', encodeKoi8r(russian), { encoding: 'koi8-r' });
  assert.equal(result.encoding, 'koi8-r');
  assert.equal(result.encodingNote, undefined);
  assert.equal(result.text, russian);
  await assert.rejects(decodeBytes('a.txt', Buffer.from('x'), { encoding: 'klingon-8' }), (error) =>
    isAppError(error, 'IMPORT_BAD_ENCODING'),
  );
});

test('multi-byte characters split across read chunks decode correctly', async () => {
  const text = 'Алматы — Бишкек — Душанбе\n'.repeat(50);
  const result = await decodeBytes('a.txt', Buffer.from(text), { chunkSize: 3 });
  assert.equal(result.text, text);
  assert.equal(result.bytesRead(), Buffer.byteLength(text));
});

test('an empty file is IMPORT_EMPTY_FILE', async () => {
  await assert.rejects(decodeBytes('empty.jsonl', Buffer.alloc(0)), (error) => {
    assert.ok(isAppError(error, 'IMPORT_EMPTY_FILE'));
    assert.match(error.message, /empty\.jsonl is empty: nothing to import/);
    return true;
  });
});

test('a binary file is IMPORT_BINARY_FILE naming the offset of the first NUL', async () => {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
  ]);
  await assert.rejects(decodeBytes('photo.txt', png), (error) => {
    assert.ok(isAppError(error, 'IMPORT_BINARY_FILE'));
    assert.match(error.message, /offset 8/);
    return true;
  });
});

test('a missing file is IMPORT_FILE_NOT_FOUND', async () => {
  await assert.rejects(decodeInput('/nonexistent/wirewatch/none.jsonl'), (error) =>
    isAppError(error, 'IMPORT_FILE_NOT_FOUND'),
  );
});
