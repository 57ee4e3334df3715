import type {
  ArticleEnrichment,
  ArticleMention,
  ArticleToEnrich,
  EnrichmentStore,
  EntityCount,
  EntityType,
  EventFilter,
  FoundTopic,
  ListedEvent,
  MonthCount,
  StoredArticleEnrichment,
} from './enrichment.ts';
import {
  clampLimit,
  type EventRow,
  insertSteps,
  placeholders,
  rowsPerStatement,
  toEvent,
} from './enrichment-rows.ts';
import { GazetteerRegistry } from './gazetteer-registry.ts';
import { recognisedSteps } from './recognised-entities.ts';
import type { SqlStep } from './subscription-registry.ts';

/** The EnrichmentStore over a store's SqlRunner. */
export class EnrichmentRegistry extends GazetteerRegistry implements EnrichmentStore {
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
      ...recognisedSteps(items),
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
    const events = await this.runner.all<EventRow>({
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
