/**
 * `wirewatch entities add|alias|unalias|merge|load`: editing the archive's gazetteer. Each edit is one
 * transaction in the store and bumps the gazetteer version; then (unless --no-enrich) every article
 * is enriched again under the new version, so that searches and counts follow the edit at once.
 * A refused edit (a slug or spelling already taken, an unknown entity, a broken gazetteer file)
 * changes nothing and exits non-zero with its code. Every edit that changes something is audited as
 * the command line's user, in the edit's transaction (`entity.add`, `entity.alias`, `entity.unalias`,
 * `entity.merge`, `gazetteer.load`: `wirewatch audit` lists them).
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { isAppError } from '../core/errors.ts';
import {
  ensureArchiveGazetteer,
  loadUserGazetteer,
  restoreShippedGazetteer,
} from '../enrich/archive-gazetteer.ts';
import { enrichArchive, loadEnricher } from '../enrich/enrich-archive.ts';
import { entitySubtypes } from '../enrich/gazetteer/gazetteer-entity.ts';
import { aliasKey, type EntityRecord, type EntityType } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { cliActor } from './cli-actor.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseChoice } from './option-parsers.ts';
import { createDelayedProgressBar } from './progress-bar.ts';
import { notFound } from './resolve-entity.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** The entity types, as `--type` takes them. */
export const entityTypes: EntityType[] = ['person', 'organisation', 'place'];

/** Registers add, alias, unalias, merge and load under `entities`. */
export function registerEntityEditCommands(entities: Command): void {
  entities
    .command('add <slug>')
    .description('add a person, organisation or place of your own (it survives gazetteer reloads)')
    .addOption(
      new Option('--type <type>', 'person | organisation | place')
        .argParser(parseChoice('--type', entityTypes))
        .makeOptionMandatory(),
    )
    .addOption(new Option('--name <name>', 'its canonical name').makeOptionMandatory())
    .option('--alias <spelling>', 'another spelling (repeat for more)', collect, [] as string[])
    .option('--subtype <subtype>', 'e.g. designated-group, security-body, official, district, city')
    .option('--country <code>', 'ISO 3166 alpha-2 code, e.g. KG', parseCountry)
    .option('--parent <slug>', 'the entity it lies in or belongs to')
    .option('--no-enrich', 'do not re-enrich the archive now')
    .action(async (slug: string, options: AddOptions, command: Command) => {
      checkSlug(slug, command);
      if (options.subtype !== undefined) {
        const allowed: readonly string[] = entitySubtypes[options.type];
        if (!allowed.includes(options.subtype))
          command.error(
            `error: ${options.type === 'person' ? 'a' : 'an'} ${options.type} has --subtype ${allowed.join(', ')}; not "${options.subtype}"`,
          );
      }
      await editAndEnrich(command, options.enrich, async (store) => {
        if (options.parent !== undefined && (await store.enrichment.getEntity(options.parent)) === null)
          throw notFound(options.parent, await store.enrichment.listEntities());
        const record: EntityRecord = {
          slug,
          type: options.type,
          name: options.name,
          aliases: options.alias,
          ...(options.subtype === undefined ? {} : { subtype: options.subtype }),
          ...(options.country === undefined ? {} : { country: options.country }),
          ...(options.parent === undefined ? {} : { parentSlug: options.parent }),
        };
        const added = await store.enrichment.addEntity(record, 'user', cliActor());
        return `added ${describe(added)}: ${added.type}, ${spellings(added.aliases.length)}`;
      });
    });

  entities
    .command('alias <slug> <spelling>')
    .description('add a spelling to an entity (any script)')
    .option('--no-enrich', 'do not re-enrich the archive now')
    .action(async (slug: string, spelling: string, options: { enrich: boolean }, command: Command) => {
      await editAndEnrich(command, options.enrich, async (store) => {
        const entity = await store.enrichment.getEntity(slug);
        if (entity === null) throw notFound(slug, await store.enrichment.listEntities());
        const key = aliasKey(spelling);
        if (key !== '' && entity.aliases.some((alias) => aliasKey(alias) === key))
          return { skip: `"${clean(spelling)}" already names ${describe(entity)}; nothing changed` };
        await store.enrichment.addAlias(slug, spelling, cliActor());
        return `"${clean(spelling.trim())}" now names ${describe(entity)}`;
      });
    });

  entities
    .command('unalias <slug> <spelling>')
    .description('remove a spelling from an entity (a wrong one the recogniser or an edit gave it)')
    .option('--no-enrich', 'do not re-enrich the archive now')
    .action(async (slug: string, spelling: string, options: { enrich: boolean }, command: Command) => {
      await editAndEnrich(command, options.enrich, async (store) => {
        const entity = await store.enrichment.getEntity(slug);
        if (entity === null) throw notFound(slug, await store.enrichment.listEntities());
        const origin = await store.enrichment.removeAlias(slug, spelling, cliActor());
        if (origin === null)
          return { skip: `"${clean(spelling)}" is not a spelling of ${describe(entity)}; nothing changed` };
        const comeback =
          origin === 'gazetteer'
            ? ' (a shipped spelling: a newer release of the gazetteer may bring it back)'
            : '';
        return `"${clean(spelling.trim())}" no longer names ${describe(entity)}${comeback}`;
      });
    });

  entities
    .command('merge <from-slug> <into-slug>')
    .description("merge an entity into another: its spellings and mentions become the other's")
    .option('--no-enrich', 'do not re-enrich the archive now')
    .action(async (fromSlug: string, intoSlug: string, options: { enrich: boolean }, command: Command) => {
      await editAndEnrich(command, options.enrich, async (store) => {
        const from = await store.enrichment.getEntity(fromSlug);
        const into = await store.enrichment.getEntity(intoSlug);
        if (from === null || into === null)
          throw notFound(from === null ? fromSlug : intoSlug, await store.enrichment.listEntities());
        await store.enrichment.mergeEntities(fromSlug, intoSlug, cliActor());
        return `merged ${describe(from)} into ${describe(into)}: its ${spellings(from.aliases.length)} now name ${clean(into.name)}`;
      });
    });

  entities
    .command('load [directory]')
    .description(
      "make a directory of gazetteer YAML files the archive's gazetteer (--shipped: back to the shipped one)",
    )
    .option('--shipped', 'load the gazetteer shipped with wirewatch instead (undoing an earlier load)')
    .option('--no-enrich', 'do not re-enrich the archive now')
    .action(
      async (
        directory: string | undefined,
        options: { shipped?: boolean; enrich: boolean },
        command: Command,
      ) => {
        if ((directory === undefined) === (options.shipped !== true))
          command.error('error: give a gazetteer directory, or --shipped for the shipped gazetteer');
        await editAndEnrich(
          command,
          options.enrich,
          async (store) => {
            if (directory === undefined) {
              const check = await restoreShippedGazetteer(store, cliActor());
              return check.loaded
                ? `loaded the shipped gazetteer: ${check.entities} entities`
                : { skip: 'the archive has the shipped gazetteer already; nothing changed' };
            }
            const load = await loadUserGazetteer(store, resolve(directory), cliActor());
            return `loaded ${load.entities} entities from ${load.files.length} files in ${directory}: ${load.added} new, ${load.updated} updated, ${load.removed} removed`;
          },
          { checkGazetteer: false },
        );
      },
    );
}

