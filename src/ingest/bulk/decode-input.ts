/**
 * Opens an import file as a stream of decoded text, choosing the encoding from the first 64 KB.
 *
 * Analysts' exports come from Excel, old Windows tools and Russian-language CMSs, so besides UTF-8 we
 * meet windows-1251, KOI8-R and windows-1252. The file is never read whole: only the sniff window is
 * buffered, then it is decoded chunk by chunk.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AppError } from '../../core/errors.ts';

/** How much of the file is looked at to choose the encoding. */
export const sniffLength = 64 * 1024;

/** How decodeInput may be steered. */
export interface DecodeOptions {
  /** An encoding label TextDecoder knows (`windows-1251`, `koi8-r`, `utf-8`…); skips the sniff. */
  encoding?: string;
  /** Bytes per read; tests make it tiny to split characters across chunks. */
  chunkSize?: number;
}

/** An opened, decoded file. */
export interface DecodedInput {
  /** The WHATWG name of the encoding used, e.g. `utf-8`, `windows-1251`. */
  encoding: string;
  /** Why a non-UTF-8 encoding was chosen, for the user, e.g. "decoded as windows-1251 (file is not valid UTF-8)". */
  encodingNote?: string;
  /** Size of the file in bytes. */
  totalBytes: number;
  /** The sniff window decoded (may end mid-line), for format detection. */
  head: string;
  /** The decoded text, chunk by chunk; iterate once. */
  chunks: AsyncIterable<string>;
  /** Bytes of the file read so far, for progress bars. */
  bytesRead(): number;
}

/** Opens `path` as decoded text; throws IMPORT_FILE_NOT_FOUND, IMPORT_EMPTY_FILE, IMPORT_BINARY_FILE or IMPORT_BAD_ENCODING. */
export async function decodeInput(path: string, options: DecodeOptions = {}): Promise<DecodedInput> {
  const totalBytes = await fileSize(path);
  if (totalBytes === 0) throw new AppError('IMPORT_EMPTY_FILE', `${path} is empty: nothing to import`);
  const sample = await readStart(path, Math.min(sniffLength, totalBytes));
  const choice =
    options.encoding === undefined ? sniffEncoding(path, sample) : explicitEncoding(options.encoding);
  let bytesRead = 0;
  async function* chunks(): AsyncGenerator<string> {
    // fatal:false so that a stray bad byte deep in a large file becomes U+FFFD instead of failing the import.
    const decoder = new TextDecoder(choice.encoding, { fatal: false, ignoreBOM: true });
    const stream = createReadStream(path, {
      start: choice.skip,
      highWaterMark: options.chunkSize ?? sniffLength,
    });
    bytesRead = choice.skip;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield text;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  }
  const head = new TextDecoder(choice.encoding, { ignoreBOM: true }).decode(sample.subarray(choice.skip));
  return {
    encoding: choice.encoding,
    ...(choice.note === undefined ? {} : { encodingNote: choice.note }),
    totalBytes,
    head,
    chunks: chunks(),
    bytesRead: () => bytesRead,
  };
}

/** The encoding chosen for a file and how many BOM bytes to skip. */
export interface EncodingChoice {
  encoding: string;
  /** Bytes of BOM to skip. */
  skip: number;
  note?: string;
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('IMPORT_FILE_NOT_FOUND', `${path} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('IMPORT_FILE_NOT_FOUND', `${path} not found`, { cause: error });
    }
    throw error;
  }
}

async function readStart(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function explicitEncoding(label: string): EncodingChoice {
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch (error) {
    throw new AppError(
      'IMPORT_BAD_ENCODING',
      `unknown encoding "${label}" (try utf-8, windows-1251, koi8-r)`,
      {
        cause: error,
      },
    );
  }
  return { encoding, skip: 0 };
}

/** Chooses the encoding of a file from its first bytes (exported for tests). */
export function sniffEncoding(path: string, sample: Uint8Array): EncodingChoice {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', skip: 3 };
  // UTF-16 text is full of NULs, so its BOM must be checked before the binary test.
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', skip: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', skip: 2 };
  const nul = sample.indexOf(0);
  if (nul !== -1) {
    throw new AppError(
      'IMPORT_BINARY_FILE',
      `${path} looks binary (a NUL byte at offset ${nul}); import reads JSONL, CSV and digest text files`,
    );
  }
  if (isUtf8(sample)) return { encoding: 'utf-8', skip: 0 };
  const encoding = guessLegacyEncoding(sample);
  return { encoding, skip: 0, note: `decoded as ${encoding} (file is not valid UTF-8)` };
}

function startsWith(sample: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, i) => sample[i] === byte);
}

/** Valid UTF-8, allowing the window to end in the middle of a multi-byte character. */
function isUtf8(sample: Uint8Array): boolean {
  let end = sample.length;
  // Walk back over at most 3 continuation bytes to the lead byte of a possibly cut character.
  for (let back = 1; back <= 4 && back <= sample.length; back++) {
    const byte = sample[sample.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needed > back) end = sample.length - back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Lower-case Russian vowels: frequent in any Russian text, and where 1251 and KOI8-R disagree most. */
const russianVowels = new Set('аеиоуыэюяё');

/**
 * windows-1251 or KOI8-R for Cyrillic text, else windows-1252. Cyrillic words are runs of high bytes,
 * while Western European accents are single high bytes between ASCII letters; and decoding 1251 bytes
 * as KOI8-R (or back) turns lower-case letters into upper-case ones, so the right table is the one
 * that yields more lower-case vowels.
 */
function guessLegacyEncoding(sample: Uint8Array): string {
  let high = 0;
  let highPairs = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i]! < 0x80) continue;
    high++;
    if (i + 1 < sample.length && sample[i + 1]! >= 0x80) highPairs++;
  }
  if (high === 0 || highPairs / high < 0.5) return 'windows-1252';
  const vowels1251 = countVowels(new TextDecoder('windows-1251').decode(sample));
  const vowelsKoi8 = countVowels(new TextDecoder('koi8-r').decode(sample));
  return vowelsKoi8 > vowels1251 ? 'koi8-r' : 'windows-1251';
}

function countVowels(text: string): number {
  let count = 0;
  for (const char of text) if (russianVowels.has(char)) count++;
  return count;
}
