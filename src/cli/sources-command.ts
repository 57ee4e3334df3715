/**
 * `wirewatch sources add|list|import|export|remove|type|types`: the feeds the archive follows and
 * what kind of outlet each source is. `add` takes a feed's URL or a site's (its feed is found and
 * read before anything is stored), `import` an OPML file of subscriptions, `export` writes one,
 * `list` shows each feed's state: last fetch, its error, the next fetch, its article count, its
 * source's outlet type, and whether it has been failing for a day. `type NAME TYPE` sets a source's
 * outlet type (src/core/outlet-types.ts; `none` clears it), and `types` lists the vocabulary and
 * every source with its type. Every change is audited as the command line's user (`source.add` for
 * each feed added, by `add` or `import`; `source.remove`; `source.type`).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError, isAppError } from '../core/errors.ts';
import { type OutletType, outletTypeNames, outletTypes, parseOutletType } from '../core/outlet-types.ts';
import { parseOpml } from '../ingest/feeds/parse-opml.ts';
import { writeOpml } from '../ingest/feeds/write-opml.ts';
import { followFeed, unfollowFeed } from '../ingest/poll/follow-feed.ts';
import { resolveFeed } from '../ingest/poll/resolve-feed.ts';
import { isFailing } from '../ingest/schedule/fetch-schedule.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions.ts';
import { cliActor } from './cli-actor.ts';
import { withFetchClient } from './ingest-client.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseWholeNumber } from './option-parsers.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** Registers the command and its subcommands. */
export function registerSourcesCommand(program: Command): void {
  const sources = program
    .command('sources')
    .description(
      'the feeds the archive follows (add, list, import, export, remove) and outlet types (type, types)',
    );

  sources
    .command('add <url>')
    .description("follow a feed, or the feed a site's page links to; audited")
    .option('--name <source>', "file its articles under this source (default: the feed's title)")
    .option('--interval <minutes>', 'minutes between fetches (default 30)', parseWholeNumber('--interval'))
    .action(async (url: string, options: { name?: string; interval?: number }, command: Command) => {
      const resolved = await withFetchClient((client) => resolveFeed(client, url));
      const { subscription, created } = await withStore(globals(command), { readonly: false }, (store) =>
        followFeed(
          store,
          resolved,
          {
            ...(options.name === undefined ? {} : { name: options.name }),
            ...(options.interval === undefined ? {} : { intervalMinutes: options.interval }),
          },
          cliActor(),
        ),
      );
      const found = resolved.discoveredOn ? ` (found on ${resolved.discoveredOn})` : '';
      process.stdout.write(
        created
          ? `following ${subscription.feedUrl}${found} as "${clean(subscription.sourceName)}" (#${subscription.id}): ${resolved.feed.format} feed, ${resolved.feed.items.length} items now; run \`wirewatch fetch\` or \`wirewatch serve\` to archive them\n`
          : `already following ${subscription.feedUrl} as "${clean(subscription.sourceName)}" (#${subscription.id}); nothing changed\n`,
      );
    });

  sources
    .command('list')
    .description('each feed: last fetch, last error, next fetch, article count')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { list, types } = await withStore(globals(command), { readonly: true }, async (store) => ({
        list: await store.subscriptions.list(),
        types: new Map((await store.listSources()).map((source) => [source.id, source.outletType])),
      }));
      if (options.json) {
        const typed = list.map((subscription) => ({
          ...subscription,
          outletType: types.get(subscription.sourceId) ?? null,
        }));
        process.stdout.write(`${JSON.stringify(typed, null, 2)}\n`);
        return;
      }
      if (list.length === 0) {
        process.stdout.write(
          'no feeds followed yet: `wirewatch sources add URL` or `wirewatch sources import FILE.opml`\n',
        );
        return;
      }
      const now = new Date();
      process.stdout.write(
        `${list.map((subscription) => describe(subscription, types.get(subscription.sourceId) ?? null, now)).join('\n\n')}\n`,
      );
    });

  sources
    .command('type <source> <type>')
    .description(
      `set what kind of outlet a source is (${outletTypeNames.join(', ')}), or none to clear it; audited`,
    )
    .action(async (source: string, type: string, _options: unknown, command: Command) => {
      const outletType = type === 'none' ? null : parseTypeArgument(type);
      const change = await withStore(globals(command), { readonly: false }, (store) =>
        store.setSourceType(source, outletType, cliActor()),
      );
      process.stdout.write(
        change.outletType === change.previous
          ? `"${clean(change.name)}" is already ${change.outletType ?? 'untyped'}; nothing changed\n`
          : `"${clean(change.name)}" is now ${change.outletType ?? 'untyped'}${change.previous === null ? '' : ` (was ${change.previous})`}\n`,
      );
    });

  sources
    .command('types')
    .description('the outlet types, and every source of the archive with its type')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const listed = await withStore(globals(command), { readonly: true }, (store) => store.listSources());
      const byName = [...listed].sort((a, b) => a.name.localeCompare(b.name));
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify(
            {
              types: outletTypes,
              sources: byName.map((source) => ({
                name: source.name,
                slug: source.slug,
                outletType: source.outletType,
                articleCount: source.articleCount,
              })),
            },
            null,
            2,
          )}\n`,
        );
        return;
      }
      const width = Math.max(...outletTypeNames.map((name) => name.length));
      const lines = [
        'outlet types:',
        ...outletTypeNames.map((name) => `  ${name.padEnd(width)}  ${outletTypes[name]}`),
        '',
        byName.length === 0 ? 'no sources yet' : 'sources:',
        ...byName.map(
          (source) =>
            `  ${(source.outletType ?? '-').padEnd(width)}  ${clean(source.name)}  (${source.articleCount} articles)`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  sources
    .command('import <file>')
    .description(
      'follow every feed of an OPML file (folders become nothing; titles name the sources); each feed added is audited',
    )
    .option('--interval <minutes>', 'minutes between fetches (default 30)', parseWholeNumber('--interval'))
    .action(async (file: string, options: { interval?: number }, command: Command) => {
      const document = parseOpml(readOpmlFile(file));
      const counts = await withStore(globals(command), { readonly: false }, (store) =>
        importFeeds(store, document.feeds, options.interval, basename(file)),
      );
      const lines = [
        `${file}: ${counts.added} feeds added, ${counts.existing} already followed, ${counts.refused.length + document.skipped.length} skipped`,
        ...document.skipped.map((skip) => `  skipped "${clean(skip.title)}": ${skipReason[skip.reason]}`),
        ...counts.refused.map((line) => `  skipped ${line}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  sources
    .command('export')
    .description('write the followed feeds as OPML to stdout')
    .action(async (_options: unknown, command: Command) => {
      const list = await withStore(globals(command), { readonly: true }, (store) =>
        store.subscriptions.list(),
      );
      process.stdout.write(
        writeOpml(
          list.map((subscription) => ({
            title: subscription.sourceName,
            xmlUrl: subscription.feedUrl,
            ...(subscription.siteUrl ? { htmlUrl: subscription.siteUrl } : {}),
          })),
          { title: 'wirewatch subscriptions' },
        ),
      );
    });

  sources
    .command('remove <id-or-url>')
    .description('stop following a feed (its articles stay in the archive); audited')
    .action(async (target: string, _options: unknown, command: Command) => {
      const removed = await withStore(globals(command), { readonly: false }, (store) =>
        unfollowFeed(store, target, cliActor()),
      );
      process.stdout.write(
        `stopped following ${removed.feedUrl} (#${removed.id}); its ${removed.articleCount} articles stay\n`,
      );
    });
}

