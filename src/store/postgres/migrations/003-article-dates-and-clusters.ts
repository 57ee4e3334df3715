/**
 * Migration 3: the estimated-date flag, the story cluster, and the near-duplicate signatures and
 * band keys of an article, as SQLite's migration 4 with PostgreSQL's types. Adding a column with a
 * constant default rewrites no rows on PostgreSQL 11 and later.
 */
export const postgresMigration003 = {
  version: 3,
  name: 'article-dates-and-clusters',
  sql: `
ALTER TABLE articles ADD COLUMN published_at_estimated integer NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN cluster_id bigint;
CREATE INDEX articles_cluster ON articles(cluster_id) WHERE cluster_id IS NOT NULL;

CREATE TABLE article_signatures (
  article_id bigint PRIMARY KEY,
  signature bytea NOT NULL
);
CREATE TABLE article_bands (
  band_key text NOT NULL,
  article_id bigint NOT NULL
);
CREATE INDEX article_bands_key ON article_bands(band_key);
CREATE INDEX article_bands_article ON article_bands(article_id);
`,
};
