/**
 * Reads a response body into memory, decompressing gzip, deflate and br, and stops as soon as the
 * DECOMPRESSED size passes the limit: a 1 MB gzip bomb that inflates to 1 GB is cut after the limit,
 * and a 200 MB body is never buffered whole.
 */
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FetchError, formatBytes } from './fetch-error.ts';

/** What readBody needs to know about the response. */
export interface ReadBodyOptions {
  url: string;
  /** The Content-Encoding header, e.g. `gzip` or `gzip, br` (applied in that order). */
  contentEncoding: string | undefined;
  /** The Content-Length header, used only to refuse an uncompressed body that announces itself too big. */
  contentLength: string | undefined;
  maxBytes: number;
}

/** The body and how many bytes came over the wire for it. */
export interface ReadBody {
  body: Buffer;
  wireBytes: number;
}

/** Decoders are given bigger chunks than zlib's 16 KiB default: fewer chunks, a faster stop on a bomb. */
const decoderChunkSize = 64 * 1024;

/** Reads `stream` whole; throws FETCH_TOO_LARGE past `maxBytes` decoded, FETCH_BAD_RESPONSE on bad compression. */
export async function readBody(stream: Readable, options: ReadBodyOptions): Promise<ReadBody> {
  const { url, maxBytes } = options;
  let encodings: string[];
  try {
    encodings = parseContentEncoding(options.contentEncoding, url);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  const announced = Number(options.contentLength);
  if (encodings.length === 0 && Number.isFinite(announced) && announced > maxBytes) {
    stream.destroy();
    throw new FetchError(
      'FETCH_TOO_LARGE',
      `${url}: body over the ${formatBytes(maxBytes)} limit (Content-Length: ${formatBytes(announced)}); not read`,
      { url },
    );
  }
  let wireBytes = 0;
  let decodedBytes = 0;
  const chunks: Buffer[] = [];
  let failedDecoder: { encoding: string; error: Error } | undefined;
  // The body is compressed first with the first listed coding, so it is undone last.
  const decoders = encodings.reverse().map((encoding) => {
    const decoder = createDecoder(encoding);
    decoder.once('error', (error) => {
      failedDecoder ??= { encoding, error };
    });
    return decoder;
  });
  try {
    // pipeline's typings have no overload for a spread of stages; the stages are checked one by one above.
    await (pipeline as (...stages: unknown[]) => Promise<void>)(
      stream,
      async function* countWireBytes(source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          wireBytes += chunk.length;
          yield chunk;
        }
      },
      ...decoders,
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          decodedBytes += chunk.length;
          if (decodedBytes > maxBytes) {
            const from =
              decoders.length > 0 ? ` after decompression (from ${formatBytes(wireBytes)} received)` : '';
            throw new FetchError(
              'FETCH_TOO_LARGE',
              `${url}: body over the ${formatBytes(maxBytes)} limit${from}; stopped reading`,
              { url },
            );
          }
          chunks.push(chunk);
        }
      },
    );
  } catch (error) {
    // An empty body labelled gzip (some servers do this for 204-like answers) is just empty.
    if (failedDecoder !== undefined && wireBytes === 0) return { body: Buffer.alloc(0), wireBytes };
    if (failedDecoder !== undefined && error === failedDecoder.error) {
      throw new FetchError(
        'FETCH_BAD_RESPONSE',
        `${url}: could not decompress the ${failedDecoder.encoding} body (${failedDecoder.error.message})`,
        { url, cause: error },
      );
    }
    throw error;
  }
  return { body: Buffer.concat(chunks, decodedBytes), wireBytes };
}

function parseContentEncoding(header: string | undefined, url: string): string[] {
  if (header === undefined) return [];
  const encodings = header
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && part !== 'identity');
  for (const encoding of encodings) {
    if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) {
      throw new FetchError(
        'FETCH_BAD_RESPONSE',
        `${url}: unsupported Content-Encoding "${encoding}" (we ask for gzip, deflate or br)`,
        { url },
      );
    }
  }
  return encodings;
}

function createDecoder(encoding: string): Transform {
  if (encoding === 'br') {
    return createBrotliDecompress({ chunkSize: decoderChunkSize });
  }
  // "deflate" is the zlib format (RFC 9110); createInflate also reports raw deflate as an error, not garbage.
  if (encoding === 'deflate') return createInflate({ chunkSize: decoderChunkSize });
  return createGunzip({ chunkSize: decoderChunkSize });
}
