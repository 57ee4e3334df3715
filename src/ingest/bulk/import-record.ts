/**
 * The unit every bulk reader yields, so that import-file can treat JSONL, CSV and digests alike.
 */
import type { NewArticle } from '../../core/article.ts';
import type { AppError } from '../../core/errors.ts';

/** One article read from a file, or one error for one bad line; `line` is 1-based in the file. */
export type ImportRecord = { line: number; article: NewArticle } | { line: number; error: AppError };
