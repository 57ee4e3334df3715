/**
 * `wirewatch events [--type T] [QUERY]`: the event facts enrichment read from articles (arrests,
 * attacks, convictions, repatriations, bans), newest article first; with a query, only those of the
 * articles it matches — the newest `maxQueryArticles` of them, so that a query matching the whole
 * archive stays bounded.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { eventTypes } from '../enrich/events/event-fact.ts';
import { parseQuery } from '../search/query-parser.ts';
import type { ListedEvent } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseChoice, parseWholeNumber } from './option-parsers.ts';
import { withQueryContext } from './query-error-context.ts';
import { renderEvent } from './render-events.ts';

/** Matching articles whose events are listed at most (the newest). */
export const maxQueryArticles = 10_000;
/** Events listed at most. */
const maxLimit = 1_000;

interface EventsOptions {
  type?: string;
  limit: number;
  offset: number;
  json?: boolean;
}

/** Registers the command. */
export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('event facts read from the articles, newest first (with a query: of its matches only)')
    .argument('[query...]', 'only events of the articles matching this query (wirewatch query language)')
    .option('--type <type>', eventTypes.join(' | '), parseChoice('--type', [...eventTypes]))
    .option('--limit <n>', `events listed, 1-${maxLimit}`, parseLimit, 20)
    .option('--offset <n>', 'skip this many events first (the next page: --offset 20)', parseOffset, 0)
    .option('--json', 'print as JSON')
    .action(async (words: string[], options: EventsOptions, command: Command) => {
      const q = words.join(' ').trim();
      const { events, articles, capped } = await withQueryContext(q, () =>
        withStore(command.optsWithGlobals<GlobalOptions>(), { readonly: true }, (store) =>
          listEvents(store, q, options),
        ),
      );
      if (capped)
        process.stderr.write(
          `note: the query matches more than ${maxQueryArticles} articles; these are the events of the newest ${maxQueryArticles}\n`,
        );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
        return;
      }
      const scope = q === '' ? '' : ` in ${articles} matching articles`;
      if (events.length === 0) {
        process.stdout.write(`no ${options.type ?? ''}${options.type ? ' ' : ''}events${scope}\n`);
        return;
      }
      const from = options.offset > 0 ? ` from number ${options.offset + 1}` : '';
      const header = `${events.length} ${options.type ?? ''}${options.type ? ' ' : ''}events${scope}, newest first${from}:`;
      process.stdout.write(`${[header, ...events.map((event) => renderEvent(event))].join('\n\n')}\n`);
    });
}

/** The events asked for, and (with a query) how many articles' events were looked at. */
async function listEvents(
  store: Store,
  q: string,
  options: EventsOptions,
): Promise<{ events: ListedEvent[]; articles: number; capped: boolean }> {
  const filter = {
    limit: options.limit,
    offset: options.offset,
    ...(options.type === undefined ? {} : { type: options.type }),
  };
  if (q === '') return { events: await store.enrichment.listEvents(filter), articles: 0, capped: false };
  const articleIds: number[] = [];
  let capped = false;
  for await (const article of store.exportArticles(parseQuery(q), 'newest')) {
    if (articleIds.length === maxQueryArticles) {
      capped = true;
      break;
    }
    articleIds.push(article.id);
  }
  const events = await store.enrichment.listEvents({ ...filter, articleIds });
  return { events, articles: articleIds.length, capped };
}

function parseOffset(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError(`--offset takes a whole number from 0, not "${value}"`);
  return Number(value);
}

function parseLimit(value: string): number {
  const limit = parseWholeNumber('--limit')(value);
  if (limit > maxLimit) throw new InvalidArgumentError(`--limit takes 1 to ${maxLimit}, not ${value}`);
  return limit;
}
