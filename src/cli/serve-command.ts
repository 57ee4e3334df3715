/**
 * `wirewatch serve`: the web desk and the API on http://127.0.0.1:8080 (PORT, HOST). A new, empty
 * embedded archive is filled with the bundled sample first (and enriched), so `npm start` shows
 * something at once. The background fetching enriches what each pass brings in. With an SMTP relay
 * (WIREWATCH_SMTP_URL) it mails each day's digests itself (digest-schedule.ts).
 */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { importFile } from '../ingest/bulk/import-file.ts';
import { createFetchClient } from '../ingest/fetch/fetch-client.ts';
import { describeIngestEnrichment, enrichAfterIngest } from '../ingest/schedule/enrich-after-ingest.ts';
import { startPoller } from '../ingest/schedule/poller.ts';
import { decideServeAccess } from '../server/access/serve-access.ts';
import { closeOnSignals, startServer } from '../server/start-server.ts';
import { createCachingStore } from '../store/caching-store.ts';
import type { Store } from '../store/store.ts';
import { createWebhookSender } from '../watch/deliveries/webhook-sender.ts';
import { describeDigestMailing, digestTickMs, startDigestSchedule } from '../watch/digest/digest-schedule.ts';
import { smtpTransport } from '../watch/digest/send-digests.ts';
import { type GlobalOptions, openStoreForCommand } from './open-store.ts';
import { parsePort } from './option-parsers.ts';

/** The invented sample articles a new archive starts with. */
export const samplePath = fileURLToPath(new URL('../../samples/central-asia-sample.jsonl', import.meta.url));

/** Imports the sample into an empty archive; returns how many articles it added. */
export async function fillEmptyArchive(store: Store): Promise<number> {
  if ((await store.stats()).articleCount > 0) return 0;
  return (await importFile(store, samplePath, {})).imported;
}

interface ServeOptions {
  port?: number;
  host?: string;
  sample: boolean;
  poll: boolean;
  anonymousRead?: boolean;
}

/** Registers the command. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web desk and the API (default http://127.0.0.1:8080; PORT and HOST change it)')
    .option('--port <port>', 'TCP port (default: $PORT or 8080)', parsePort('--port'))
    .option('--host <address>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option('--no-sample', 'leave an empty archive empty instead of loading the bundled sample')
    .option('--no-poll', 'do not fetch the followed feeds in the background (WIREWATCH_POLL_SECONDS=0 too)')
    .option(
      '--anonymous-read',
      'anyone who can reach the server may read without signing in (WIREWATCH_ANONYMOUS_READ=1)',
    )
    .action(async (options: ServeOptions, command: Command) => {
      const config = loadConfig();
      // As the server uses it: SQLite reads on worker threads, answers kept until the archive changes.
      const store = createCachingStore(
        await openStoreForCommand(command.optsWithGlobals<GlobalOptions>(), {
          readonly: false,
          readWorkers: config.readWorkers,
        }),
        { maxEntries: config.cacheEntries },
      );
      try {
        if (options.sample) {
          const added = await fillEmptyArchive(store);
          if (added > 0) {
            process.stderr.write(`new archive at ${store.location}: loaded ${added} sample articles\n`);
            process.stderr.write(`${describeIngestEnrichment(await enrichAfterIngest(store))}\n`);
          }
        }
        const host = options.host ?? config.host;
        const { access, notice } = decideServeAccess({
          users: await store.accounts.countUsers(),
          anonymousRead: options.anonymousRead === true || config.anonymousRead,
          host,
        });
        const server = await startServer({
          store,
          access,
          host,
          port: options.port ?? config.port,
          rateLimitPerMinute: config.rateLimitPerMinute,
          responseCacheBytes: config.responseCacheBytes,
          // The feeds an admin follows from the server are fetched with the ingestion's ranges.
          allowPrivate: config.allowPrivate,
        });
        process.stderr.write(`wirewatch is serving ${store.location} at ${server.url}/ (${notice})\n`);
        const background: Array<() => Promise<void>> = [];
        if (options.poll && config.pollSeconds > 0) {
          const client = createFetchClient({ allowPrivate: config.allowPrivate });
          const webhooks = createWebhookSender({ allowPrivate: config.allowPrivate });
          const poller = startPoller({
            store,
            client,
            webhooks,
            tickMs: config.pollSeconds * 1000,
            log: {
              info: (message) => server.app.log.info(message),
              error: (message) => server.app.log.error(message),
            },
          });
          // The first look at once, so feeds added while the server was down are fetched now.
          void poller.pollNow();
          background.push(async () => {
            await poller.stop();
            await client.close();
            await webhooks.close();
          });
          const feeds = (await store.subscriptions.list()).length;
          process.stderr.write(
            `fetching the ${feeds} followed feeds as they fall due (every ${config.pollSeconds} s it looks)\n`,
          );
        }
        if (config.smtpUrl !== null) {
          const transport = smtpTransport(config.smtpUrl);
          const digests = startDigestSchedule({
            store,
            transport,
            from: config.mailFrom,
            hour: config.digestHour,
            tickMs: digestTickMs,
            log: {
              info: (message) => server.app.log.info(message),
              error: (message) => server.app.log.error(message),
            },
          });
          // At once, so days missed while the server was down are mailed now.
          void digests.tickNow();
          background.push(async () => {
            await digests.stop();
            transport.close?.();
          });
        }
        process.stderr.write(`${describeDigestMailing(config)}\n`);
        closeOnSignals(server, store, background);
      } catch (error) {
        await store.close();
        throw error;
      }
    });
}
