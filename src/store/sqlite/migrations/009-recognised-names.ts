/**
 * Migration 9: names the recogniser found (src/enrich/recognise/). A recognised entity carries the
 * transliteration key of its name (`name_key`: one for Bakyt Toktosunov, Бакыт Токтосунов and the
 * case forms) and, for a person, of the surname (`surname_key`, to link "Toktosunov said" to the one
 * person of that surname). One recognised entity per type and key: two writers recognising the same
 * new name at once create it once.
 */
export const migration009 = {
  version: 9,
  name: 'recognised-names',
  sql: `
ALTER TABLE entities ADD COLUMN name_key TEXT;
ALTER TABLE entities ADD COLUMN surname_key TEXT;
CREATE UNIQUE INDEX entities_recognised_key ON entities(type, name_key) WHERE origin = 'recognised';
CREATE INDEX entities_name_key ON entities(name_key) WHERE name_key IS NOT NULL;
CREATE INDEX entities_surname_key ON entities(surname_key) WHERE surname_key IS NOT NULL;
`,
};
