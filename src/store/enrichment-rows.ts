/**
 * What both enrichment registries (gazetteer-registry.ts, enrichment-registry.ts) share: multi-row
 * INSERT steps, placeholders and limits, and the mapping of entity and event rows.
 */
import type { EntityOrigin, EntityType, FoundEvent, StoredEntity } from './enrichment.ts';
import type { SqlStep } from './subscription-registry.ts';

/** Rows per multi-row INSERT: well under both engines' parameter limits at 10 columns. */
export const rowsPerStatement = 400;

/** An `entities` row as both drivers give it. */
export interface EntityRow {
  id: number;
  slug: string;
  type: EntityType;
  subtype: string | null;
  name: string;
  country: string | null;
  parent_slug: string | null;
  details: string | null;
  origin: EntityOrigin;
  merged_into: number | null;
}

export const entityColumns =
  'id, slug, type, subtype, name, country, parent_slug, details, origin, merged_into';

/** `INSERT INTO table (columns) VALUES (…), (…)` steps for `rows`, a few hundred rows each. */
export function insertSteps(table: string, columns: string[], rows: unknown[][], suffix = ''): SqlStep[] {
  const steps: SqlStep[] = [];
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    steps.push({
      sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}${suffix}`,
      params: chunk.flat(),
    });
  }
  return steps;
}

export const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

export function toEntity(row: EntityRow, aliases: string[]): StoredEntity {
  return {
    id: Number(row.id),
    slug: row.slug,
    type: row.type,
    ...(row.subtype === null ? {} : { subtype: row.subtype }),
    name: row.name,
    ...(row.country === null ? {} : { country: row.country }),
    ...(row.parent_slug === null ? {} : { parentSlug: row.parent_slug }),
    ...(row.details === null ? {} : { details: JSON.parse(row.details) as Record<string, unknown> }),
    aliases,
    origin: row.origin,
    ...(row.merged_into === null ? {} : { mergedInto: Number(row.merged_into) }),
  };
}

export interface EventRow {
  type: string;
  count: number | null;
  actor: string | null;
  target: string | null;
  place: string | null;
  place_entity_id: number | null;
  event_date: string | null;
  sentence: string;
}

/** A limit of 1–1,000 rows. */
export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(Math.trunc(limit), 1), 1_000) : 1;
}

export function toEvent(row: EventRow): FoundEvent {
  return {
    type: row.type,
    ...(row.count === null ? {} : { count: row.count }),
    ...(row.actor === null ? {} : { actor: row.actor }),
    ...(row.target === null ? {} : { target: row.target }),
    ...(row.place === null ? {} : { place: row.place }),
    ...(row.place_entity_id === null ? {} : { placeEntityId: Number(row.place_entity_id) }),
    ...(row.event_date === null ? {} : { date: row.event_date }),
    sentence: row.sentence,
  };
}
