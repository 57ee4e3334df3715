/**
 * Finding the entity a user means: by its slug, else by any of its spellings as the archive folds
 * them (case, ё, diacritics, hyphens: aliasKey), else by the transliteration key when exactly one
 * entity has a spelling with that key (Tokaev → Tokayev, Токаев). What names nothing is an
 * ENTITY_NOT_FOUND error that says what was looked for and offers the closest spellings.
 */
import { distance } from 'fastest-levenshtein';
import { AppError } from '../core/errors.ts';
import { phraseKey } from '../enrich/language/index.ts';
import { aliasKey, type StoredEntity } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** An entity found, and the slug it was merged away from when the user named a merged one. */
export interface ResolvedEntity {
  entity: StoredEntity;
  mergedFrom?: string;
}

/** Spellings offered when nothing matches. */
const maxSuggestions = 5;
/** Edits (per 10 letters of the spelling looked for) a suggestion may be away from it. */
const editsPerTenLetters = 3;

/** The entity `target` (a slug or a spelling) names; ENTITY_NOT_FOUND when none does. */
export async function resolveEntity(store: Store, target: string): Promise<ResolvedEntity> {
  // Echoed in messages, so no escape sequence reaches the terminal.
  const wanted = stripControlCharacters(target).replace(/\s+/g, ' ').trim();
  const bySlug = wanted === '' ? null : await store.enrichment.getEntity(wanted);
  const entities = await store.enrichment.listEntities();
  if (bySlug !== null) {
    if (bySlug.mergedInto === undefined) return { entity: bySlug };
    const into = entities.find((entity) => entity.id === bySlug.mergedInto);
    if (into !== undefined) return { entity: into, mergedFrom: bySlug.slug };
  }
  const key = aliasKey(wanted);
  if (key !== '') {
    const spelled = entities.find((entity) => entity.aliases.some((alias) => aliasKey(alias) === key));
    if (spelled !== undefined) return { entity: spelled };
    const transliterated = phraseKey(wanted);
    const keyed = entities.filter((entity) =>
      entity.aliases.some((alias) => phraseKey(alias) === transliterated),
    );
    if (keyed.length === 1) return { entity: keyed[0]! };
    if (keyed.length > 1)
      throw new AppError(
        'ENTITY_NOT_FOUND',
        `"${wanted}" is spelt like ${keyed
          .slice(0, maxSuggestions)
          .map((entity) => `"${stripControlCharacters(entity.name)}" (${entity.slug})`)
          .join(', ')}: name one of them by its slug`,
      );
  }
  throw notFound(wanted, entities);
}

/** ENTITY_NOT_FOUND for `wanted`, with the closest spellings of the archive's entities. */
export function notFound(target: string, entities: readonly StoredEntity[]): AppError {
  const wanted = stripControlCharacters(target);
  const empty = entities.length === 0 ? ' (the archive has no gazetteer yet: run `wirewatch enrich`)' : '';
  const suggestions = closestSpellings(wanted, entities);
  const hint =
    suggestions.length > 0
      ? `; the closest: ${suggestions.map((s) => `"${stripControlCharacters(s.spelling)}" (${s.slug})`).join(', ')}`
      : '';
  return new AppError('ENTITY_NOT_FOUND', `no entity is named "${wanted}"${empty}${hint}`);
}

/** Up to maxSuggestions spellings near `wanted`, by edit distance on the transliteration key. */
function closestSpellings(
  wanted: string,
  entities: readonly StoredEntity[],
): { spelling: string; slug: string }[] {
  const key = phraseKey(wanted);
  if (key === '' || key.length > 80) return [];
  const limit = Math.max(1, Math.round((key.length * editsPerTenLetters) / 10));
  const near: { spelling: string; slug: string; edits: number }[] = [];
  for (const entity of entities) {
    let best: { spelling: string; edits: number } | undefined;
    for (const alias of [...entity.aliases, entity.slug]) {
      const aliasKeyed = phraseKey(alias);
      if (Math.abs(aliasKeyed.length - key.length) > limit) continue;
      const edits = distance(aliasKeyed, key);
      if (edits <= limit && (best === undefined || edits < best.edits)) best = { spelling: alias, edits };
    }
    if (best !== undefined) near.push({ ...best, slug: entity.slug });
  }
  return near
    .sort((a, b) => a.edits - b.edits || a.spelling.localeCompare(b.spelling))
    .slice(0, maxSuggestions)
    .map(({ spelling, slug }) => ({ spelling, slug }));
}
