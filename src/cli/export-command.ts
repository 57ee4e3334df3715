/** `wirewatch export QUERY`: every matching article, streamed as CSV or JSON Lines to stdout. */
import type { Command } from 'commander';
import { writeExport } from '../export/write-export.ts';
import { parseQuery } from '../search/query-parser.ts';
import type { SortOrder } from '../store/store.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseChoice } from './option-parsers.ts';
import { withQueryContext } from './query-error-context.ts';

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
