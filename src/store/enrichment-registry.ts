/**
 * The EnrichmentStore of both stores, one set of SQL run through each store's SqlRunner (as
 * subscription-registry.ts). Big writes go as multi-row statements of a few hundred rows, so that a
 * gazetteer of thousands of spellings or a batch of articles costs tens of statements, not thousands.
 */
import { AppError } from '../core/errors.ts';
import {
  type ArticleEnrichment,
  type ArticleMention,
  type ArticleToEnrich,
  aliasKey,
  type EnrichmentStore,
  type EntityCount,
  type EntityOrigin,
  type EntityRecord,
  type EntityType,
  type EventFilter,
  type FoundEvent,
  type FoundTopic,
  type GazetteerChange,
  type ListedEvent,
  type MonthCount,
  type StoredArticleEnrichment,
  type StoredEntity,
} from './enrichment.ts';
import type { SqlRunner, SqlStep } from './subscription-registry.ts';

/** Rows per multi-row INSERT: well under both engines' parameter limits at 10 columns. */
const rowsPerStatement = 400;

interface EntityRow {
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

const entityColumns = 'id, slug, type, subtype, name, country, parent_slug, details, origin, merged_into';

/** `INSERT INTO table (columns) VALUES (…), (…)` steps for `rows`, a few hundred rows each. */
function insertSteps(table: string, columns: string[], rows: unknown[][], suffix = ''): SqlStep[] {
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

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

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

/** The EnrichmentStore over `runner`. */
export class EnrichmentRegistry implements EnrichmentStore {
  constructor(private readonly runner: SqlRunner) {}

  async gazetteerVersion(): Promise<number> {
    const rows = await this.runner.all<{ value: number | string }>({
      sql: "SELECT value FROM enrichment_state WHERE name = 'gazetteer_version'",
      params: [],
    });
    return Number(rows[0]?.value ?? 0);
  }

  private bumpVersion(): SqlStep {
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

  async loadGazetteer(entities: EntityRecord[], source = 0): Promise<GazetteerChange> {
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
    const rows = [...bySlug.values()].map((entity) => [
      entity.slug,
      entity.type,
      entity.subtype ?? null,
      entity.name.trim(),
      entity.country ?? null,
      entity.parentSlug ?? null,
      entity.details === undefined ? null : JSON.stringify(entity.details),
      'gazetteer',
    ]);
    steps.push(
      ...insertSteps(
        'entities',
        ['slug', 'type', 'subtype', 'name', 'country', 'parent_slug', 'details', 'origin'],
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

  async addEntity(entity: EntityRecord, origin: Exclude<EntityOrigin, 'gazetteer'>): Promise<StoredEntity> {
    checkEntity(entity);
    if ((await this.getEntity(entity.slug)) !== null)
      throw new AppError('ENTITY_EXISTS', `an entity with the slug "${entity.slug}" already exists`);
    const spellings = spellingsOf(entity);
    await this.refuseTakenSpellings([...spellings.keys()], entity.slug);
    await this.runner.atomically([
      ...insertSteps(
        'entities',
        ['slug', 'type', 'subtype', 'name', 'country', 'parent_slug', 'details', 'origin'],
        [
          [
            entity.slug,
            entity.type,
            entity.subtype ?? null,
            entity.name.trim(),
            entity.country ?? null,
            entity.parentSlug ?? null,
            entity.details === undefined ? null : JSON.stringify(entity.details),
            origin,
          ],
        ],
      ),
      ...[...spellings].map(([key, spelling]) => ({
        sql: `INSERT INTO entity_aliases (alias_key, spelling, entity_id, origin)
              SELECT ?, ?, id, ? FROM entities WHERE slug = ?`,
        params: [key, spelling, origin, entity.slug],
      })),
      this.bumpVersion(),
    ]);
    return (await this.getEntity(entity.slug))!;
  }

  private async refuseTakenSpellings(keys: string[], slug: string): Promise<void> {
    if (keys.length === 0) return;
    const taken = await this.runner.all<{ alias_key: string; slug: string }>({
      sql: `SELECT a.alias_key, e.slug FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
            WHERE a.alias_key IN (${placeholders(keys.length)})`,
      params: keys,
    });
    const other = taken.find((row) => row.slug !== slug);
    if (other !== undefined)
      throw new AppError(
        'ENTITY_ALIAS_TAKEN',
        `"${other.alias_key}" already names the entity "${other.slug}"; merge the two or choose another spelling`,
      );
  }

  async addAlias(slug: string, alias: string): Promise<void> {
    const entity = await this.getEntity(slug);
    if (entity === null) throw new AppError('ENTITY_NOT_FOUND', `no entity has the slug "${slug}"`);
    const spelling = alias.replace(/\s+/g, ' ').trim();
    const key = aliasKey(spelling);
    if (key === '') throw new AppError('GAZETTEER_INVALID', 'an alias must have at least one character');
    await this.refuseTakenSpellings([key], slug);
    await this.runner.atomically([
      {
        sql: `INSERT INTO entity_aliases (alias_key, spelling, entity_id, origin) VALUES (?, ?, ?, 'user')
              ON CONFLICT (alias_key) DO NOTHING`,
        params: [key, spelling, entity.mergedInto ?? entity.id],
      },
      this.bumpVersion(),
    ]);
  }

  async mergeEntities(fromSlug: string, intoSlug: string): Promise<void> {
    const from = await this.getEntity(fromSlug);
    const into = await this.getEntity(intoSlug);
    if (from === null) throw new AppError('ENTITY_NOT_FOUND', `no entity has the slug "${fromSlug}"`);
    if (into === null) throw new AppError('ENTITY_NOT_FOUND', `no entity has the slug "${intoSlug}"`);
    if (from.id === into.id || into.mergedInto === from.id)
      throw new AppError('GAZETTEER_INVALID', `"${fromSlug}" cannot be merged into "${intoSlug}"`);
    const target = into.mergedInto ?? into.id;
    await this.runner.atomically([
      // Spellings move as the user's, so a gazetteer reload does not take them back.
      {
        sql: "UPDATE entity_aliases SET entity_id = ?, origin = 'user' WHERE entity_id = ?",
        params: [target, from.id],
      },
      // Articles naming both keep one row: the target's.
      {
        sql: `DELETE FROM article_entities WHERE entity_id = ?
              AND article_id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)`,
        params: [from.id, target],
      },
      { sql: 'UPDATE article_entities SET entity_id = ? WHERE entity_id = ?', params: [target, from.id] },
      {
        sql: 'UPDATE entities SET merged_into = ? WHERE id = ? OR merged_into = ?',
        params: [target, from.id, from.id],
      },
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

  async saveEnrichments(all: ArticleEnrichment[], version: number): Promise<void> {
    const items = await this.existingArticles(all);
    if (items.length === 0) return;
    const steps: SqlStep[] = [];
    for (let start = 0; start < items.length; start += rowsPerStatement) {
      const ids = items.slice(start, start + rowsPerStatement).map((item) => item.articleId);
      const list = placeholders(ids.length);
      steps.push(
        { sql: `DELETE FROM article_entities WHERE article_id IN (${list})`, params: ids },
        { sql: `DELETE FROM article_topics WHERE article_id IN (${list})`, params: ids },
        { sql: `DELETE FROM article_events WHERE article_id IN (${list})`, params: ids },
      );
    }
    const mentionRows = items.flatMap((item) =>
      item.mentions.map((m) => [item.articleId, m.entityId, m.mentions, m.firstOffset, m.surface, m.via]),
    );
    const topicRows = items.flatMap((item) =>
      uniqueTopics(item.topics).map((t) => [item.articleId, t.topic, t.rule, t.evidence]),
    );
    const eventRows = items.flatMap((item) =>
      item.events.map((e) => [
        item.articleId,
        e.type,
        e.count ?? null,
        e.actor ?? null,
        e.target ?? null,
        e.place ?? null,
        e.placeEntityId ?? null,
        e.date ?? null,
        e.sentence,
      ]),
    );
    const spellingRows = uniqueSpellings(items);
    steps.push(
      ...insertSteps(
        'article_entities',
        ['article_id', 'entity_id', 'mentions', 'first_offset', 'surface', 'via'],
        mentionRows,
      ),
      ...insertSteps('article_topics', ['article_id', 'topic', 'rule', 'evidence'], topicRows),
      ...insertSteps(
        'article_events',
        [
          'article_id',
          'type',
          'count',
          'actor',
          'target',
          'place',
          'place_entity_id',
          'event_date',
          'sentence',
        ],
        eventRows,
      ),
      ...insertSteps(
        'name_spellings',
        ['name_key', 'spelling', 'first_article_id'],
        spellingRows,
        ' ON CONFLICT (name_key, spelling) DO NOTHING',
      ),
    );
    const byLanguage = new Map<string, number[]>();
    for (const item of items) {
      if (typeof item.language !== 'string' || !/^[a-z]{2,3}$/.test(item.language)) continue;
      const ids = byLanguage.get(item.language);
      if (ids === undefined) byLanguage.set(item.language, [item.articleId]);
      else ids.push(item.articleId);
    }
    for (const [language, ids] of byLanguage) {
      for (let start = 0; start < ids.length; start += rowsPerStatement) {
        const chunk = ids.slice(start, start + rowsPerStatement);
        steps.push({
          sql: `UPDATE articles SET language = ? WHERE id IN (${placeholders(chunk.length)})`,
          params: [language, ...chunk],
        });
      }
    }
    for (let start = 0; start < items.length; start += rowsPerStatement) {
      const ids = items.slice(start, start + rowsPerStatement).map((item) => item.articleId);
      steps.push({
        sql: `UPDATE articles SET enriched_version = ? WHERE id IN (${placeholders(ids.length)})`,
        params: [version, ...ids],
      });
    }
    await this.runner.atomically(steps);
  }

  /** The items whose article exists (the contract has no deletion yet; a wrong id must not write rows). */
  private async existingArticles(items: ArticleEnrichment[]): Promise<ArticleEnrichment[]> {
    const found = new Set<number>();
    for (let start = 0; start < items.length; start += rowsPerStatement) {
      const ids = items.slice(start, start + rowsPerStatement).map((item) => item.articleId);
      const rows = await this.runner.all<{ id: number }>({
        sql: `SELECT id FROM articles WHERE id IN (${placeholders(ids.length)})`,
        params: ids,
      });
      for (const row of rows) found.add(Number(row.id));
    }
    return items.filter((item) => found.has(item.articleId));
  }

  async toEnrich(afterId: number, limit: number, version: number): Promise<ArticleToEnrich[]> {
    const rows = await this.runner.all<{
      id: number;
      title: string;
      text: string;
      language: string | null;
      published_at: string | null;
    }>({
      // After an ingest only new articles are behind (version NULL): the index gives them in id order
      // without reading the archive. After a gazetteer edit every article is behind, and walking the
      // table in id order is the cheapest way through it; the index says which case this is.
      sql: (await this.anyBehindVersion(version))
        ? `SELECT id, title, text, language, published_at FROM articles
           WHERE id > ? AND (enriched_version IS NULL OR enriched_version < ?) ORDER BY id LIMIT ?`
        : `SELECT id, title, text, language, published_at FROM articles
           WHERE enriched_version IS NULL AND id > ? AND ? > 0 ORDER BY enriched_version, id LIMIT ?`,
      params: [afterId, version, limit],
    });
    return rows.map((row) => ({
      id: Number(row.id),
      title: row.title,
      text: row.text,
      language: row.language,
      publishedAt: row.published_at === null ? null : String(row.published_at),
    }));
  }

  /** True when an article was enriched under an older version than `version` (one index probe). */
  private async anyBehindVersion(version: number): Promise<boolean> {
    const rows = await this.runner.all<{ id: number }>({
      sql: 'SELECT id FROM articles WHERE enriched_version < ? LIMIT 1',
      params: [version],
    });
    return rows.length > 0;
  }

  async countToEnrich(version: number): Promise<number> {
    const rows = await this.runner.all<{ n: number | string }>({
      // Versions only grow, so "behind" is an index range (NULL, then below the version), not a scan.
      sql: 'SELECT count(*) AS n FROM articles WHERE enriched_version IS NULL OR enriched_version < ?',
      params: [version],
    });
    return Number(rows[0]?.n ?? 0);
  }

  async articleEnrichment(articleId: number): Promise<StoredArticleEnrichment | null> {
    if (!Number.isSafeInteger(articleId) || articleId < 1) return null;
    const article = await this.runner.all<{ enriched_version: number | string | null }>({
      sql: 'SELECT enriched_version FROM articles WHERE id = ?',
      params: [articleId],
    });
    if (article.length === 0) return null;
    const mentions = await this.runner.all<{
      entity_id: number;
      mentions: number;
      first_offset: number;
      surface: string;
      via: string;
      slug: string;
      name: string;
      type: EntityType;
    }>({
      sql: `SELECT m.entity_id, m.mentions, m.first_offset, m.surface, m.via, e.slug, e.name, e.type
            FROM article_entities m JOIN entities e ON e.id = m.entity_id
            WHERE m.article_id = ? ORDER BY m.mentions DESC, m.first_offset`,
      params: [articleId],
    });
    const topics = await this.runner.all<FoundTopic>({
      sql: 'SELECT topic, rule, evidence FROM article_topics WHERE article_id = ? ORDER BY topic',
      params: [articleId],
    });
    const events = await this.runner.all<{
      type: string;
      count: number | null;
      actor: string | null;
      target: string | null;
      place: string | null;
      place_entity_id: number | null;
      event_date: string | null;
      sentence: string;
    }>({
      sql: `SELECT type, count, actor, target, place, place_entity_id, event_date, sentence
            FROM article_events WHERE article_id = ? ORDER BY id`,
      params: [articleId],
    });
    const version = article[0]!.enriched_version;
    return {
      version: version === null ? null : Number(version),
      mentions: mentions.map(
        (row): ArticleMention => ({
          entityId: Number(row.entity_id),
          mentions: row.mentions,
          firstOffset: row.first_offset,
          surface: row.surface,
          via: row.via,
          slug: row.slug,
          name: row.name,
          type: row.type,
        }),
      ),
      topics: topics.map((row) => ({ topic: row.topic, rule: row.rule, evidence: row.evidence })),
      events: events.map((row) => toEvent(row)),
    };
  }

  async mentionsByMonth(entityId: number): Promise<MonthCount[]> {
    const month =
      this.runner.dialect === 'postgres'
        ? "to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM')"
        : 'substr(a.published_at, 1, 7)';
    const rows = await this.runner.all<{ month: string; n: number | string }>({
      sql: `SELECT ${month} AS month, count(*) AS n
            FROM article_entities m JOIN articles a ON a.id = m.article_id
            WHERE m.entity_id = ? AND a.published_at IS NOT NULL
            GROUP BY 1 ORDER BY 1`,
      params: [entityId],
    });
    return rows.map((row) => ({ month: row.month, count: Number(row.n) }));
  }

  async coMentioned(entityId: number, limit: number): Promise<EntityCount[]> {
    const rows = await this.runner.all<{ slug: string; name: string; type: EntityType; n: number | string }>({
      sql: `SELECT e.slug, e.name, e.type, count(*) AS n
            FROM article_entities mine
            JOIN article_entities other ON other.article_id = mine.article_id AND other.entity_id <> mine.entity_id
            JOIN entities e ON e.id = other.entity_id
            WHERE mine.entity_id = ?
            GROUP BY e.id, e.slug, e.name, e.type ORDER BY n DESC, e.name LIMIT ?`,
      params: [entityId, clampLimit(limit)],
    });
    return rows.map((row) => ({ slug: row.slug, name: row.name, type: row.type, count: Number(row.n) }));
  }

  async articlesNaming(entityId: number, limit: number): Promise<number[]> {
    const rows = await this.runner.all<{ id: number | string }>({
      sql: `SELECT a.id FROM article_entities m JOIN articles a ON a.id = m.article_id
            WHERE m.entity_id = ?
            ORDER BY a.published_at IS NULL, a.published_at DESC, a.id DESC LIMIT ?`,
      params: [entityId, clampLimit(limit)],
    });
    return rows.map((row) => Number(row.id));
  }

  async listEvents(filter: EventFilter): Promise<ListedEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.type !== undefined) {
      where.push('v.type = ?');
      params.push(filter.type);
    }
    if (filter.articleIds !== undefined) {
      if (filter.articleIds.length === 0) return [];
      // The matches of a query can be many: a JSON array is one parameter on both engines.
      where.push(
        this.runner.dialect === 'postgres'
          ? 'v.article_id = ANY(ARRAY(SELECT json_array_elements_text(?::json)::bigint))'
          : 'v.article_id IN (SELECT value FROM json_each(?))',
      );
      params.push(JSON.stringify(filter.articleIds));
    }
    if (filter.entityId !== undefined) {
      where.push('v.article_id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)');
      params.push(filter.entityId);
    }
    const rows = await this.runner.all<
      EventRow & {
        id: number;
        article_id: number;
        title: string;
        source: string;
        published_at: string | null;
      }
    >({
      sql: `SELECT v.id, v.article_id, v.type, v.count, v.actor, v.target, v.place, v.place_entity_id,
                   v.event_date, v.sentence, a.title, s.name AS source, a.published_at
            FROM article_events v JOIN articles a ON a.id = v.article_id JOIN sources s ON s.id = a.source_id
            ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY a.published_at IS NULL, a.published_at DESC, v.article_id DESC, v.id
            LIMIT ? OFFSET ?`,
      params: [...params, clampLimit(filter.limit), Math.max(0, Math.trunc(filter.offset ?? 0))],
    });
    return rows.map((row) => ({
      ...toEvent(row),
      id: Number(row.id),
      articleId: Number(row.article_id),
      articleTitle: row.title,
      source: row.source,
      publishedAt: row.published_at === null ? null : String(row.published_at),
    }));
  }

  async spellingsOf(keys: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += rowsPerStatement) {
      const chunk = unique.slice(start, start + rowsPerStatement);
      const rows = await this.runner.all<{ name_key: string; spelling: string }>({
        sql: `SELECT name_key, spelling FROM name_spellings WHERE name_key IN (${placeholders(chunk.length)})
              ORDER BY name_key, spelling`,
        params: chunk,
      });
      for (const row of rows) {
        const list = found.get(row.name_key);
        if (list === undefined) found.set(row.name_key, [row.spelling]);
        else list.push(row.spelling);
      }
    }
    return found;
  }
}

function uniqueTopics(topics: FoundTopic[]): FoundTopic[] {
  const seen = new Set<string>();
  return topics.filter((topic) => !seen.has(topic.topic) && seen.add(topic.topic));
}

function uniqueSpellings(items: ArticleEnrichment[]): unknown[][] {
  const rows = new Map<string, unknown[]>();
  for (const item of items) {
    for (const { key, spelling } of item.spellings) {
      const id = `${key}\u0000${spelling}`;
      if (!rows.has(id)) rows.set(id, [key, spelling, item.articleId]);
    }
  }
  return [...rows.values()];
}

function toEntity(row: EntityRow, aliases: string[]): StoredEntity {
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

interface EventRow {
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
function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(Math.trunc(limit), 1), 1_000) : 1;
}

function toEvent(row: EventRow): FoundEvent {
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
