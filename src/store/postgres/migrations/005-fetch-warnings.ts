/** Migration 5: the warnings of a fetch that worked, per fetch and per feed (SQLite's migration 6). */
export const postgresMigration005 = {
  version: 5,
  name: 'fetch-warnings',
  sql: `
ALTER TABLE fetch_log ADD COLUMN warnings text;
ALTER TABLE subscriptions ADD COLUMN last_warnings text;
`,
};
