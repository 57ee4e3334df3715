/**
 * Articles out as CSV or JSON Lines, one line at a time, so that memory stays flat however many
 * articles match: shared by `wirewatch export` and the server's /search.csv and /search.jsonl.
 * Lines come from an async generator: a consumer that stops early (a closed pipe, a client that hangs
 * up) ends the generator, which ends the store's iteration and frees its cursor.
 */
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Article } from '../core/article.ts';

/** The CSV columns, in order; the same names the CSV importer reads, so an export re-imports. */
export const exportColumns = [
  'id',
  'url',
  'source',
  'title',
  'author',
  'published_at',
  'published_at_estimated',
  'language',
  'text',
] as const;

/** The export formats. */
export type ExportFormat = 'csv' | 'jsonl';

function toRecord(
  article: Article,
): Record<(typeof exportColumns)[number], string | number | boolean | null> {
  return {
    id: article.id,
    url: article.url,
    source: article.source,
    title: article.title,
    author: article.author,
    published_at: article.publishedAt,
    published_at_estimated: article.publishedAtEstimated,
    language: article.language,
    text: article.text,
  };
}

/** The export of `articles` as lines of text (each ending in a newline), header first for CSV. */
export async function* exportLines(
  articles: AsyncIterable<Article>,
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'csv') yield stringify([[...exportColumns]]);
  for await (const article of articles) {
    const record = toRecord(article);
    yield format === 'jsonl'
      ? `${JSON.stringify(record)}\n`
      : stringify([record], { columns: [...exportColumns], header: false });
  }
}

/** Writes `articles` to `output` in `format`, respecting back-pressure; returns how many were written. */
export async function writeExport(
  articles: AsyncIterable<Article>,
  format: ExportFormat,
  output: NodeJS.WritableStream,
): Promise<number> {
  let lines = 0;
  for await (const line of exportLines(articles, format)) {
    if (!output.write(line)) await once(output, 'drain');
    lines++;
  }
  return format === 'csv' ? lines - 1 : lines;
}
