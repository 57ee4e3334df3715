/**
 * Filing the names the recogniser found (ArticleEnrichment.recognised) under entities, in the same
 * transaction as the rest of an article's findings, on both stores:
 * 1. a recognised entity is created for each new type and key — unless any entity (a user's, or one
 *    merged into another) already has that key — and two writers creating the same one at once
 *    create it once (the unique index of SQLite migration 9 / PostgreSQL migration 8);
 * 2. the name as filed becomes a recognised spelling of that entity, unless the spelling already
 *    names an entity (the gazetteer's and users' spellings win);
 * 3. the mention is written for the entity the key leads to (followed through merges); a surname
 *    alone is written only when exactly one person has that surname key.
 * No step reads back into JavaScript, so all of it runs inside one `atomically`.
 */
import { aliasKey, type ArticleEnrichment, type RecognisedMention } from './enrichment.ts';
import { rowsPerStatement } from './enrichment-rows.ts';
import type { SqlStep } from './subscription-registry.ts';

/** Rows per statement here: each row is a SELECT of several parameters. */
const rowsPerUnion = Math.floor(rowsPerStatement / 2);

function unionSteps(rows: unknown[][], selectOne: string, wrap: (union: string) => string): SqlStep[] {
  const steps: SqlStep[] = [];
  for (let start = 0; start < rows.length; start += rowsPerUnion) {
    const chunk = rows.slice(start, start + rowsPerUnion);
    steps.push({ sql: wrap(chunk.map(() => selectOne).join(' UNION ALL ')), params: chunk.flat() });
  }
  return steps;
}

/** The steps that file every recognised name of `items` (after their old mentions were deleted). */
export function recognisedSteps(items: ArticleEnrichment[]): SqlStep[] {
  const named = new Map<string, RecognisedMention>();
  const mentions: { articleId: number; mention: RecognisedMention }[] = [];
  for (const item of items) {
    for (const mention of item.recognised ?? []) {
      if (mention.key === '' || mention.name.trim() === '') continue;
      mentions.push({ articleId: item.articleId, mention });
      if (!mention.surnameOnly && !named.has(`${mention.type} ${mention.key}`))
        named.set(`${mention.type} ${mention.key}`, mention);
    }
  }
  if (mentions.length === 0) return [];
  const entityRows = [...named.values()].map((m) => [
    m.slug,
    m.type,
    m.name.trim(),
    m.key,
    m.surnameKey ?? null,
  ]);
  // Every spelling filed in the batch (Bakyt Toktosunov and Бакыт Токтосунов under one key), once.
  const aliasRows = [
    ...new Map(
      mentions
        .filter(({ mention }) => !mention.surnameOnly)
        .map(({ mention: m }): [string, unknown[]] => [
          aliasKey(m.name),
          [aliasKey(m.name), m.name.trim(), m.type, m.key],
        ])
        .filter(([key]) => key !== ''),
    ).values(),
  ];
  const fullRows = mentions
    .filter(({ mention }) => !mention.surnameOnly)
    .map(({ articleId, mention: m }) => [articleId, m.type, m.key, m.mentions, m.firstOffset, m.surface]);
  const surnameRows = mentions
    .filter(({ mention }) => mention.surnameOnly && mention.surnameKey !== undefined)
    .map(({ articleId, mention: m }) => [articleId, m.surnameKey, m.mentions, m.firstOffset, m.surface]);
  return [
    ...unionSteps(
      entityRows,
      'SELECT CAST(? AS TEXT) AS slug, CAST(? AS TEXT) AS type, CAST(? AS TEXT) AS name, CAST(? AS TEXT) AS name_key, CAST(? AS TEXT) AS surname_key',
      (union) => `INSERT INTO entities (slug, type, name, origin, name_key, surname_key)
        SELECT n.slug, n.type, n.name, 'recognised', n.name_key, n.surname_key FROM (${union}) n
        WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.type = n.type AND e.name_key = n.name_key)
        ON CONFLICT DO NOTHING`,
    ),
    ...unionSteps(
      aliasRows,
      'SELECT CAST(? AS TEXT) AS alias_key, CAST(? AS TEXT) AS spelling, CAST(? AS TEXT) AS type, CAST(? AS TEXT) AS name_key',
      (union) => `INSERT INTO entity_aliases (alias_key, spelling, entity_id, origin)
        SELECT s.alias_key, s.spelling, e.id, 'recognised' FROM (${union}) s
        JOIN entities e ON e.origin = 'recognised' AND e.type = s.type AND e.name_key = s.name_key
        WHERE NOT EXISTS (SELECT 1 FROM entity_aliases a WHERE a.alias_key = s.alias_key)
        ON CONFLICT DO NOTHING`,
    ),
    ...unionSteps(
      fullRows,
      `SELECT CAST(? AS BIGINT) AS article_id,
        (SELECT coalesce(e.merged_into, e.id) FROM entities e WHERE e.type = CAST(? AS TEXT) AND e.name_key = CAST(? AS TEXT) ORDER BY e.id LIMIT 1) AS entity_id,
        CAST(? AS INTEGER) AS mentions, CAST(? AS INTEGER) AS first_offset, CAST(? AS TEXT) AS surface`,
      insertMentions,
    ),
    ...unionSteps(
      surnameRows,
      `SELECT CAST(? AS BIGINT) AS article_id,
        (SELECT min(coalesce(e.merged_into, e.id)) FROM entities e WHERE e.type = 'person' AND e.surname_key = CAST(? AS TEXT)
          HAVING count(DISTINCT coalesce(e.merged_into, e.id)) = 1) AS entity_id,
        CAST(? AS INTEGER) AS mentions, CAST(? AS INTEGER) AS first_offset, CAST(? AS TEXT) AS surface`,
      insertMentions,
    ),
  ];
}

function insertMentions(union: string): string {
  return `INSERT INTO article_entities (article_id, entity_id, mentions, first_offset, surface, via)
    SELECT r.article_id, r.entity_id, r.mentions, r.first_offset, r.surface, 'recognised' FROM (${union}) r
    WHERE r.entity_id IS NOT NULL
    ON CONFLICT (article_id, entity_id) DO NOTHING`;
}
