/**
 * The gazetteer half of the EnrichmentStore, for both stores (enrichment-registry.ts adds what
 * enrichment found in articles): loading the shipped gazetteer whole, a user's entities, spellings
 * and merges, each bumping the version articles are enriched under. A change made for someone is
 * written with its audit entry in one transaction.
 */
import { AppError } from '../core/errors.ts';
import { auditStep } from './account-registry.ts';
import type { Actor, AuditNote } from './accounts.ts';
import {
  aliasKey,
  type EntityOrigin,
  type EntityRecord,
  type GazetteerChange,
  type StoredEntity,
} from './enrichment.ts';
import {
  type EntityRow,
  entityColumns,
  insertSteps,
  placeholders,
  rowsPerStatement,
  toEntity,
} from './enrichment-rows.ts';
import type { SqlRunner, SqlStep } from './subscription-registry.ts';

/** The spellings of an entity: its name and aliases, once per folded form, as first written. */
function spellingsOf(entity: EntityRecord): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const spelling of [entity.name, ...entity.aliases]) {
    const clean = spelling.replace(/\s+/g, ' ').trim();
    const key = aliasKey(clean);
    if (key !== '' && !spellings.has(key)) spellings.set(key, clean);
  }
  return spellings;
}

function checkEntity(entity: EntityRecord): void {
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(entity.slug))
    throw new AppError(
      'GAZETTEER_INVALID',
      `entity slug "${entity.slug}" must be 1–100 lower-case letters, digits and hyphens`,
    );
  if (entity.name.trim() === '')
    throw new AppError('GAZETTEER_INVALID', `entity "${entity.slug}" has an empty name`);
}

/** The `entities` columns a gazetteer load or a user's new entity writes, as `entityRow` gives them. */
const entityColumnsWritten = [
  'slug',
  'type',
  'subtype',
  'name',
  'country',
  'parent_slug',
  'details',
  'origin',
];

function entityRow(entity: EntityRecord, origin: EntityOrigin): unknown[] {
  return [
    entity.slug,
    entity.type,
    entity.subtype ?? null,
    entity.name.trim(),
    entity.country ?? null,
    entity.parentSlug ?? null,
    entity.details === undefined ? null : JSON.stringify(entity.details),
    origin,
  ];
}

/** The audit entry of a user's edit, as a step of the edit's transaction; none when no actor is given. */
function editAudit(actor: Actor | undefined, action: string, slug: string, detail: string): SqlStep[] {
  if (actor === undefined) return [];
  const short = detail.length > 300 ? `${detail.slice(0, 299)}…` : detail;
  return [auditStep({ actor, action, target: slug, detail: short }, new Date().toISOString())];
}

/** The gazetteer part of the EnrichmentStore over `runner`. */
export class GazetteerRegistry {
  constructor(protected readonly runner: SqlRunner) {}

  async gazetteerVersion(): Promise<number> {
    const rows = await this.runner.all<{ value: number | string }>({
      sql: "SELECT value FROM enrichment_state WHERE name = 'gazetteer_version'",
      params: [],
    });
    return Number(rows[0]?.value ?? 0);
  }

  protected bumpVersion(): SqlStep {
    return {
      sql: "UPDATE enrichment_state SET value = value + 1 WHERE name = 'gazetteer_version' RETURNING value",
      params: [],
    };
  }

  async gazetteerSource(): Promise<number | null> {
    const rows = await this.runner.all<{ value: number | string }>({
      sql: "SELECT value FROM enrichment_state WHERE name = 'gazetteer_source'",
      params: [],
    });
    return rows.length === 0 ? null : Number(rows[0]!.value);
  }

