/**
 * Term presence on PostgreSQL (see ../term-presence.ts). PostgreSQL keeps each article's words as
 * a stored tsvector, so nothing has to be tokenized again: each probe becomes the very tsquery a
 * search would run (translate-tsquery.ts) and is checked against the vectors of the new articles
 * alone, a slice at a time — never through the GIN index, whose postings cover the whole archive.
 * The answer is PostgreSQL's own (its stemming, weights for title: and text:, <-> for phrases).
 */
import type pg from 'pg';
import { translateNodeToTsquery } from '../../search/translate-tsquery.ts';
import type { TermPresence, TermProbe } from '../term-presence.ts';

/**
 * Each probe checked against each new vector would be probes × articles checks (750,000 for 1,500
 * words over 500 articles); instead a probe is first paired, by a hash join, with the articles whose
 * vectors hold its first whole lexeme (every lexeme of a word or phrase query is required, so this
 * drops no match), and only those pairs are checked with @@. A probe that is all prefix
 * (`extrem*`) is checked against every new vector.
 */
const probeSql = `
WITH fresh AS MATERIALIZED (
  SELECT id, search_vector FROM articles WHERE id > $1 AND id <= $2
), probes AS MATERIALIZED (
  SELECT (p.ord - 1)::int AS probe, q.query,
         -- The first operand that is not a prefix; none (all prefixes, or an odd lexeme with a quote
         -- or backslash, which the query's words cannot hold) leaves the key null: checked everywhere.
         (SELECT m[1] FROM regexp_matches(querytree(q.query), '''((?:[^'']|'''')*)''(:[*A-D]*)?', 'g') AS m
          WHERE coalesce(m[2], '') NOT LIKE '%*%' AND m[1] !~ '[''\\\\]' LIMIT 1) AS key
  FROM unnest($3::text[]) WITH ORDINALITY AS p(text, ord)
  CROSS JOIN LATERAL (SELECT to_tsquery('wirewatch_text', p.text) AS query) q
), words AS MATERIALIZED (
  SELECT f.id, w.lexeme FROM fresh f CROSS JOIN LATERAL unnest(f.search_vector) w
), pairs AS (
  SELECT p.probe, w.id FROM probes p JOIN words w ON w.lexeme = p.key
  UNION ALL
  SELECT p.probe, f.id FROM probes p CROSS JOIN fresh f WHERE p.key IS NULL
)
SELECT pr.probe, array_agg(pr.id ORDER BY pr.id) AS ids
FROM pairs pr JOIN probes p ON p.probe = pr.probe JOIN fresh f ON f.id = pr.id
WHERE f.search_vector @@ p.query
GROUP BY pr.probe`;

/** Articles checked at a time. */
const sliceSize = 1_000;

const noSpan = { column: 0, length: 0 };

export async function postgresTermPresence(
  pool: pg.Pool,
  range: { after: number; upTo: number },
  probes: readonly TermProbe[],
): Promise<TermPresence> {
  const queries = probes.map((probe) => translateNodeToTsquery({ ...probe, span: noSpan }));
  const ids: number[] = [];
  const matches: number[][] = probes.map(() => []);
  let after = range.after;
  for (;;) {
    const slice = (
      await pool.query<{ id: string }>(
        'SELECT id FROM articles WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3',
        [after, range.upTo, sliceSize],
      )
    ).rows.map((row) => Number(row.id));
    if (slice.length === 0) break;
    const last = slice.at(-1)!;
    if (queries.length > 0) {
      const { rows } = await pool.query<{ probe: number; ids: string[] }>(probeSql, [after, last, queries]);
      for (const row of rows) matches[row.probe]!.push(...row.ids.map(Number));
    }
    ids.push(...slice);
    after = last;
    if (slice.length < sliceSize) break;
  }
  return { ids, matches };
}
