/**
 * Reads JSON Lines: one article object per line.
 */
import { AppError } from '../../core/errors.ts';
import type { ImportRecord } from './import-record.ts';
import type { LineRecord } from './read-lines.ts';
import { rawArticleFrom, validateArticle } from './validate-article.ts';

/** Options shared by the readers. */
export interface ReaderOptions {
  /** Source name for records that have none (the --source flag). */
  source?: string | undefined;
}

/** Yields one ImportRecord per non-blank line of `lines`; a bad line becomes an error record and reading goes on. */
export async function* readJsonl(
  lines: AsyncIterable<LineRecord>,
  options: ReaderOptions = {},
): AsyncGenerator<ImportRecord> {
  for await (const entry of lines) {
    if ('error' in entry) {
      yield entry;
      continue;
    }
    // A BOM is stripped by decodeInput, but JSONL files are often concatenated, leaving BOMs mid-file.
    const text = entry.text.replace(/^\uFEFF/, '');
    if (text.trim() === '') continue;
    yield parseLine(text, entry.line, options);
  }
}

function parseLine(text: string, line: number, options: ReaderOptions): ImportRecord {
  const badRecord = (message: string, cause?: unknown) => ({
    line,
    error: new AppError('IMPORT_BAD_RECORD', message, { location: { line }, cause }),
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return badRecord(`not valid JSON: ${(error as Error).message}`, error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    return badRecord(`expected a JSON object with title and text, got ${kind}`);
  }
  const article = validateArticle(rawArticleFrom(parsed), { line, source: options.source });
  return article instanceof AppError ? { line, error: article } : { line, article };
}
