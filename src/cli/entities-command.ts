/**
 * `wirewatch entities list|show|add|alias|merge|load`: the archive's gazetteer. `list` and `show`
 * read (show takes a slug or any spelling, in any script); the edits are in entity-edit-commands.ts.
 */
import type { Command } from 'commander';
import type { EntityOrigin, EntityType } from '../store/enrichment.ts';
import { readEntityProfile } from './entity-profile.ts';
import { entityTypes, registerEntityEditCommands } from './entity-edit-commands.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseChoice } from './option-parsers.ts';
import { renderEntityProfile } from './render-entity.ts';
import { resolveEntity } from './resolve-entity.ts';
import { stripControlCharacters } from './terminal-style.ts';

const entityOrigins: EntityOrigin[] = ['gazetteer', 'user', 'recognised'];

/** Registers the command and its subcommands. */
export function registerEntitiesCommand(program: Command): void {
  const entities = program
    .command('entities')
    .description(
      'the people, organisations and places enrichment finds (list, show, add, alias, unalias, merge, load)',
    );

  entities
    .command('list')
    .description('every entity: slug, type, subtype, name and number of aliases')
    .option('--type <type>', 'person | organisation | place', parseChoice('--type', entityTypes))
    .option(
      '--origin <origin>',
      'gazetteer | user | recognised (the names the recogniser found, to review)',
      parseChoice('--origin', entityOrigins),
    )
    .option('--json', 'print as JSON')
    .action(
      async (options: { type?: EntityType; origin?: EntityOrigin; json?: boolean }, command: Command) => {
        const all = await withStore(command.optsWithGlobals<GlobalOptions>(), { readonly: true }, (store) =>
          store.enrichment.listEntities(),
        );
        const listed = all
          .filter((entity) => options.type === undefined || entity.type === options.type)
          .filter((entity) => options.origin === undefined || entity.origin === options.origin)
          .map((entity) => ({
            slug: entity.slug,
            type: entity.type,
            subtype: entity.subtype ?? null,
            name: entity.name,
            country: entity.country ?? null,
            parent: entity.parentSlug ?? null,
            origin: entity.origin,
            aliases: entity.aliases.filter((alias) => alias !== entity.name),
          }))
          .sort((a, b) => a.type.localeCompare(b.type) || a.slug.localeCompare(b.slug));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
          return;
        }
        if (all.length === 0) {
          process.stdout.write('no entities yet: `wirewatch enrich` loads the shipped gazetteer\n');
          return;
        }
        const slugWidth = Math.max(...listed.map((entity) => entity.slug.length), 4);
        const kindWidth = Math.max(...listed.map((entity) => kindOf(entity).length), 4);
        const lines = listed.map(
          (entity) =>
            `${entity.slug.padEnd(slugWidth)}  ${kindOf(entity).padEnd(kindWidth)}  ${stripControlCharacters(entity.name)} (${entity.aliases.length === 1 ? '1 alias' : `${entity.aliases.length} aliases`})`,
        );
        lines.push(`${listed.length} entities`);
        process.stdout.write(`${lines.join('\n')}\n`);
      },
    );

  entities
    .command('show <slug-or-spelling>')
    .description(
      'one entity: spellings, designations, mentions per month, co-mentioned entities, articles, events',
    )
    .option('--json', 'print as JSON')
    .action(async (target: string, options: { json?: boolean }, command: Command) => {
      const profile = await withStore(
        command.optsWithGlobals<GlobalOptions>(),
        { readonly: true },
        async (store) => readEntityProfile(store, await resolveEntity(store, target)),
      );
      process.stdout.write(
        options.json ? `${JSON.stringify(profile, null, 2)}\n` : renderEntityProfile(profile),
      );
    });

  registerEntityEditCommands(entities);
}

function kindOf(entity: { type: string; subtype: string | null }): string {
  return entity.subtype === null ? entity.type : `${entity.type}/${entity.subtype}`;
}
