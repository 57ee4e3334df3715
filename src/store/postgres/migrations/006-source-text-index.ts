/** Migration 6: one outlet's exact copy of an article at a second address is a duplicate (SQLite's migration 7). */
export const postgresMigration006 = {
  version: 6,
  name: 'source-text-index',
  sql: `
CREATE INDEX articles_source_text ON articles(source_id, content_hash);
`,
};
