/**
 * Every entity of an archive by slug, by id and (countries) by ISO code, read once per gazetteer
 * version: the entity pages link parents, countries and event places, and follow merges, without
 * reading the whole gazetteer (a few hundred entities with their spellings, ~20 ms) on each request.
 * Every gazetteer change (load, add, alias, merge) bumps the version, so a changed gazetteer is read afresh.
 */
import type { EntityType, StoredEntity } from '../../store/enrichment.ts';
import type { Store } from '../../store/store.ts';

/** What a link to an entity needs. */
export interface EntityRef {
  slug: string;
  name: string;
  type: EntityType;
}

/** The entities that are not merged away, looked up three ways. */
export interface EntityDirectory {
  version: number;
  entities: readonly StoredEntity[];
  bySlug: ReadonlyMap<string, StoredEntity>;
  byId: ReadonlyMap<number, StoredEntity>;
  /** The place of subtype `country` holding each ISO 3166 alpha-2 code. */
  countries: ReadonlyMap<string, StoredEntity>;
}

const directories = new WeakMap<Store, Promise<EntityDirectory>>();

/** The archive's entity directory, read again only when the gazetteer version moved. */
export async function entityDirectory(store: Store): Promise<EntityDirectory> {
  const version = await store.enrichment.gazetteerVersion();
  const known = directories.get(store);
  if (known !== undefined) {
    const directory = await known.catch(() => null);
    if (directory !== null && directory.version === version) return directory;
  }
  const reading = readDirectory(store, version);
  directories.set(store, reading);
  // A failed read is not kept: the next request tries again (the caller still gets the error).
  reading.catch(() => directories.get(store) === reading && directories.delete(store));
  return reading;
}

async function readDirectory(store: Store, version: number): Promise<EntityDirectory> {
  const entities = await store.enrichment.listEntities();
  const countries = new Map<string, StoredEntity>();
  for (const entity of entities) {
    if (entity.subtype === 'country' && entity.country !== undefined && !countries.has(entity.country)) {
      countries.set(entity.country, entity);
    }
  }
  return {
    version,
    entities,
    bySlug: new Map(entities.map((entity) => [entity.slug, entity])),
    byId: new Map(entities.map((entity) => [entity.id, entity])),
    countries,
  };
}

/** The link fields of an entity. */
export function entityRef(entity: EntityRef): EntityRef {
  return { slug: entity.slug, name: entity.name, type: entity.type };
}
