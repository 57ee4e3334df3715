/**
 * The archive's entities with the number of articles naming each, for the entities page and GET
 * /api/v1/entities: filtered by type and by a few letters of any spelling, most named first. The
 * counts are the enrichment facets of the whole archive (one grouped pass, kept by the answer cache
 * until the archive changes).
 */
import { parseQuery } from '../../search/query-parser.ts';
import { aliasKey, type EntityType, type StoredEntity } from '../../store/enrichment.ts';
import type { Store } from '../../store/store.ts';
import { entityDirectory } from './entity-directory.ts';

/** The longest filter text. */
export const maxEntityFilterLength = 200;
/** Counts are asked for every entity: far more than any gazetteer holds per type. */
const allEntities = 1_000_000;

/** An entity and how many articles name it. */
export interface CountedEntity {
  entity: StoredEntity;
  articles: number;
}

/** Which entities. */
export interface EntityListRequest {
  type?: EntityType;
  /** Part of a name, spelling (any script, case and ё folded) or slug; blank: every entity. */
  q?: string;
}

/** The entities that fit, most named first, then by name. */
export async function listCountedEntities(
  store: Store,
  request: EntityListRequest,
): Promise<CountedEntity[]> {
  const [directory, facets] = await Promise.all([
    entityDirectory(store),
    store.enrichmentFacets(parseQuery(''), allEntities),
  ]);
  const counts = new Map<string, number>();
  for (const entry of [...facets.people, ...facets.organisations, ...facets.places]) {
    counts.set(entry.slug, entry.count);
  }
  const filter = request.q === undefined ? '' : aliasKey(request.q.slice(0, maxEntityFilterLength));
  const slugFilter = (request.q ?? '').trim().toLowerCase();
  return directory.entities
    .filter((entity) => request.type === undefined || entity.type === request.type)
    .filter(
      (entity) =>
        filter === '' ||
        entity.slug.includes(slugFilter) ||
        [entity.name, ...entity.aliases].some((spelling) => aliasKey(spelling).includes(filter)),
    )
    .map((entity) => ({ entity, articles: counts.get(entity.slug) ?? 0 }))
    .sort((a, b) => b.articles - a.articles || a.entity.name.localeCompare(b.entity.name));
}
