/**
 * Decides how to read an import file: by its extension, else by its first non-blank line.
 */
import { extname } from 'node:path';
import { AppError } from '../../core/errors.ts';
import { parseDateLine } from './parse-date-line.ts';

/** The file formats bulk import reads. */
export type ImportFormat = 'jsonl' | 'csv' | 'digest';

/** Every ImportFormat, for option parsing and messages. */
export const importFormats: readonly ImportFormat[] = ['jsonl', 'csv', 'digest'];

const byExtension = new Map<string, ImportFormat>([
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  // A .json export from our own tools is JSON Lines; a single JSON array fails line 1 with a clear reason.
  ['.json', 'jsonl'],
  ['.csv', 'csv'],
  ['.tsv', 'csv'],
  ['.txt', 'digest'],
  ['.digest', 'digest'],
]);

/** The format of `path` from its extension or, failing that, from `head` (the start of its text); throws IMPORT_UNKNOWN_FORMAT. */
export function detectFormat(path: string, head: string): ImportFormat {
  const known = byExtension.get(extname(path).toLowerCase());
  if (known !== undefined) return known;
  const firstLine =
    head
      .split(/\r\n?|\n/)
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  if (firstLine.startsWith('{')) return 'jsonl';
  if (/[,\t]/.test(firstLine) && firstLine.split(/[,\t]/).some((cell) => /^"?title"?$/i.test(cell.trim()))) {
    return 'csv';
  }
  if (parseDateLine(firstLine) !== null) return 'digest';
  throw new AppError(
    'IMPORT_UNKNOWN_FORMAT',
    `cannot tell the format of ${path}: expected ${importFormats.join(', ')} (by extension .jsonl/.ndjson/.json, .csv/.tsv, .txt/.digest); pass --format jsonl|csv|digest`,
  );
}

/** The field separator for a CSV-format file: a tab for .tsv, else a comma. */
export function csvDelimiter(path: string, head: string): ',' | '\t' {
  if (extname(path).toLowerCase() === '.tsv') return '\t';
  const firstLine = head.split(/\r\n?|\n/, 1)[0] ?? '';
  // A header with tabs and no commas is a TSV that arrived with another extension.
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}
