/**
 * The gazetteer in the shape the archive stores it (src/store/enrichment.ts EntityRecord): the id
 * becomes the slug, the parent the parent slug, and designations, shared aliases and the note go
 * into `details`.
 */
import type { EntityRecord } from '../../store/enrichment.ts';
import type { Gazetteer } from './load-gazetteer.ts';

/** Every entity of the gazetteer as an EntityRecord, in gazetteer order. */
export function toEntityRecords(gazetteer: Gazetteer): EntityRecord[] {
  return gazetteer.entities.map((entity) => {
    const details: Record<string, unknown> = {};
    if (entity.designations !== undefined) details.designations = entity.designations;
    if (entity.sharedAliases !== undefined) details.sharedAliases = entity.sharedAliases;
    if (entity.note !== undefined) details.note = entity.note;
    return {
      slug: entity.id,
      type: entity.type,
      subtype: entity.subtype,
      name: entity.name,
      aliases: [...entity.aliases],
      ...(entity.country === undefined ? {} : { country: entity.country }),
      ...(entity.parent === undefined ? {} : { parentSlug: entity.parent }),
      ...(Object.keys(details).length === 0 ? {} : { details }),
    };
  });
}
