/**
 * `wirewatch fetch`: one pass over the followed feeds (all of them, or with --due only those whose
 * time has come), a line per feed as it finishes and a summary at the end. A feed that fails is
 * reported and recorded; the pass goes on and the command still succeeds, since the archive got
 * what could be had. It fails only when the archive itself cannot be used. New articles are then
 * enriched (unless --no-enrich); an enrichment failure is reported and the command still succeeds.
 */
import type { Command } from 'commander';
import { runFetchPass } from '../ingest/poll/fetch-pass.ts';
import type { SubscriptionFetchResult } from '../ingest/poll/fetch-subscription.ts';
import { describeIngestEnrichment, type IngestEnrichment } from '../ingest/schedule/enrich-after-ingest.ts';
import { matchAfterIngest, prepareMatching } from '../watch/searches/match-saved-searches.ts';
import { enrichIngested } from './enrich-ingested.ts';
import { withFetchClient } from './ingest-client.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** Registers the command. */
export function registerFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description('fetch every followed feed once and archive what is new, with progress')
    .option('--due', 'only the feeds whose next fetch is due')
    .option('--json', 'print the summary as JSON')
    .option('--no-enrich', 'do not enrich the new articles now (`wirewatch enrich` does it later)')
    .action(async (options: { due?: boolean; json?: boolean; enrich: boolean }, command: Command) => {
      const { summary, enriched } = await withStore(
        command.optsWithGlobals<GlobalOptions>(),
        { readonly: false },
        async (store) => {
          const subscriptions = options.due
            ? await store.subscriptions.due(new Date(), 10_000)
            : await store.subscriptions.list();
          if (subscriptions.length === 0) {
            process.stderr.write(
              options.due ? 'no feed is due\n' : 'no feeds followed yet: `wirewatch sources add URL` first\n',
            );
          }
          const pass = await withFetchClient((client) =>
            runFetchPass(store, client, subscriptions, {
              onFeed: (result, done, total) => {
                if (!options.json) process.stderr.write(`[${done}/${total}] ${describe(result)}\n`);
              },
            }),
          );
          // The saved searches' tokenizing starts first, on its workers, while this thread enriches.
          const unprepared = pass.newArticles > 0 ? await prepareMatching(store) : null;
          if (unprepared !== null) process.stderr.write(`${unprepared}\n`);
          const enrichment: IngestEnrichment | null =
            pass.newArticles > 0 && options.enrich ? await enrichIngested(store) : null;
          const matched = pass.newArticles > 0 ? await matchAfterIngest(store) : null;
          if (matched !== null) process.stderr.write(`${matched}\n`);
          return { summary: pass, enriched: enrichment };
        },
      );
      // The pass succeeded whatever enrichment did: a failure is said on stderr, in both forms.
      if (enriched !== null && !enriched.ok) process.stderr.write(`${describeIngestEnrichment(enriched)}\n`);
      if (options.json) {
        const { results, ...totals } = summary;
        process.stdout.write(
          `${JSON.stringify(
            {
              ...totals,
              enrichment: enriched,
              feeds: results.map((r) => ({
                id: r.subscription.id,
                url: r.subscription.feedUrl,
                status: r.status,
                itemsSeen: r.itemsSeen,
                newArticles: r.newArticles,
                deferred: r.deferred,
                error: r.error,
                warnings: r.warnings,
              })),
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      process.stdout.write(
        `${summary.feeds} feeds: ${summary.newArticles} new articles from ${summary.withNew}, ${summary.unchanged} unchanged, ${summary.notModified} not modified (304), ${summary.failed} failed; ${summary.joinedClusters} new articles joined a story from another outlet\n`,
      );
      if (enriched?.ok) process.stdout.write(`${describeIngestEnrichment(enriched)}\n`);
    });
}

function describe(result: SubscriptionFetchResult): string {
  const name = stripControlCharacters(result.subscription.sourceName);
  const notes =
    result.warnings.length > 0
      ? ` (${result.warnings.length} warnings: ${stripControlCharacters(result.warnings[0]!)}${result.warnings.length > 1 ? ' …' : ''})`
      : '';
  switch (result.status) {
    case 'failed':
      return `${name}: FAILED ${result.error!.code}: ${stripControlCharacters(result.error!.message)}`;
    case 'not-modified':
      return `${name}: not modified`;
    default:
      return `${name}: ${result.itemsSeen} items, ${result.newArticles} new${result.deferred > 0 ? `, ${result.deferred} left for the next pass` : ''}${notes}`;
  }
}