  async loadGazetteer(entities: EntityRecord[], source = 0, audit?: AuditNote): Promise<GazetteerChange> {
    if (!Number.isSafeInteger(source) || source < 0)
      throw new AppError('GAZETTEER_INVALID', `a gazetteer source mark is a whole number, not ${source}`);
    const bySlug = new Map<string, EntityRecord>();
    const owner = new Map<string, string>();
    for (const entity of entities) {
      checkEntity(entity);
      if (bySlug.has(entity.slug))
        throw new AppError('GAZETTEER_INVALID', `the gazetteer names entity "${entity.slug}" twice`);
      bySlug.set(entity.slug, entity);
      for (const key of spellingsOf(entity).keys()) {
        const other = owner.get(key);
        if (other !== undefined)
          throw new AppError(
            'GAZETTEER_INVALID',
            `the spelling "${key}" names both "${other}" and "${entity.slug}"; keep it on one of them`,
          );
        owner.set(key, entity.slug);
      }
    }
    const existing = await this.runner.all<{ slug: string; origin: EntityOrigin }>({
      sql: 'SELECT slug, origin FROM entities',
      params: [],
    });
    const userSlugs = new Set(existing.filter((row) => row.origin !== 'gazetteer').map((row) => row.slug));
    for (const slug of bySlug.keys()) {
      if (userSlugs.has(slug))
        throw new AppError(
          'GAZETTEER_INVALID',
          `the gazetteer's entity "${slug}" has the slug of an entity a user added; rename one of them`,
        );
    }
    const stored = new Set(existing.filter((row) => row.origin === 'gazetteer').map((row) => row.slug));
    const removed = [...stored].filter((slug) => !bySlug.has(slug));
    const added = [...bySlug.keys()].filter((slug) => !stored.has(slug)).length;
    const steps: SqlStep[] = [];
    if (audit !== undefined) {
      const counts = `${bySlug.size} entities: ${added} new, ${bySlug.size - added} updated, ${removed.length} removed`;
      steps.push(
        auditStep(
          { ...audit, detail: audit.detail ? `${audit.detail}; ${counts}` : counts },
          new Date().toISOString(),
        ),
      );
    }
    // The gazetteer's spellings are replaced wholesale; users' spellings stay unless the new
    // gazetteer claims the same folded form (then the load is refused below by the primary key).
    steps.push({ sql: "DELETE FROM entity_aliases WHERE origin = 'gazetteer'", params: [] });
    if (removed.length > 0) {
      for (let start = 0; start < removed.length; start += rowsPerStatement) {
        const chunk = removed.slice(start, start + rowsPerStatement);
        const ids = `SELECT id FROM entities WHERE slug IN (${placeholders(chunk.length)})`;
        steps.push(
          { sql: `DELETE FROM article_entities WHERE entity_id IN (${ids})`, params: chunk },
          { sql: `DELETE FROM entity_aliases WHERE entity_id IN (${ids})`, params: chunk },
          { sql: `UPDATE entities SET merged_into = NULL WHERE merged_into IN (${ids})`, params: chunk },
          { sql: `DELETE FROM entities WHERE slug IN (${placeholders(chunk.length)})`, params: chunk },
        );
      }
    }
    const rows = [...bySlug.values()].map((entity) => entityRow(entity, 'gazetteer'));
    steps.push(
      ...insertSteps(
        'entities',
        entityColumnsWritten,
        rows,
        ` ON CONFLICT (slug) DO UPDATE SET type = excluded.type, subtype = excluded.subtype, name = excluded.name,
          country = excluded.country, parent_slug = excluded.parent_slug, details = excluded.details`,
      ),
    );
    const aliasRows: unknown[][] = [];
    for (const entity of bySlug.values()) {
      for (const [key, spelling] of spellingsOf(entity)) aliasRows.push([key, spelling, entity.slug]);
    }
    for (let start = 0; start < aliasRows.length; start += rowsPerStatement) {
      const chunk = aliasRows.slice(start, start + rowsPerStatement);
      // A spelling the recogniser filed goes to the gazetteer's entity that now claims it.
      steps.push({
        sql: `DELETE FROM entity_aliases WHERE origin = 'recognised' AND alias_key IN (${placeholders(chunk.length)})`,
        params: chunk.map((row) => row[0]),
      });
      steps.push({
        sql: `INSERT INTO entity_aliases (alias_key, spelling, entity_id, origin)
              VALUES ${chunk.map(() => "(?, ?, (SELECT id FROM entities WHERE slug = ?), 'gazetteer')").join(', ')}`,
        params: chunk.flat(),
      });
    }
    steps.push(
      { sql: "DELETE FROM enrichment_state WHERE name = 'gazetteer_source'", params: [] },
      { sql: "INSERT INTO enrichment_state (name, value) VALUES ('gazetteer_source', ?)", params: [source] },
      this.bumpVersion(),
    );
    let version: number;
    try {
      const result = await this.runner.atomically<{ value: number | string }>(steps);
      version = Number(result[0]?.value);
    } catch (error) {
      throw this.aliasConflict(error) ?? error;
    }
    return { added, updated: bySlug.size - added, removed: removed.length, version };
  }

  /** A unique-key failure on a spelling, as the error a user can act on; undefined for other errors. */
  private aliasConflict(error: unknown): AppError | undefined {
    const text = `${(error as { code?: string }).code ?? ''} ${(error as Error).message ?? ''}`;
    if (!/UNIQUE|23505|alias_key|entity_aliases_pkey/i.test(text)) return undefined;
    return new AppError(
      'GAZETTEER_INVALID',
      'a spelling of the gazetteer is already an alias a user gave another entity; remove one of them',
      { cause: error },
    );
  }

