/** Migration 8: names the recogniser found (SQLite's migration 9, which explains each column). */
export const postgresMigration008 = {
  version: 8,
  name: 'recognised-names',
  sql: `
ALTER TABLE entities ADD COLUMN name_key text;
ALTER TABLE entities ADD COLUMN surname_key text;
CREATE UNIQUE INDEX entities_recognised_key ON entities(type, name_key) WHERE origin = 'recognised';
CREATE INDEX entities_name_key ON entities(name_key) WHERE name_key IS NOT NULL;
CREATE INDEX entities_surname_key ON entities(surname_key) WHERE surname_key IS NOT NULL;
`,
};
