/**
 * `wirewatch enrich [--all]`: makes sure the archive has its gazetteer (the shipped one, loaded when
 * new or changed by a release, or the one a user loaded), then enriches every article behind the
 * gazetteer's version — or, with --all, every article — with a progress bar and a summary.
 * Resumable: each batch is written whole, so an interrupted run leaves what it did and the next
 * carries on. A broken gazetteer stops it before anything is changed.
 */
import type { Command } from 'commander';
import { enrichArchive, loadEnricher } from '../enrich/enrich-archive.ts';
import { ensureArchiveGazetteer } from '../enrich/archive-gazetteer.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { createDelayedProgressBar } from './progress-bar.ts';

/** Registers the command. */
export function registerEnrichCommand(program: Command): void {
  program
    .command('enrich')
    .description('find entities, topics and events in the articles not enriched under the current gazetteer')
    .option('--all', 're-enrich every article, not only those behind')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { all?: boolean; json?: boolean }, command: Command) => {
      const summary = await withStore(
        command.optsWithGlobals<GlobalOptions>(),
        { readonly: false },
        async (store) => {
          const gazetteer = await ensureArchiveGazetteer(store);
          if (gazetteer.loaded && !options.json)
            process.stderr.write(
              `loaded the shipped gazetteer: ${gazetteer.entities} entities (version ${gazetteer.version})\n`,
            );
          const enricher = await loadEnricher(store);
          const total = options.all
            ? (await store.stats()).articleCount
            : await store.enrichment.countToEnrich(enricher.version);
          const bar = createDelayedProgressBar('enriching', total);
          try {
            const run = await enrichArchive(store, {
              enricher,
              all: options.all === true,
              onProgress: (enriched) => bar.update(enriched),
            });
            return { ...run, gazetteerLoaded: gazetteer.loaded, userGazetteer: gazetteer.userLoaded };
          } finally {
            bar.stop();
          }
        },
      );
      const perSecond = summary.seconds > 0 ? Math.round(summary.enriched / summary.seconds) : 0;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...summary, perSecond }, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `${summary.enriched} articles enriched in ${summary.seconds.toFixed(1)} s (${perSecond}/s), gazetteer version ${summary.version}\n`,
      );
    });
}