  async addEntity(
    entity: EntityRecord,
    origin: Exclude<EntityOrigin, 'gazetteer'>,
    actor?: Actor,
  ): Promise<StoredEntity> {
    checkEntity(entity);
    if ((await this.getEntity(entity.slug)) !== null)
      throw new AppError('ENTITY_EXISTS', `an entity with the slug "${entity.slug}" already exists`);
    const spellings = spellingsOf(entity);
    const recognised = await this.refuseTakenSpellings([...spellings.keys()], entity.slug);
    const newId = { sql: 'SELECT id FROM entities WHERE slug = ?', params: [entity.slug] };
    const spellingCount = spellings.size === 1 ? '1 spelling' : `${spellings.size} spellings`;
    await this.runner.atomically([
      ...editAudit(
        actor,
        'entity.add',
        entity.slug,
        `${entity.type} "${entity.name.trim()}", ${spellingCount}`,
      ),
      ...insertSteps('entities', entityColumnsWritten, [entityRow(entity, origin)]),
      ...this.mergeSteps(recognised, newId),
      ...[...spellings].map(([key, spelling]) => ({
        sql: `INSERT INTO entity_aliases (alias_key, spelling, entity_id, origin)
              SELECT ?, ?, id, ? FROM entities WHERE slug = ?
              ON CONFLICT (alias_key) DO UPDATE SET spelling = excluded.spelling`,
        params: [key, spelling, origin, entity.slug],
      })),
      this.bumpVersion(),
    ]);
    return (await this.getEntity(entity.slug))!;
  }

  /**
   * Refuses spellings another entity has (ENTITY_ALIAS_TAKEN) — except a recognised entity's: what the
   * recogniser found yields to what a user says. Gives the ids of the recognised entities holding any
   * of `keys`, for mergeSteps.
   */
  private async refuseTakenSpellings(keys: string[], slug: string): Promise<number[]> {
    if (keys.length === 0) return [];
    const taken = await this.runner.all<{
      alias_key: string;
      slug: string;
      id: number;
      origin: EntityOrigin;
    }>({
      sql: `SELECT a.alias_key, e.slug, e.id, e.origin FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
            WHERE a.alias_key IN (${placeholders(keys.length)})`,
      params: keys,
    });
    const other = taken.find((row) => row.slug !== slug && row.origin !== 'recognised');
    if (other !== undefined)
      throw new AppError(
        'ENTITY_ALIAS_TAKEN',
        `"${other.alias_key}" already names the entity "${other.slug}"; merge the two or choose another spelling`,
      );
    return [...new Set(taken.filter((row) => row.slug !== slug).map((row) => Number(row.id)))];
  }

  /**
   * Steps that merge entities into the entity `targetId` selects: their spellings move over as the
   * user's (so a gazetteer reload does not take them back), their mentions too (an article naming both
   * keeps the target's row), and they stay, marked merged, so what named them names the target from
   * then on. `entities merge` and a user's entity absorbing recognised ones both use them.
   */
  private mergeSteps(fromIds: number[], targetId: SqlStep): SqlStep[] {
    return fromIds.flatMap((id) => [
      {
        sql: `UPDATE entity_aliases SET entity_id = (${targetId.sql}), origin = 'user' WHERE entity_id = ?`,
        params: [...targetId.params, id],
      },
      {
        sql: `DELETE FROM article_entities WHERE entity_id = ?
              AND article_id IN (SELECT article_id FROM article_entities WHERE entity_id = (${targetId.sql}))`,
        params: [id, ...targetId.params],
      },
      {
        sql: `UPDATE article_entities SET entity_id = (${targetId.sql}) WHERE entity_id = ?`,
        params: [...targetId.params, id],
      },
      {
        sql: `UPDATE entities SET merged_into = (${targetId.sql}) WHERE id = ? OR merged_into = ?`,
        params: [...targetId.params, id, id],
      },
    ]);
  }

