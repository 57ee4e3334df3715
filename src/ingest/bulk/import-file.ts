/**
 * Imports one file of articles into the archive: decode, detect the format, read, validate, write in batches.
 */
import type { NewArticle } from '../../core/article.ts';
import { AppError, type ErrorCode, type ErrorLocation, isAppError } from '../../core/errors.ts';
import type { Store, StoreWriter } from '../../store/store.ts';
import { readCsv } from './csv-reader.ts';
import { type DecodedInput, decodeInput } from './decode-input.ts';
import { csvDelimiter, detectFormat, type ImportFormat } from './detect-format.ts';
import { readDigest } from './digest-reader.ts';
import type { ImportRecord } from './import-record.ts';
import { readJsonl } from './jsonl-reader.ts';
import { readLines } from './read-lines.ts';

/** At most this many errors are kept in an ImportSummary; the rest are only counted. */
export const maxReportedErrors = 1_000;

/** An AppError that knows its line in the file. */
export type LocatedError = AppError & { location: ErrorLocation & { line: number } };

/** How importFile reads and writes. */
export interface ImportOptions {
  /** Skips format detection. */
  format?: ImportFormat;
  /** Source name for records without one; required for digests. */
  source?: string;
  /** All or nothing: the first bad record rolls back the whole file. */
  strict?: boolean;
  /** Skips encoding detection (a TextDecoder label). */
  encoding?: string;
  /** Articles per store.addArticles call (one transaction each); default 500. */
  batchSize?: number;
  /** Called as the file is read, for a progress bar. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Called for every bad record as it is found (also those beyond maxReportedErrors). */
  onError?: (error: LocatedError) => void;
}

/** One bad record, as reported to the user. */
export interface ImportErrorEntry {
  line: number;
  code: string;
  message: string;
}

/** What importing one file did. */
export interface ImportSummary {
  path: string;
  format: ImportFormat;
  encoding: string;
  /** Set when the encoding was guessed as a legacy one, e.g. "decoded as windows-1251 (file is not valid UTF-8)". */
  encodingNote?: string;
  imported: number;
  duplicates: number;
  /** The first maxReportedErrors errors, in file order. */
  errors: ImportErrorEntry[];
  /** Every error, including those not kept in `errors`. */
  errorCount: number;
  /** True when --strict stopped at a bad record and nothing was imported; `errors` then holds that one record. */
  aborted: boolean;
}

/** The part of the Store that importing needs (any Store is one). */
export type ImportTarget = Pick<Store, 'addArticles' | 'transaction'>;

/**
 * Imports the articles in `path`. Without `strict`, each batch is its own transaction, so a crash
 * midway leaves whole articles only and a re-run skips them as duplicates. Store failures (disk full,
 * busy) are thrown, never counted as record errors.
 */
export async function importFile(
  store: ImportTarget,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const input = await decodeInput(path, options.encoding === undefined ? {} : { encoding: options.encoding });
  const format = options.format ?? detectFormat(path, input.head);
  const summary: ImportSummary = {
    path,
    format,
    encoding: input.encoding,
    ...(input.encodingNote === undefined ? {} : { encodingNote: input.encodingNote }),
    imported: 0,
    duplicates: 0,
    errors: [],
    errorCount: 0,
    aborted: false,
  };
  const records = openReader(format, path, input, options);
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const strict = options.strict === true;

  const addError = (error: LocatedError): void => {
    options.onError?.(error);
    summary.errorCount++;
    if (summary.errors.length < maxReportedErrors) {
      summary.errors.push({ line: error.location.line, code: error.code, message: error.message });
    }
  };
  const strictAbort = (error: LocatedError): AppError =>
    new AppError(
      'IMPORT_STRICT_ABORTED',
      `line ${error.location.line}: ${error.message} — nothing from ${path} was imported (--strict)`,
      { location: { line: error.location.line }, cause: error },
    );

  const write = async (
    writer: StoreWriter,
    batch: { line: number; article: NewArticle }[],
  ): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await writer.addArticles(batch.map((record) => record.article));
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'inserted') summary.imported++;
      else if (outcome.status === 'duplicate') summary.duplicates++;
      else {
        // The store re-checks every article; one it refuses is an error at its line, the batch stays.
        const located = locate(new AppError(outcome.code as ErrorCode, outcome.message), batch[index]!.line);
        if (strict) throw strictAbort(located);
        addError(located);
      }
    });
  };

  const run = async (writer: StoreWriter): Promise<void> => {
    let batch: { line: number; article: NewArticle }[] = [];
    for await (const record of records) {
      if ('error' in record) {
        const located = locate(record.error, record.line);
        if (strict) {
          options.onError?.(located);
          throw strictAbort(located);
        }
        addError(located);
        continue;
      }
      batch.push(record);
      if (batch.length >= batchSize) {
        await write(writer, batch);
        batch = [];
      }
    }
    await write(writer, batch);
  };

  if (!strict) {
    await run(store);
    return summary;
  }
  try {
    await store.transaction(run);
  } catch (error) {
    if (!isAppError(error, 'IMPORT_STRICT_ABORTED')) throw error;
    const line = error.location?.line ?? 0;
    return {
      ...summary,
      imported: 0,
      duplicates: 0,
      errors: [{ line, code: error.code, message: error.message }],
      errorCount: 1,
      aborted: true,
    };
  }
  return summary;
}

function openReader(
  format: ImportFormat,
  path: string,
  input: DecodedInput,
  options: ImportOptions,
): AsyncIterable<ImportRecord> {
  const chunks = withProgress(input, options.onProgress);
  const readerOptions = { source: options.source };
  switch (format) {
    case 'jsonl':
      return readJsonl(readLines(chunks), readerOptions);
    case 'csv':
      return readCsv(chunks, { ...readerOptions, delimiter: csvDelimiter(path, input.head) });
    case 'digest':
      return readDigest(readLines(chunks), readerOptions);
  }
}

async function* withProgress(
  input: DecodedInput,
  onProgress: ImportOptions['onProgress'],
): AsyncGenerator<string> {
  for await (const chunk of input.chunks) {
    onProgress?.(input.bytesRead(), input.totalBytes);
    yield chunk;
  }
  onProgress?.(input.totalBytes, input.totalBytes);
}

function hasLine(error: AppError): error is LocatedError {
  return typeof error.location?.line === 'number';
}

/** An AppError built with a line, so its type says so. */
class LineError extends AppError {
  declare readonly location: ErrorLocation & { line: number };
  constructor(error: AppError, line: number) {
    super(error.code, error.message, { location: { line }, cause: error });
  }
}

/** `error` with its line: as it is when it already has one, else wrapped. */
function locate(error: AppError, line: number): LocatedError {
  return hasLine(error) ? error : new LineError(error, line);
}
