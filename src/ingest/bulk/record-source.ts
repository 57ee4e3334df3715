/**
 * Reads one file into batches of prepared records: decode, detect the format, read, validate, and
 * prepare each article for the store (identity hash, canonical URL). The same code runs in the import
 * worker thread (import-worker.ts) and, for small files, in the calling thread.
 */
import type { AppError } from '../../core/errors.ts';
import { type PreparedArticle, prepareOrReject } from '../../store/prepare-article.ts';
import { readCsv } from './csv-reader.ts';
import { type DecodedInput, decodeInput } from './decode-input.ts';
import { csvDelimiter, detectFormat, type ImportFormat } from './detect-format.ts';
import { readDigest } from './digest-reader.ts';
import type { ImportRecord } from './import-record.ts';
import { readJsonl } from './jsonl-reader.ts';
import { readLines } from './read-lines.ts';

/** A record error as plain data, so it can cross a thread boundary. */
export interface RecordError {
  code: string;
  message: string;
}

/** One line's outcome: an article ready for the store, or why the line was refused. */
export type PreparedRecord =
  | { line: number; article: PreparedArticle }
  | { line: number; error: RecordError };

/** A batch of records and how far into the file reading has got. */
export interface RecordBatch {
  records: PreparedRecord[];
  bytesRead: number;
}

/** What to read and how. */
export interface RecordSourceOptions {
  format?: ImportFormat;
  source?: string;
  encoding?: string;
  /** Records per batch (at least 1). */
  batchSize: number;
}

/** An opened file: what was found out about it, and its records in batches. */
export interface RecordSource {
  format: ImportFormat;
  encoding: string;
  encodingNote?: string;
  totalBytes: number;
  batches: AsyncIterable<RecordBatch>;
  /** Stops reading early (after --strict hit a bad record); safe to call at any time. */
  close(): Promise<void>;
}

/** The error of an AppError as plain data. */
export function toRecordError(error: AppError): RecordError {
  return { code: error.code, message: error.message };
}

/** Opens `path` in this thread. Throws AppError for a file that cannot be read at all. */
export async function openRecordSource(path: string, options: RecordSourceOptions): Promise<RecordSource> {
  const input = await decodeInput(path, options.encoding === undefined ? {} : { encoding: options.encoding });
  const format = options.format ?? detectFormat(path, input.head);
  const records = openReader(format, path, input, options.source);
  return {
    format,
    encoding: input.encoding,
    ...(input.encodingNote === undefined ? {} : { encodingNote: input.encodingNote }),
    totalBytes: input.totalBytes,
    batches: batchRecords(records, input, Math.max(1, options.batchSize)),
    close: async () => {
      await records.return?.(undefined);
    },
  };
}

async function* batchRecords(
  records: AsyncIterable<ImportRecord>,
  input: DecodedInput,
  batchSize: number,
): AsyncGenerator<RecordBatch> {
  const now = new Date().toISOString();
  let batch: PreparedRecord[] = [];
  for await (const record of records) {
    if ('error' in record) batch.push({ line: record.line, error: toRecordError(record.error) });
    else {
      const prepared = prepareOrReject(record.article, now);
      batch.push(
        'status' in prepared
          ? { line: record.line, error: { code: prepared.code, message: prepared.message } }
          : { line: record.line, article: prepared },
      );
    }
    if (batch.length >= batchSize) {
      yield { records: batch, bytesRead: input.bytesRead() };
      batch = [];
    }
  }
  yield { records: batch, bytesRead: input.totalBytes };
}

function openReader(
  format: ImportFormat,
  path: string,
  input: DecodedInput,
  source: string | undefined,
): AsyncGenerator<ImportRecord> {
  const readerOptions = { source };
  switch (format) {
    case 'jsonl':
      return readJsonl(readLines(input.chunks), readerOptions);
    case 'csv':
      return readCsv(input.chunks, { ...readerOptions, delimiter: csvDelimiter(path, input.head) });
    case 'digest':
      return readDigest(readLines(input.chunks), readerOptions);
  }
}