interface AddOptions {
  type: EntityType;
  name: string;
  alias: string[];
  subtype?: string;
  country?: string;
  parent?: string;
  enrich: boolean;
}

/** What an edit says it did, or why it did nothing (then nothing is re-enriched). */
type EditOutcome = string | { skip: string };

/**
 * Runs one edit on the archive, prints what it did, and re-enriches unless told not to. The archive's
 * gazetteer is checked first (the shipped one loaded when new), so an edit is checked against the
 * spellings the archive will have; a shipped gazetteer that cannot be loaded is reported, not fatal,
 * since an edit (a merge) may be what resolves it.
 */
async function editAndEnrich(
  command: Command,
  enrich: boolean,
  edit: (store: Store) => Promise<EditOutcome>,
  options: { checkGazetteer?: boolean } = {},
): Promise<void> {
  await withStore(command.optsWithGlobals<GlobalOptions>(), { readonly: false }, async (store) => {
    if (options.checkGazetteer !== false) {
      try {
        await ensureArchiveGazetteer(store);
      } catch (error) {
        if (!isAppError(error, 'GAZETTEER_INVALID')) throw error;
        process.stderr.write(`warning: the shipped gazetteer could not be loaded: ${error.message}\n`);
      }
    }
    const outcome = await edit(store);
    if (typeof outcome !== 'string') {
      process.stdout.write(`${outcome.skip}\n`);
      return;
    }
    const version = await store.enrichment.gazetteerVersion();
    process.stdout.write(`${outcome}; gazetteer version ${version}\n`);
    if (!enrich) {
      process.stdout.write(
        'not re-enriched (--no-enrich): `wirewatch enrich` brings the articles up to date\n',
      );
      return;
    }
    const enricher = await loadEnricher(store);
    const bar = createDelayedProgressBar('enriching', await store.enrichment.countToEnrich(enricher.version));
    try {
      const run = await enrichArchive(store, { enricher, onProgress: (done) => bar.update(done) });
      bar.stop();
      process.stdout.write(`re-enriched ${run.enriched} articles in ${run.seconds.toFixed(1)} s\n`);
    } finally {
      bar.stop();
    }
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseCountry(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code))
    throw new InvalidArgumentError(`--country takes an ISO 3166 alpha-2 code such as KG, not "${value}"`);
  return code;
}

/** Slugs as the archive keeps them (store's checkEntity): a usage error here rather than a refused write. */
function checkSlug(slug: string, command: Command): void {
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug))
    command.error(
      `error: a slug is 1–100 lower-case letters, digits and hyphens, such as kg-osh-region; not "${slug}"`,
    );
}

function spellings(count: number): string {
  return count === 1 ? '1 spelling' : `${count} spellings`;
}

function describe(entity: { name: string; slug: string }): string {
  return `"${clean(entity.name)}" (${entity.slug})`;
}

function clean(text: string): string {
  return stripControlCharacters(text);
}
