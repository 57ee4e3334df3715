/** `wirewatch export QUERY`: every matching article, streamed as CSV or JSON Lines to stdout. */
import { once } from 'node:events';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify';
import type { Article } from '../core/article.ts';
import { parseQuery } from '../search/query-parser.ts';
import type { SortOrder } from '../store/store.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseChoice } from './option-parsers.ts';
import { withQueryContext } from './query-error-context.ts';

/** The CSV columns, in order; the same names the CSV importer reads, so an export re-imports. */
export const exportColumns = [
  'id',
  'url',
  'source',
  'title',
  'author',
  'published_at',
  'language',
  'text',
] as const;

function toRecord(article: Article): Record<(typeof exportColumns)[number], string | number | null> {
  return {
    id: article.id,
    url: article.url,
    source: article.source,
    title: article.title,
    author: article.author,
    published_at: article.publishedAt,
    language: article.language,
    text: article.text,
  };
}

/** Writes `articles` to `output` in `format`, respecting back-pressure so memory stays flat. */
export async function writeExport(
  articles: AsyncIterable<Article>,
  format: 'csv' | 'jsonl',
  output: NodeJS.WritableStream,
): Promise<number> {
  let count = 0;
  if (format === 'jsonl') {
    for await (const article of articles) {
      const { id, url, source, title, author, publishedAt, language, text } = article;
      const line = `${JSON.stringify({ id, url, source, title, author, published_at: publishedAt, language, text })}\n`;
      if (!output.write(line)) await once(output, 'drain');
      count++;
    }
    return count;
  }
  const csv = stringify({ header: true, columns: [...exportColumns] });
  csv.pipe(output);
  for await (const article of articles) {
    if (!csv.write(toRecord(article))) await once(csv, 'drain');
    count++;
  }
  csv.end();
  await once(csv, 'end');
  return count;
}

/** Registers the command. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write every article matching a query (all of them with no query) to stdout')
    .argument('[query...]', 'query in the wirewatch query language')
    .option('--format <format>', 'csv | jsonl', parseChoice('--format', ['csv', 'jsonl']), 'jsonl')
    .option(
      '--sort <order>',
      'relevance | newest | oldest',
      parseChoice('--sort', ['relevance', 'newest', 'oldest']),
      'newest',
    )
    .action(
      async (words: string[], options: { format: 'csv' | 'jsonl'; sort: SortOrder }, command: Command) => {
        const q = words.join(' ');
        const count = await withQueryContext(q, async () => {
          const query = parseQuery(q);
          return withStore(command.optsWithGlobals<GlobalOptions>(), { readonly: true }, (store) =>
            writeExport(store.exportArticles(query, options.sort), options.format, process.stdout),
          );
        });
        process.stderr.write(`exported ${count} articles\n`);
      },
    );
}
