/**
 * feedparser's test files: one feed per file, with a leading comment holding `Description:`,
 * `Expect:` (a Python expression over the parse result) and optional `Header:` lines (HTTP headers
 * the upstream test server sends). Read in place from the shared corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One feedparser test file. */
export interface FeedparserCase {
  /** Path relative to the feedparser corpus folder, e.g. `wellformed/rss/item_title.xml`. */
  name: string;
  path: string;
  bytes: Buffer;
  description: string;
  expect: string;
  /** HTTP headers the upstream server sends with the file, names lower-cased. */
  headers: Map<string, string>;
}

/** Every .xml and .json file under `folder` (recursively), sorted. */
export function listFiles(folder: string, extensions = ['.xml', '.json']): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(path, extensions));
    else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(path);
  }
  return found.sort();
}

/** Reads a test file and its comment header (decoding UTF-16/32 files so that the comment can be found). */
export function readFeedparserCase(root: string, path: string): FeedparserCase {
  const bytes = readFileSync(path);
  const text = decodeForHeader(bytes);
  const headers = new Map<string, string>();
  for (const match of text.matchAll(/^\s*Header:\s*([^:\n]+):\s*(.*?)\s*$/gm)) {
    headers.set(match[1]!.trim().toLowerCase(), match[2]!);
  }
  const json = path.endsWith('.json') ? jsonTestText(text) : undefined;
  const source = json ?? text;
  return {
    name: relative(root, path),
    path,
    bytes,
    description: /Description:\s*(.*)/.exec(source)?.[1]?.trim() ?? '',
    expect: /Expect:\s*(.*)/.exec(source)?.[1]?.trim() ?? '',
    headers,
  };
}

/** A JSON test keeps its Description/Expect text under "__TEST__". */
function jsonTestText(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { __TEST__?: unknown };
    return typeof parsed.__TEST__ === 'string' ? parsed.__TEST__ : undefined;
  } catch {
    return undefined;
  }
}

/** Enough of a decoding to read an ASCII comment in UTF-8, UTF-16 or UTF-32 files, with or without a BOM. */
function decodeForHeader(bytes: Buffer): string {
  const b = bytes;
  if (
    (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) ||
    (b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0)
  ) {
    return decodeUtf32(b, true);
  }
  if (
    (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) ||
    (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c)
  ) {
    return decodeUtf32(b, false);
  }
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0))
    return new TextDecoder('utf-16le').decode(b);
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0 && b[1] === 0x3c))
    return new TextDecoder('utf-16be').decode(b);
  return new TextDecoder('utf-8').decode(b);
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  let text = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    if (code <= 0x10ffff) text += String.fromCodePoint(code);
  }
  return text;
}
