/**
 * Splits decoded text into numbered lines without ever holding more than one line (up to a limit).
 */
import { AppError } from '../../core/errors.ts';

/** Default longest line, in UTF-16 code units (16 MiB); far above any real article, far below memory trouble. */
export const defaultMaxLineLength = 16 * 1024 * 1024;

/** One line of a file (without its terminator), or the error for a line that was too long. */
export type LineRecord = { line: number; text: string } | { line: number; error: AppError };

/** Options for readLines. */
export interface ReadLinesOptions {
  /** Longest line kept, in UTF-16 code units; longer lines are skipped and reported. */
  maxLineLength?: number;
}

/**
 * Yields the lines of `chunks`, numbered from 1. Accepts `\n`, `\r\n` and lone `\r` (old Mac exports),
 * including a `\r\n` split across two chunks. A final line without a terminator is yielded; an empty
 * last line after the final terminator is not.
 */
export async function* readLines(
  chunks: AsyncIterable<string>,
  options: ReadLinesOptions = {},
): AsyncGenerator<LineRecord> {
  const maxLength = options.maxLineLength ?? defaultMaxLineLength;
  let parts: string[] = [];
  let length = 0;
  // Once a line is over the limit its text is dropped as it arrives, so memory stays bounded.
  let skipping = false;
  let lineNumber = 1;
  // A chunk ended in `\r`: a `\n` at the start of the next chunk belongs to the same terminator.
  let pendingCr = false;
  const terminator = /[\r\n]/g;

  const append = (piece: string): void => {
    if (skipping || piece === '') return;
    if (length + piece.length > maxLength) {
      skipping = true;
      parts = [];
      length = 0;
      return;
    }
    parts.push(piece);
    length += piece.length;
  };
  const take = (): LineRecord => {
    const record: LineRecord = skipping
      ? {
          line: lineNumber,
          error: new AppError(
            'IMPORT_LINE_TOO_LONG',
            `the line is longer than ${maxLength} characters; it was skipped`,
            { location: { line: lineNumber } },
          ),
        }
      : { line: lineNumber, text: parts.length === 1 ? parts[0]! : parts.join('') };
    parts = [];
    length = 0;
    skipping = false;
    lineNumber++;
    return record;
  };

  for await (const chunk of chunks) {
    let position = 0;
    if (pendingCr) {
      pendingCr = false;
      if (chunk.startsWith('\n')) position = 1;
    }
    terminator.lastIndex = position;
    for (let match = terminator.exec(chunk); match !== null; match = terminator.exec(chunk)) {
      append(chunk.slice(position, match.index));
      yield take();
      position = match.index + 1;
      if (match[0] === '\r') {
        if (position === chunk.length) pendingCr = true;
        else if (chunk[position] === '\n') position++;
      }
      terminator.lastIndex = position;
    }
    append(chunk.slice(position));
  }
  if (length > 0 || skipping) yield take();
}
