/** `wirewatch search QUERY`: one page of results, as text like the seed page or as JSON. */
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { searchArticles } from '../search/search-articles.ts';
import type { SortOrder } from '../store/store.ts';
import { parseWholeNumber, parseChoice } from './option-parsers.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { withQueryContext } from './query-error-context.ts';
import { renderResultsPage } from './render-results.ts';
import { chooseStyle } from './terminal-style.ts';

interface SearchOptions {
  page: number;
  perPage: number;
  sort: SortOrder;
  json?: boolean;
  color: string;
}

/** Registers the command. */
export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('search the archive (no query: browse newest first)')
    .argument('[query...]', 'query in the wirewatch query language (see README)')
    .option('--page <n>', 'page number', parseWholeNumber('--page'), 1)
    .option('--per-page <n>', 'hits per page (1-100)', parseWholeNumber('--per-page'), 10)
    .option(
      '--sort <order>',
      'relevance | newest | oldest (date = newest)',
      parseChoice('--sort', ['relevance', 'newest', 'oldest', 'date']),
      'relevance',
    )
    .option('--json', 'print the page as JSON, for scripts')
    .option('--color <when>', 'auto | always | never', 'auto')
    .action(async (words: string[], options: SearchOptions, command: Command) => {
      const sort = (options.sort as string) === 'date' ? 'newest' : options.sort;
      const q = words.join(' ');
      const results = await withQueryContext(q, () =>
        withStore(command.optsWithGlobals<GlobalOptions>(), { readonly: true }, (store) =>
          searchArticles(store, {
            q,
            page: options.page,
            perPage: options.perPage,
            sort,
            withScores: options.json === true,
          }),
        ),
      );
      if (options.json) {
        const { query, ...rest } = results;
        process.stdout.write(`${JSON.stringify({ query: query.source, ...rest }, null, 2)}\n`);
        return;
      }
      const style = chooseStyle(options.color, process.stdout, loadConfig().color);
      process.stdout.write(renderResultsPage(results, style));
    });
}
