/**
 * `wirewatch import FILE...`: bulk import with a per-line error report and a summary per file, then
 * enrichment of what came in (unless --no-enrich). An enrichment failure is reported and leaves the
 * import as it was: the articles are stored, and the next import or `wirewatch enrich` enriches them.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { isAppError } from '../core/errors.ts';
import { type ImportSummary, importFile } from '../ingest/bulk/import-file.ts';
import { describeIngestEnrichment } from '../ingest/schedule/enrich-after-ingest.ts';
import { matchAfterIngest, prepareMatching } from '../watch/searches/match-saved-searches.ts';
import { enrichIngested } from './enrich-ingested.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseChoice, parseWholeNumber } from './option-parsers.ts';
import { stripControlCharacters } from './terminal-style.ts';

interface ImportCommandOptions {
  format?: 'jsonl' | 'csv' | 'digest';
  source?: string;
  strict?: boolean;
  encoding?: string;
  batchSize: number;
  enrich: boolean;
}

/** How many bad lines are printed per file before the rest are only counted. */
const printedErrorLimit = 20;
/** A progress bar appears only for imports that last longer than this. */
const progressDelayMs = 1000;

/** Exit code when some records were skipped but the rest were imported. */
export const exitPartialImport = 3;

/** Registers the command. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import articles from JSON Lines, CSV or digest (seed page) files')
    .argument('<files...>', 'files to import')
    .option(
      '--format <format>',
      'jsonl | csv | digest (default: from the extension or content)',
      parseChoice('--format', ['jsonl', 'csv', 'digest']),
    )
    .option('--source <name>', 'source name for records without one (required for digests)')
    .option('--strict', 'stop at the first bad record and import nothing from that file')
    .option('--encoding <name>', 'text encoding, e.g. windows-1251 (default: detect)')
    .option('--batch-size <n>', 'articles per transaction', parseWholeNumber('--batch-size'), 500)
    .option('--no-enrich', 'do not enrich the imported articles now (`wirewatch enrich` does it later)')
    .action(async (files: string[], options: ImportCommandOptions, command: Command) => {
      let exitCode = 0;
      await withStore(command.optsWithGlobals<GlobalOptions>(), { readonly: false }, async (store) => {
        let imported = 0;
        for (const file of files) {
          let summary: ImportSummary;
          try {
            summary = await importWithProgress(() =>
              importFile(store, file, { ...options, onProgress: progress.update, onError: printError(file) }),
            );
          } catch (error) {
            // A file that cannot be read at all (missing, empty, binary) does not stop the other files.
            if (!isAppError(error) || !error.code.startsWith('IMPORT_')) throw error;
            process.stderr.write(`${file}: ${error.code}: ${error.message}\n`);
            exitCode = 1;
            continue;
          }
          process.stderr.write(`${describeSummary(summary)}\n`);
          imported += summary.imported;
          if (summary.aborted) exitCode = 1;
          else if (summary.errors.length > 0 && exitCode === 0) exitCode = exitPartialImport;
        }
        if (imported > 0 && options.enrich) {
          // The exit code stays the import's: what was imported is archived whatever happens here.
          // The saved searches' tokenizing starts first, on its workers, while this thread enriches.
          const unprepared = await prepareMatching(store);
          if (unprepared !== null) process.stderr.write(`${unprepared}\n`);
          process.stderr.write(`${describeIngestEnrichment(await enrichIngested(store))}\n`);
          const matched = await matchAfterIngest(store);
          if (matched !== null) process.stderr.write(`${matched}\n`);
        }
      });
      process.exitCode = exitCode;
    });
}

/** The progress bar shared by one import; it only draws on a terminal, after progressDelayMs. */
const progress = {
  bar: null as SingleBar | null,
  startedAt: 0,
  update(bytesRead: number, totalBytes: number): void {
    if (!process.stderr.isTTY) return;
    if (!progress.bar) {
      if (Date.now() - progress.startedAt < progressDelayMs) return;
      progress.bar = new SingleBar({
        format: 'importing [{bar}] {percentage}% | {eta_formatted} left',
        stream: process.stderr,
      });
      progress.bar.start(totalBytes, bytesRead);
    }
    progress.bar.update(bytesRead);
  },
};

async function importWithProgress(run: () => Promise<ImportSummary>): Promise<ImportSummary> {
  progress.startedAt = Date.now();
  try {
    return await run();
  } finally {
    progress.bar?.stop();
    progress.bar = null;
  }
}

function printError(
  file: string,
): (error: { code: string; message: string; location?: { line?: number } }) => void {
  let printed = 0;
  return (error) => {
    printed++;
    if (printed <= printedErrorLimit) {
      const line = error.location?.line ? `:${error.location.line}` : '';
      process.stderr.write(`${file}${line}: ${error.code}: ${stripControlCharacters(error.message)}\n`);
    } else if (printed === printedErrorLimit + 1) {
      process.stderr.write(`${file}: more errors follow; only the count is shown\n`);
    }
  };
}

/** One line that says what happened to the file. */
export function describeSummary(summary: ImportSummary): string {
  const errors = summary.errorCount ?? summary.errors.length;
  const parts = [`${summary.imported} imported`, `${summary.duplicates} duplicates`, `${errors} errors`];
  let line = `${summary.path}: ${parts.join(', ')} (${summary.format}, ${summary.encoding})`;
  if (summary.encodingNote) line += `\n  note: ${summary.encodingNote}`;
  if (summary.aborted)
    line += `\n  ${summary.errors[0]?.message ?? 'nothing from this file was imported (--strict)'}`;
  else if (summary.imported === 0 && summary.duplicates > 0 && errors === 0) {
    line += '\n  nothing new: every article in this file is already in the archive';
  }
  return line;
}