const skipReason = {
  'no-xml-url': 'no feed address',
  'not-http': 'not an http(s) address',
  duplicate: 'listed twice',
} as const;

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

function clean(text: string): string {
  return stripControlCharacters(text);
}

function readOpmlFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('IMPORT_FILE_NOT_FOUND', `cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Follows each feed of an OPML list. Each feed added gets its own `source.add` entry, written in the
 * feed's own transaction and naming the file: the log then answers "who added this feed" for every
 * feed however it came, and a feed refused or already followed writes none (one entry for the whole
 * import could not be written with each feed, as the feeds are added one transaction each).
 */
async function importFeeds(
  store: Store,
  feeds: Array<{ title: string; xmlUrl: string; htmlUrl?: string }>,
  intervalMinutes: number | undefined,
  fileName: string,
): Promise<{ added: number; existing: number; refused: string[] }> {
  const counts = { added: 0, existing: 0, refused: [] as string[] };
  const audit = { actor: cliActor(), via: `from OPML file ${fileName}` };
  for (const feed of feeds) {
    try {
      const { created } = await store.subscriptions.add(
        {
          feedUrl: feed.xmlUrl,
          siteUrl: feed.htmlUrl ?? null,
          title: feed.title,
          sourceName: feed.title,
          ...(intervalMinutes === undefined ? {} : { intervalMinutes }),
        },
        undefined,
        audit,
      );
      if (created) counts.added += 1;
      else counts.existing += 1;
    } catch (error) {
      if (!isAppError(error, 'SUBSCRIPTION_INVALID')) throw error;
      counts.refused.push(`"${clean(feed.title)}": ${error.message}`);
    }
  }
  return counts;
}

/** A type as typed on the command line, refused with the list of types (and `none`). */
function parseTypeArgument(type: string): OutletType {
  try {
    return parseOutletType(type);
  } catch (error) {
    if (!isAppError(error, 'SOURCE_TYPE_INVALID')) throw error;
    throw new AppError('SOURCE_TYPE_INVALID', `${error.message}, or none to clear it`);
  }
}

/** One feed's state, as a few lines. */
function describe(subscription: Subscription, outletType: OutletType | null, now: Date): string {
  const state =
    subscription.lastFetchAt === null
      ? 'never fetched'
      : subscription.lastError === null
        ? `fetched ${subscription.lastFetchAt} (HTTP ${subscription.lastStatus ?? '-'})`
        : `${isFailing(subscription.failingSince, now) ? 'FAILING since' : 'failing since'} ${subscription.failingSince} (${subscription.consecutiveFailures} in a row): ${clean(subscription.lastError)}`;
  const warnings = subscription.lastWarnings;
  return [
    `#${subscription.id}  ${clean(subscription.sourceName)}${outletType === null ? '' : ` (${outletType})`}  ${subscription.articleCount} articles`,
    `    ${subscription.feedUrl}`,
    `    ${state}`,
    ...(warnings.length > 0
      ? [
          `    ${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}: ${clean(warnings[0]!)}${warnings.length > 1 ? ' …' : ''}`,
        ]
      : []),
    `    next fetch ${subscription.nextFetchAt}, every ${subscription.intervalMinutes} min`,
  ].join('\n');
}
