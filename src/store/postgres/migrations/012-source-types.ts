/** Migration 12: each source's outlet type, as SQLite's migration 13. */
export const postgresMigration012 = {
  version: 12,
  name: 'source types',
  sql: `
ALTER TABLE sources ADD COLUMN outlet_type text;
`,
};
