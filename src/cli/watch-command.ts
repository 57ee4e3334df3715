/**
 * `wirewatch watch add|list|edit|remove`: saved searches. A query is checked when it is saved or
 * edited (a malformed one is refused with the parser's message and a caret under the column), and so
 * is a webhook URL (no private addresses). `edit` keeps a search's hits and position: a new query
 * applies to what is ingested from now on. Every ingest matches what it added (match-saved-searches.ts);
 * `run` does it on demand and `hits` lists what was found; `deliver` posts the webhook alerts due
 * and `deliveries` shows how each went. The server does both on each of its passes.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { AppError } from '../core/errors.ts';
import { compileAllowList } from '../ingest/fetch/allow-list.ts';
import type { SavedSearch } from '../store/saved-searches.ts';
import type { Store } from '../store/store.ts';
import { deliverDueWebhooks, describeDeliveryPass } from '../watch/deliveries/deliver-webhooks.ts';
import { createWebhookSender } from '../watch/deliveries/webhook-sender.ts';
import { editSearch, queryChangeNote, type SearchEdit } from '../watch/searches/edit-search.ts';
import { describeMatchPass, matchSavedSearches } from '../watch/searches/match-saved-searches.ts';
import { saveSearch } from '../watch/searches/save-search.ts';
import { cliActor } from './cli-actor.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseWholeNumber } from './option-parsers.ts';
import { withQueryContext } from './query-error-context.ts';
import { stripControlCharacters } from './terminal-style.ts';

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function registerWatchCommand(program: Command): void {
  const watch = program.command('watch').description('saved searches: add, list, edit, remove');

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
        process.stderr.write(
          `its Atom feed of alerts (keep the URL private): /watch/${saved.id}/feed.atom?key=${saved.feedKey}\n`,
        );
        if (saved.webhookSecret !== null)
          process.stderr.write(
            `webhook signing secret (shown only now): ${saved.webhookSecret}\nthe receiver checks x-wirewatch-signature: t=<seconds>,v1=hex(HMAC-SHA256(secret, "<seconds>.<body>"))\n`,
          );
      },
    );

  watch
    .command('list')
    .description('each saved search: owner, query, deliveries, last run, hits')
    .option('--reader <user>', 'count the alerts this user has not read (default: each search’s owner)')
    .option('--json', 'print as JSON')
    .action(async (options: { reader?: string; json?: boolean }, command: Command) => {
      const { list, reader } = await withStore(globals(command), { readonly: true }, async (store) => {
        const reader = await readerOf(store, options.reader);
        return {
          list: await store.savedSearches.list(reader === null ? {} : { readerId: reader.id }),
          reader,
        };
      });
      if (options.json) return write(JSON.stringify(list, null, 2));
      if (list.length === 0) return write('no saved searches yet: `wirewatch watch add NAME QUERY`');
      for (const search of list) write(describe(search, reader?.name ?? search.ownerName));
    });

  watch
    .command('run')
    .description('match the articles that arrived since each search last ran (ingest does this itself)')
    .action(async (_options: unknown, command: Command) => {
      const pass = await withStore(globals(command), { readonly: false }, (store) =>
        matchSavedSearches(store),
      );
      write(describeMatchPass(pass) ?? 'every saved search is up to date: nothing new to match');
      if (pass.failed.length > 0) process.exitCode = 1;
    });

  watch
    .command('hits <id>')
    .description("a saved search's hits, newest first: headline, source, date, and why it alerted or not")
    .option('--alerts', 'only the hits worth an alert (one per story, unless a copy brings something new)')
    .option('--limit <n>', 'how many (default 20)', parseWholeNumber('--limit'), 20)
    .option('--reader <user>', 'whose read state readAt is (default: the search’s owner)')
    .option('--json', 'print as JSON (readAt: when the reader marked the alert read, or null)')
    .action(
      async (
        id: string,
        options: { alerts?: boolean; limit: number; reader?: string; json?: boolean },
        command: Command,
      ) => {
        const listed = await withStore(globals(command), { readonly: true }, async (store) => {
          const search = await store.savedSearches.get(Number(id));
          if (search === null) throw new AppError('WATCH_NOT_FOUND', `no saved search #${id}`);
          const reader = await readerOf(store, options.reader);
          const hits = await store.savedSearches.listHits(search.id, {
            limit: options.limit,
            ...(options.alerts ? { alertsOnly: true } : {}),
            ...(reader === null ? {} : { readerId: reader.id }),
          });
          const articles = await Promise.all(hits.map((hit) => store.getArticle(hit.articleId)));
          return { search, hits: hits.map((hit, index) => ({ ...hit, article: articles[index] })) };
        });
        if (options.json)
          return write(
            JSON.stringify(
              listed.hits.map(({ article, ...hit }) => ({
                ...hit,
                title: article?.title ?? null,
                source: article?.source ?? null,
                publishedAt: article?.publishedAt ?? null,
              })),
              null,
              2,
            ),
          );
        if (listed.hits.length === 0)
          return write(`#${listed.search.id} "${clean(listed.search.name)}" has no hits yet`);
        for (const { article, ...hit } of listed.hits)
          write(
            clean(
              `${hit.alert ? '*' : ' '} #${hit.articleId}  ${article?.title ?? '(removed)'}  — ${article?.source ?? ''}, ${article?.publishedAt?.slice(0, 10) ?? 'undated'}  (${hit.why})`,
            ),
          );
      },
    );

  watch
    .command('deliver')
    .description('post the webhook alerts that are due now (the server does this on each pass)')
    .action(async (_options: unknown, command: Command) => {
      const config = loadConfig();
      const sender = createWebhookSender({ allowPrivate: config.allowPrivate });
      try {
        const pass = await withStore(globals(command), { readonly: false }, (store) =>
          deliverDueWebhooks(store, sender),
        );
        write(describeDeliveryPass(pass) ?? 'no webhook deliveries are due');
      } finally {
        await sender.close();
      }
    });

  watch
    .command('deliveries <id>')
    .description("a saved search's webhook deliveries: state, attempts, last answer, next try")
    .option('--attempts', 'list every attempt of each delivery')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { attempts?: boolean; json?: boolean }, command: Command) => {
      const listed = await withStore(globals(command), { readonly: true }, async (store) => {
        const search = await store.savedSearches.get(Number(id));
        if (search === null) throw new AppError('WATCH_NOT_FOUND', `no saved search #${id}`);
        const deliveries = await store.savedSearches.listDeliveries(search.id);
        const attempts = options.attempts
          ? await Promise.all(deliveries.map((delivery) => store.savedSearches.attemptsOf(delivery.id)))
          : deliveries.map(() => []);
        return deliveries.map((delivery, index) => ({ ...delivery, attemptList: attempts[index] ?? [] }));
      });
      if (options.json) return write(JSON.stringify(listed, null, 2));
      if (listed.length === 0) return write('no deliveries');
      for (const delivery of listed) {
        const next = delivery.state === 'pending' ? `, next try ${delivery.nextAttemptAt}` : '';
        write(
          clean(
            `#${delivery.id}  article #${delivery.articleId}  ${delivery.state}  ${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}${delivery.lastStatus === null ? '' : `, last answer ${delivery.lastStatus}`}${delivery.lastError ? `, ${delivery.lastError}` : ''}${next}`,
          ),
        );
        for (const attempt of delivery.attemptList)
          write(
            clean(
              `    ${attempt.at}  ${attempt.status ?? 'no answer'}  ${Math.round(attempt.ms)} ms${attempt.error ? `  ${attempt.error}` : ''}`,
            ),
          );
      }
    });

  watch
    .command('edit <id>')
    .description(
      'change a saved search, keeping its hits and position (a new query applies to articles ingested from now on)',
    )
    .option('--name <name>', 'a new name')
    .option('--query <query>', 'a new query (checked now; the archive is not searched again)')
    .option('--webhook <url>', 'a new webhook URL (keeps its signing secret; one is made if it had none)')
    .option('--no-webhook', 'remove the webhook (deliveries still pending are marked failed)')
    .option('--rotate-secret', 'give the webhook a new signing secret')
    .option('--shared', 'let the whole team see it')
    .option('--private', 'only its owner (and admins) see it')
    .option('--digest <schedule>', 'daily or none')
    .action(async (id: string, options: EditOptions, command: Command) => {
      if (options.shared && options.private)
        throw new AppError('WATCH_INVALID', 'give --shared or --private, not both');
      const config = loadConfig();
      const edit = editOf(options);
      const outcome = await withStore(globals(command), { readonly: false }, async (store) => {
        const search = await store.savedSearches.get(Number(id));
        if (search === null) throw new AppError('WATCH_NOT_FOUND', `no saved search #${id}`);
        const run = () =>
          editSearch(store, search, edit, cliActor(), {
            allowPrivate: compileAllowList(config.allowPrivate),
          });
        return edit.query === undefined ? run() : withQueryContext(edit.query, run);
      });
      const { search } = outcome;
      if (outcome.changes.length === 0)
        return write(`#${search.id} "${clean(search.name)}": nothing to change`);
      write(`changed #${search.id} "${clean(search.name)}":`);
      for (const change of outcome.changes) write(clean(`  ${change}`));
      if (outcome.queryChanged) write(`note: ${queryChangeNote}`);
      if (outcome.newWebhookSecret !== null)
        process.stderr.write(
          `webhook signing secret (shown only now): ${outcome.newWebhookSecret}\nthe receiver checks x-wirewatch-signature: t=<seconds>,v1=hex(HMAC-SHA256(secret, "<seconds>.<body>"))\n`,
        );
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

interface EditOptions {
  name?: string;
  query?: string;
  /** A URL, false for --no-webhook, undefined when neither was given. */
  webhook?: string | false;
  rotateSecret?: boolean;
  shared?: boolean;
  private?: boolean;
  digest?: string;
}

