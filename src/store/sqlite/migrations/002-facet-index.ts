/**
 * Migration 2: a covering index for facet counts and timelines.
 *
 * Counting matches per source, language and month, or per day, needs those three columns of every
 * matching article. Read from the table, each one costs a visit to the article's row, which holds its
 * whole text: the browse facets read 650 MB at 100k articles (340 ms). This index holds just
 * (source_id, language, published_at) and the rowid, about 4 MB at 100k: the same counts read it in
 * 40 ms, a source filter seeks into it, and a common word's matches are counted by one scan of it
 * (sqlite-facets.ts).
 */
export const migration002 = {
  version: 2,
  name: 'facet-index',
  sql: `
CREATE INDEX articles_facets ON articles(source_id, language, published_at);
`,
};
