/**
 * Migration 4: what ingestion from the web adds to an article.
 * - `published_at_estimated`: 1 when published_at is a stand-in (the fetch time of a feed item that
 *   gave no date), so pages can say so while the article still sorts among the new.
 * - `cluster_id`: the story the article belongs to (the id of the cluster's first article), set by
 *   the near-duplicate detector; null until it has looked. `article_signatures` keeps each article's
 *   MinHash signature and `article_bands` its LSH band keys, so a new article finds the earlier ones
 *   it may repeat with one indexed lookup per band.
 */
export const migration004 = {
  version: 4,
  name: 'article-dates-and-clusters',
  sql: `
ALTER TABLE articles ADD COLUMN published_at_estimated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN cluster_id INTEGER;
CREATE INDEX articles_cluster ON articles(cluster_id) WHERE cluster_id IS NOT NULL;

CREATE TABLE article_signatures (
  article_id INTEGER PRIMARY KEY,
  signature BLOB NOT NULL
);
CREATE TABLE article_bands (
  band_key TEXT NOT NULL,
  article_id INTEGER NOT NULL
);
CREATE INDEX article_bands_key ON article_bands(band_key);
CREATE INDEX article_bands_article ON article_bands(article_id);
`,
};
