/**
 * `wirewatch cluster`: places every article not yet placed into a story cluster — what a fetch pass
 * does for its own articles, here for a bulk import or a copied archive. Resumable: an interrupted
 * run leaves the placed ones placed, and the next takes the rest.
 */
import type { Command } from 'commander';
import { placeUnplacedArticles } from '../ingest/cluster/place-articles.ts';
import { type GlobalOptions, withStore } from './open-store.ts';

/** Registers the command. */
export function registerClusterCommand(program: Command): void {
  program
    .command('cluster')
    .description('group the same story from several outlets for articles not grouped yet (after an import)')
    .action(async (_options: unknown, command: Command) => {
      const started = performance.now();
      const summary = await withStore(
        command.optsWithGlobals<GlobalOptions>(),
        { readonly: false },
        (store) =>
          placeUnplacedArticles(store, {
            onProgress: (placed) => process.stderr.write(`\r${placed} articles placed`),
          }),
      );
      if (summary.placed > 0) process.stderr.write('\n');
      process.stdout.write(
        `${summary.placed} articles placed in ${((performance.now() - started) / 1000).toFixed(1)} s: ${summary.joined} joined a story told by another article, ${summary.merged} stories merged\n`,
      );
    });
}
