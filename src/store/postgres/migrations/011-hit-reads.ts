/** Migration 11: read state per reader, as SQLite's migration 12 with PostgreSQL's types. */
export const postgresMigration011 = {
  version: 11,
  name: 'hit reads',
  sql: `
CREATE TABLE hit_reads (
  user_id bigint NOT NULL REFERENCES users(id),
  saved_search_id bigint NOT NULL,
  article_id bigint NOT NULL,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, saved_search_id, article_id)
);
CREATE INDEX hit_reads_search ON hit_reads(saved_search_id, article_id);

INSERT INTO hit_reads (user_id, saved_search_id, article_id, read_at)
SELECT u.id, h.saved_search_id, h.article_id, h.read_at
FROM saved_search_hits h
JOIN saved_searches s ON s.id = h.saved_search_id
JOIN users u ON u.id = s.owner_id OR s.shared = 1
WHERE h.read_at IS NOT NULL;
`,
};
