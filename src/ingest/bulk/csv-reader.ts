/**
 * Reads CSV (or TSV) with a header row naming the article fields.
 *
 * csv-parse recovers cleanly only from rows with the wrong number of fields; after a broken quote or an
 * over-long record it silently drops the rest of the input. So those errors are reported and end the
 * file, saying so, instead of losing rows without a word.
 */
import { Readable } from 'node:stream';
import { type CsvError, type Info, parse } from 'csv-parse';
import { AppError } from '../../core/errors.ts';
import type { ImportRecord } from './import-record.ts';
import type { ReaderOptions } from './jsonl-reader.ts';
import { defaultMaxLineLength } from './read-lines.ts';
import { knownFieldNames, type RawArticle, validateArticle } from './validate-article.ts';

/** Options for readCsv. */
export interface CsvReaderOptions extends ReaderOptions {
  /** Field separator: `,` for .csv (default), a tab for .tsv. */
  delimiter?: ',' | '\t';
}

/** Yields one ImportRecord per data row of a CSV file (the first row is the header). */
export async function* readCsv(
  chunks: AsyncIterable<string>,
  options: CsvReaderOptions = {},
): AsyncGenerator<ImportRecord> {
  // Errors arrive through on_skip while rows wait in the stream's buffer; they are queued and
  // yielded in line order between rows.
  const pending: PendingError[] = [];
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    info: true,
    bom: false,
    skip_empty_lines: true,
    relax_column_count: false,
    skip_records_with_error: true,
    max_record_size: defaultMaxLineLength,
    on_skip: (error: CsvError | undefined) => {
      if (error !== undefined) pending.push(toPendingError(error));
      return undefined;
    },
  });
  // csv-parse counts a \r\n inside a quoted field as two lines, so line breaks are made \n first;
  // validateArticle would drop the \r of field text anyway.
  const source = Readable.from(normalizeNewlines(chunks));
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let columns: (string | null)[] | null = null;
  let stopAt = Number.POSITIVE_INFINITY;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const line = info.lines - newlineCount(record);
      while (pending.length > 0 && pending[0]!.line < line)
        yield* takeError(pending, columns?.length, (at) => (stopAt = at));
      if (line > stopAt) break;
      if (columns === null) {
        columns = record.map(columnField);
        const missing = missingColumns(record, columns);
        if (missing !== null) {
          yield { line: 1, error: new AppError('IMPORT_BAD_RECORD', missing, { location: { line: 1 } }) };
          return;
        }
        continue;
      }
      const raw: RawArticle = Object.create(null);
      columns.forEach((field, i) => {
        // The first column naming a field wins, as with JSON keys.
        if (field !== null && raw[field] === undefined) raw[field] = record[i];
      });
      const article = validateArticle(raw, { line, source: options.source });
      yield article instanceof AppError ? { line, error: article } : { line, article };
    }
    while (pending.length > 0 && pending[0]!.line <= stopAt)
      yield* takeError(pending, columns?.length, (at) => (stopAt = at));
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** A csv-parse error waiting for its turn; `fatal` when csv-parse cannot go on after it. */
interface PendingError {
  line: number;
  fatal: boolean;
  cause: CsvError;
}

/** Yields the next pending error; a fatal one also sets where reading stops and drops the rest. */
function* takeError(
  pending: PendingError[],
  headerLength: number | undefined,
  stop: (line: number) => void,
): Generator<ImportRecord> {
  const next = pending.shift()!;
  if (next.fatal) {
    stop(next.line);
    pending.length = 0;
  }
  yield { line: next.line, error: toAppError(next, headerLength) };
}

function toPendingError(error: CsvError): PendingError {
  const fields = (error as CsvError & { record?: string[] }).record;
  const endLine = typeof error.lines === 'number' ? error.lines : 1;
  const line = Array.isArray(fields) ? endLine - newlineCount(fields) : endLine;
  return { line, fatal: error.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', cause: error };
}

function toAppError({ line, fatal, cause }: PendingError, headerLength: number | undefined): AppError {
  const options = { location: { line }, cause };
  if (!fatal) {
    const fields = (cause as CsvError & { record?: string[] }).record;
    const message = `the row has ${fields?.length ?? 'a different number of'} fields, the header has ${headerLength ?? 'another number'}`;
    return new AppError('IMPORT_BAD_RECORD', message, options);
  }
  const code = cause.code === 'CSV_MAX_RECORD_SIZE' ? 'IMPORT_LINE_TOO_LONG' : 'IMPORT_BAD_RECORD';
  const reason = cause.message.replace(/ at line \d+.*$/, '');
  return new AppError(
    code,
    `${reason}; CSV cannot be read past this point, so the rest of the file was not imported`,
    options,
  );
}

/** The field name a header cell gives (lower-cased), or null for columns that are ignored. */
function columnField(header: string): string | null {
  const name = header.trim().toLowerCase();
  return knownFieldNames.has(name) ? name : null;
}

function missingColumns(header: string[], columns: (string | null)[]): string | null {
  const missing: string[] = [];
  if (!columns.includes('title')) missing.push('"title"');
  if (!['text', 'body', 'content', 'html'].some((name) => columns.includes(name))) {
    missing.push('"text" (or "body", "content", "html")');
  }
  if (missing.length === 0) return null;
  const found = header.map((cell) => JSON.stringify(cell.slice(0, 40))).join(', ');
  return `the header row has no ${missing.join(' and no ')} column (found ${found}); nothing was read`;
}

function newlineCount(fields: string[]): number {
  let count = 0;
  for (const field of fields)
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  return count;
}

async function* normalizeNewlines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCr = false;
  for await (const chunk of chunks) {
    let text: string = pendingCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    pendingCr = text.endsWith('\r');
    text = text.replace(/\r\n?/g, '\n');
    if (text !== '') yield text;
  }
}
