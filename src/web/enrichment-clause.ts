/**
 * Writing enrichment filters back as query text: the clause an entity, topic or event facet adds
 * (`org:hizb-ut-tahrir`, `topic:terrorism`, `event:arrest`), and the entity page's link. Every clause
 * written here parses back to a filter on that very value (query-text.ts does the same for sources).
 */
import type { EntityType } from '../store/enrichment.ts';

/** The query fields enrichment answers that a facet can narrow by. */
export type EnrichmentField = 'org' | 'person' | 'place' | 'topic' | 'event';

/** A value the lexer reads back whole after `field:`: letters, digits, and inner `-`, `_` or `.`. */
const bareValuePattern = /^[\p{L}\p{N}](?:[\p{L}\p{N}._-]*[\p{L}\p{N}])?$/u;
/** Characters that end a quoted value: a value holding one cannot be written as a filter. */
const quotePattern = /["\u201C\u201D]/;

/** The query field that names entities of `type`. */
export function entityField(type: EntityType): 'org' | 'person' | 'place' {
  return type === 'organisation' ? 'org' : type;
}

/** `field:value`, or `field:"value"` when it has spaces or signs; null when it holds a quote or is blank. */
export function enrichmentClause(field: EnrichmentField, value: string): string | null {
  if (value.trim() === '' || quotePattern.test(value)) return null;
  return bareValuePattern.test(value) ? `${field}:${value}` : `${field}:"${value}"`;
}

/** The clause naming one entity by its slug (slugs are stable where names and spellings are not). */
export function entityClause(entity: { slug: string; type: EntityType }): string | null {
  return enrichmentClause(entityField(entity.type), entity.slug);
}

/** The desk's page of an entity. */
export function entityHref(slug: string): string {
  return `/entities/${encodeURIComponent(slug)}`;
}
