/**
 * `wirewatch watch add|list|remove`: saved searches. A query is checked when it is saved (a
 * malformed one is refused with the parser's message and a caret under the column), and so is a
 * webhook URL (no private addresses). Matching new articles and delivering the hits come with the
 * rest of the watch desk.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { AppError } from '../core/errors.ts';
import { compileAllowList } from '../ingest/fetch/allow-list.ts';
import type { SavedSearch } from '../store/saved-searches.ts';
import type { Store } from '../store/store.ts';
import { saveSearch } from '../watch/searches/save-search.ts';
import { cliActor } from './cli-actor.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { withQueryContext } from './query-error-context.ts';
import { stripControlCharacters } from './terminal-style.ts';

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function registerWatchCommand(program: Command): void {
  const watch = program.command('watch').description('saved searches: add, list, remove');

  watch
    .command('add <name> <query>')
    .description('save a search (checked now: a malformed query is refused with its column)')
    .option('--owner <user>', 'whose search it is (default: the only analyst or admin)')
    .option('--shared', 'let the whole team see it')
    .option('--webhook <url>', 'POST each new hit here (http or https, no private addresses)')
    .option('--digest <schedule>', 'daily or none (default none)')
    .action(
      async (
        name: string,
        query: string,
        options: { owner?: string; shared?: boolean; webhook?: string; digest?: string },
        command: Command,
      ) => {
        const config = loadConfig();
        const saved = await withStore(globals(command), { readonly: false }, async (store) =>
          withQueryContext(query, async () =>
            saveSearch(
              store,
              {
                ownerName: options.owner ?? (await onlyWriter(store)),
                name,
                query,
                shared: options.shared === true,
                webhookUrl: options.webhook ?? null,
                ...(options.digest === undefined ? {} : { digest: options.digest }),
              },
              cliActor(),
              { allowPrivate: compileAllowList(config.allowPrivate) },
            ),
          ),
        );
        write(
          `saved #${saved.id} "${clean(saved.name)}" for ${saved.ownerName}${saved.shared ? ' (shared)' : ''}`,
        );
      },
    );

  watch
    .command('list')
    .description('each saved search: owner, query, deliveries, last run, hits')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withStore(globals(command), { readonly: true }, (store) =>
        store.savedSearches.list(),
      );
      if (options.json) return write(JSON.stringify(list, null, 2));
      if (list.length === 0) return write('no saved searches yet: `wirewatch watch add NAME QUERY`');
      for (const search of list) write(describe(search));
    });

  watch
    .command('remove <id>')
    .description('delete a saved search and its hits')
    .action(async (id: string, _options: unknown, command: Command) => {
      const removed = await withStore(globals(command), { readonly: false }, async (store) => {
        const search = await store.savedSearches.get(Number(id));
        if (search === null) throw new AppError('WATCH_NOT_FOUND', `no saved search #${id}`);
        await store.savedSearches.remove(search.id, {
          actor: cliActor(),
          action: 'watch.remove',
          target: search.name,
        });
        return search;
      });
      write(`removed #${removed.id} "${clean(removed.name)}"`);
    });
}

/** The one analyst or admin, when there is exactly one; else the owner must be named. */
async function onlyWriter(store: Store): Promise<string> {
  const writers = (await store.accounts.listUsers()).filter(
    (user) => user.role !== 'viewer' && !user.disabledAt,
  );
  if (writers.length === 1) return writers[0]!.name;
  throw new AppError(
    'WATCH_INVALID',
    writers.length === 0
      ? 'no analyst or admin to own the search: `wirewatch users add NAME --role analyst` first'
      : `name the owner with --owner (one of ${writers.map((user) => user.name).join(', ')})`,
  );
}

function describe(search: SavedSearch): string {
  const deliveries = [
    search.webhookUrl ? `webhook ${search.webhookUrl}` : null,
    search.digest === 'daily' ? 'daily digest' : null,
  ].filter((part) => part !== null);
  return clean(
    `#${search.id}  "${search.name}"  ${search.ownerName}${search.shared ? ' (shared)' : ''}\n` +
      `    query: ${search.query}\n` +
      `    deliveries: ${deliveries.length > 0 ? deliveries.join(', ') : 'inbox only'}\n` +
      `    last run: ${search.lastRunAt ?? 'not yet'}; hits: ${search.hits} (${search.unreadHits} unread)`,
  );
}

function clean(text: string): string {
  return stripControlCharacters(text);
}

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
