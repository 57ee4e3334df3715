/** Migration 4: the partial index of articles not yet placed into story clusters (SQLite's migration 5). */
export const postgresMigration004 = {
  version: 4,
  name: 'unplaced-index',
  sql: `
CREATE INDEX articles_unplaced ON articles(id) WHERE cluster_id IS NULL;
`,
};
