/**
 * Migration 14: the saved-search hits keep one index besides their key, on when they were found
 * (the inbox's newest first, a day's digest), instead of two led by the search. Each ingest adds a
 * few hits to each of many searches, and an index led by the search is written at as many places
 * as there are searches hit: with 1,000 saved searches that was most of recording a pass. A day's
 * alerts are read by when they were found and then by search; a story's earlier hits are found
 * through the articles' story (articles_cluster), so the index on the recorded story id goes.
 */
export const migration014 = {
  version: 14,
  name: 'hit indexes',
  sql: `
DROP INDEX saved_search_hits_story;
DROP INDEX saved_search_hits_found;
CREATE INDEX saved_search_hits_found_at ON saved_search_hits(found_at);
`,
};
