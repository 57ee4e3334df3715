/** `wirewatch show ID`: one whole article. */
import type { Command } from 'commander';
import { AppError } from '../core/errors.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseWholeNumber } from './option-parsers.ts';
import { formatDay } from './render-results.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** Registers the command. */
export function registerShowCommand(program: Command): void {
  program
    .command('show')
    .description('print one article in full (ids are shown as #N in search results)')
    .argument('<id>', 'article id', parseWholeNumber('id'))
    .option('--json', 'print as JSON')
    .action(async (id: number, options: { json?: boolean }, command: Command) => {
      const article = await withStore(command.optsWithGlobals<GlobalOptions>(), { readonly: true }, (store) =>
        store.getArticle(id),
      );
      if (!article) throw new AppError('ARTICLE_INVALID', `there is no article #${id} in this archive`);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
        return;
      }
      const meta = [
        article.source,
        article.publishedAt ? formatDay(article.publishedAt) : 'undated',
        article.author,
        article.url,
      ];
      const text = [article.title, meta.filter(Boolean).join(' · '), '', article.text].join('\n');
      process.stdout.write(`${stripControlCharacters(text)}\n`);
    });
}
