/** Migration 13: the saved-search hits indexed by when they were found only, as SQLite's migration 14. */
export const postgresMigration013 = {
  version: 13,
  name: 'hit indexes',
  sql: `
DROP INDEX saved_search_hits_story;
DROP INDEX saved_search_hits_found;
CREATE INDEX saved_search_hits_found_at ON saved_search_hits(found_at);
`,
};
