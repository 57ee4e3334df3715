/**
 * Imports one file of articles into the archive: read and prepare records (in a worker thread for
 * files over workerThresholdBytes), then write them in batches.
 */
import { stat } from 'node:fs/promises';
import { AppError, type ErrorCode, type ErrorLocation, isAppError } from '../../core/errors.ts';
import type { PreparedArticle } from '../../store/prepare-article.ts';
import type { Store, StoreWriter } from '../../store/store.ts';
import type { ImportFormat } from './detect-format.ts';
import { openRecordSource, type RecordSource } from './record-source.ts';
import { openRecordSourceInWorker } from './worker-record-source.ts';

/** Files at least this big are read in a worker thread; smaller ones are not worth its start-up. */
export const workerThresholdBytes = 4 * 1024 * 1024;

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
  /** Articles per store write (one transaction each); default 500. */
  batchSize?: number;
  /** Read in a worker thread: default for files of workerThresholdBytes or more. */
  worker?: boolean;
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
export type ImportTarget = {
  addPreparedArticles: Store['addPreparedArticles'];
  transaction<T>(work: (writer: Pick<StoreWriter, 'addPreparedArticles'>) => Promise<T>): Promise<T>;
};

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
  const sourceOptions = {
    batchSize: Math.max(1, options.batchSize ?? 500),
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  };
  const useWorker = options.worker ?? (await sizeOf(path)) >= workerThresholdBytes;
  const source = useWorker
    ? await openRecordSourceInWorker(path, sourceOptions)
    : await openRecordSource(path, sourceOptions);
  const summary: ImportSummary = {
    path,
    format: source.format,
    encoding: source.encoding,
    ...(source.encodingNote === undefined ? {} : { encodingNote: source.encodingNote }),
    imported: 0,
    duplicates: 0,
    errors: [],
    errorCount: 0,
    aborted: false,
  };
  try {
    if (!options.strict) {
      await writeRecords(store, source, summary, options);
      return summary;
    }
    await store.transaction((writer) => writeRecords(writer, source, summary, options));
    return summary;
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
  } finally {
    await source.close();
  }
}

/** The file's size, or 0 when it cannot be read (the reader then reports why, by name). */
async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function writeRecords(
  writer: Pick<StoreWriter, 'addPreparedArticles'>,
  source: RecordSource,
  summary: ImportSummary,
  options: ImportOptions,
): Promise<void> {
  const fail = (code: string, message: string, line: number): void => {
    const error = new AppError(code as ErrorCode, message, { location: { line } }) as LocatedError;
    options.onError?.(error);
    if (options.strict) {
      throw new AppError(
        'IMPORT_STRICT_ABORTED',
        `line ${line}: ${message} — nothing from ${summary.path} was imported (--strict)`,
        {
          location: { line },
          cause: error,
        },
      );
    }
    summary.errorCount++;
    if (summary.errors.length < maxReportedErrors) summary.errors.push({ line, code, message });
  };
  for await (const batch of source.batches) {
    const articles: PreparedArticle[] = [];
    const lines: number[] = [];
    for (const record of batch.records) {
      if ('error' in record) fail(record.error.code, record.error.message, record.line);
      else {
        articles.push(record.article);
        lines.push(record.line);
      }
    }
    if (articles.length > 0) {
      const outcomes = await writer.addPreparedArticles(articles);
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 'inserted') summary.imported++;
        else if (outcome.status === 'duplicate') summary.duplicates++;
        else fail(outcome.code, outcome.message, lines[index]!);
      });
    }
    options.onProgress?.(batch.bytesRead, source.totalBytes);
  }
}