/** The options of `watch edit` as an edit: only what was given. */
function editOf(options: EditOptions): SearchEdit {
  return {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.query === undefined ? {} : { query: options.query }),
    ...(options.webhook === undefined
      ? {}
      : { webhookUrl: options.webhook === false ? null : options.webhook }),
    ...(options.rotateSecret ? { rotateSecret: true } : {}),
    ...(options.shared ? { shared: true } : options.private ? { shared: false } : {}),
    ...(options.digest === undefined ? {} : { digest: options.digest }),
  };
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

/** The user named by --reader, or null when none was named. */
async function readerOf(
  store: Store,
  name: string | undefined,
): Promise<{ id: number; name: string } | null> {
  if (name === undefined) return null;
  const user = await store.accounts.findUserByName(name);
  if (user === null) throw new AppError('USER_NOT_FOUND', `--reader: no user called ${name}`);
  return { id: user.id, name: user.name };
}

/** A search as listed; its unread count is `reader`'s (read state is per user). */
function describe(search: SavedSearch, reader: string): string {
  const deliveries = [
    search.webhookUrl ? `webhook ${search.webhookUrl}` : null,
    search.digest === 'daily' ? 'daily digest' : null,
  ].filter((part) => part !== null);
  return clean(
    `#${search.id}  "${search.name}"  ${search.ownerName}${search.shared ? ' (shared)' : ''}\n` +
      `    query: ${search.query}\n` +
      `    deliveries: ${deliveries.length > 0 ? deliveries.join(', ') : 'inbox only'}\n` +
      `    last run: ${search.lastRunAt ?? 'not yet'}; hits: ${search.hits} (${search.unreadHits} unread by ${reader})`,
  );
}

function clean(text: string): string {
  return stripControlCharacters(text);
}

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