  async addAlias(slug: string, alias: string, actor?: Actor): Promise<void> {
    const entity = await this.getEntity(slug);
    if (entity === null) throw new AppError('ENTITY_NOT_FOUND', `no entity has the slug "${slug}"`);
    const spelling = alias.replace(/\s+/g, ' ').trim();
    const key = aliasKey(spelling);
    if (key === '') throw new AppError('GAZETTEER_INVALID', 'an alias must have at least one character');
    const recognised = await this.refuseTakenSpellings([key], slug);
    const target = entity.mergedInto ?? entity.id;
    await this.runner.atomically([
      ...editAudit(actor, 'entity.alias', slug, `"${spelling}"`),
      ...this.mergeSteps(
        recognised.filter((id) => id !== target),
        { sql: 'SELECT CAST(? AS BIGINT)', params: [target] },
      ),
      {
        sql: `INSERT INTO entity_aliases (alias_key, spelling, entity_id, origin) VALUES (?, ?, ?, 'user')
              ON CONFLICT (alias_key) DO NOTHING`,
        params: [key, spelling, target],
      },
      this.bumpVersion(),
    ]);
  }

  async removeAlias(slug: string, alias: string, actor?: Actor): Promise<EntityOrigin | null> {
    const entity = await this.getEntity(slug);
    if (entity === null) throw new AppError('ENTITY_NOT_FOUND', `no entity has the slug "${slug}"`);
    const key = aliasKey(alias.replace(/\s+/g, ' ').trim());
    if (key !== '' && key === aliasKey(entity.name))
      throw new AppError(
        'GAZETTEER_INVALID',
        `"${alias.trim()}" is the name of "${slug}", not one of its other spellings; it cannot be removed`,
      );
    const rows = await this.runner.all<{ origin: EntityOrigin }>({
      sql: 'SELECT origin FROM entity_aliases WHERE alias_key = ? AND entity_id = ?',
      params: [key, entity.id],
    });
    if (rows.length === 0) return null;
    const spelling = alias.replace(/\s+/g, ' ').trim();
    await this.runner.atomically([
      ...editAudit(actor, 'entity.unalias', slug, `"${spelling}" (a ${rows[0]!.origin} spelling)`),
      { sql: 'DELETE FROM entity_aliases WHERE alias_key = ? AND entity_id = ?', params: [key, entity.id] },
      this.bumpVersion(),
    ]);
    return rows[0]!.origin;
  }

  async mergeEntities(fromSlug: string, intoSlug: string, actor?: Actor): Promise<void> {
    const from = await this.getEntity(fromSlug);
    const into = await this.getEntity(intoSlug);
    if (from === null) throw new AppError('ENTITY_NOT_FOUND', `no entity has the slug "${fromSlug}"`);
    if (into === null) throw new AppError('ENTITY_NOT_FOUND', `no entity has the slug "${intoSlug}"`);
    if (from.id === into.id || into.mergedInto === from.id)
      throw new AppError('GAZETTEER_INVALID', `"${fromSlug}" cannot be merged into "${intoSlug}"`);
    const target = into.mergedInto ?? into.id;
    const spellings = from.aliases.length === 1 ? '1 spelling' : `${from.aliases.length} spellings`;
    await this.runner.atomically([
      ...editAudit(actor, 'entity.merge', fromSlug, `into ${intoSlug}, with its ${spellings}`),
      ...this.mergeSteps([from.id], { sql: 'SELECT CAST(? AS BIGINT)', params: [target] }),
      { sql: "UPDATE entities SET origin = 'user' WHERE id = ?", params: [from.id] },
      this.bumpVersion(),
    ]);
  }

  async listEntities(): Promise<StoredEntity[]> {
    const entities = await this.runner.all<EntityRow>({
      sql: `SELECT ${entityColumns} FROM entities WHERE merged_into IS NULL ORDER BY id`,
      params: [],
    });
    const aliases = await this.runner.all<{ entity_id: number; spelling: string }>({
      sql: 'SELECT entity_id, spelling FROM entity_aliases ORDER BY entity_id, alias_key',
      params: [],
    });
    const byEntity = new Map<number, string[]>();
    for (const row of aliases) {
      const id = Number(row.entity_id);
      const list = byEntity.get(id);
      if (list === undefined) byEntity.set(id, [row.spelling]);
      else list.push(row.spelling);
    }
    return entities.map((row) => toEntity(row, byEntity.get(Number(row.id)) ?? []));
  }

  async getEntity(slug: string): Promise<StoredEntity | null> {
    const rows = await this.runner.all<EntityRow>({
      sql: `SELECT ${entityColumns} FROM entities WHERE slug = ?`,
      params: [slug],
    });
    const row = rows[0];
    if (row === undefined) return null;
    const aliases = await this.runner.all<{ spelling: string }>({
      sql: 'SELECT spelling FROM entity_aliases WHERE entity_id = ? ORDER BY alias_key',
      params: [row.id],
    });
    return toEntity(
      row,
      aliases.map((alias) => alias.spelling),
    );
  }
}
