/**
 * `wirewatch add-url URL`: one article page fetched, extracted, sanitised and archived, then
 * enriched (unless --no-enrich; a failure there is reported and the page stays archived).
 */
import type { Command } from 'commander';
import { addPage } from '../ingest/poll/add-page.ts';
import { describeIngestEnrichment, type IngestEnrichment } from '../ingest/schedule/enrich-after-ingest.ts';
import { matchAfterIngest } from '../watch/searches/match-saved-searches.ts';
import { enrichIngested } from './enrich-ingested.ts';
import { withFetchClient } from './ingest-client.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** Registers the command. */
export function registerAddUrlCommand(program: Command): void {
  program
    .command('add-url <url>')
    .description('fetch one article page, extract its article and archive it')
    .option('--source <name>', "the outlet's name (default: the page's site name, else its host)")
    .option('--no-enrich', 'do not enrich the article now (`wirewatch enrich` does it later)')
    .action(async (url: string, options: { source?: string; enrich: boolean }, command: Command) => {
      const { added, enriched } = await withStore(
        command.optsWithGlobals<GlobalOptions>(),
        { readonly: false },
        async (store) => {
          const page = await withFetchClient((client) =>
            addPage(store, client, url, options.source ? { source: options.source } : {}),
          );
          const enrichment: IngestEnrichment | null =
            page.outcome.status === 'inserted' && options.enrich ? await enrichIngested(store) : null;
          const matched = page.outcome.status === 'inserted' ? await matchAfterIngest(store) : null;
          if (matched !== null) process.stderr.write(`${matched}\n`);
          return { added: page, enriched: enrichment };
        },
      );
      const title = stripControlCharacters(added.title);
      const source = stripControlCharacters(added.source);
      process.stdout.write(
        added.outcome.status === 'inserted'
          ? `archived "${title}" from ${source} as article ${added.outcome.id}\n`
          : added.outcome.status === 'duplicate'
            ? `already archived: "${title}" is article ${added.outcome.id}; nothing added\n`
            : `not archived: ${added.outcome.message}\n`,
      );
      if (enriched !== null)
        (enriched.ok ? process.stdout : process.stderr).write(`${describeIngestEnrichment(enriched)}\n`);
      if (added.outcome.status === 'rejected') process.exitCode = 1;
    });
}
