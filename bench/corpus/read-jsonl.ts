/**
 * Reads a JSONL file line by line, synchronously and in constant memory, so that import baselines
 * can stream corpora larger than RAM without the overhead of async iteration.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const chunkBytes = 1 << 20;

/** The non-empty lines of `path`, without their line ends. */
export function* readJsonlLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  // The decoder keeps a multi-byte character that a chunk boundary splits for the next chunk.
  const decoder = new StringDecoder('utf8');
  const chunk = Buffer.allocUnsafe(chunkBytes);
  let carry = '';
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkBytes, null);
      if (read === 0) break;
      const text = carry + decoder.write(chunk.subarray(0, read));
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        const line = text.slice(start, end).trimEnd();
        if (line !== '') yield line;
        start = end + 1;
      }
      carry = text.slice(start);
    }
    const last = (carry + decoder.end()).trim();
    if (last !== '') yield last;
  } finally {
    closeSync(fd);
  }
}
