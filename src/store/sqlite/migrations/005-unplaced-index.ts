/**
 * Migration 5: finding the articles not yet placed into story clusters by an index of just those.
 * Placing sets cluster_id (an article alone gets its own id), so "unplaced" is `cluster_id IS NULL`;
 * this partial index holds only those rows, so a fetch pass asks in microseconds instead of walking
 * the whole table, and the signatures and band keys of old articles can be pruned without making
 * them look unplaced again.
 */
export const migration005 = {
  version: 5,
  name: 'unplaced-index',
  sql: `
CREATE INDEX articles_unplaced ON articles(id) WHERE cluster_id IS NULL;
`,
};
