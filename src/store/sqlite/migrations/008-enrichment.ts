/**
 * Migration 8: enrichment (src/enrich/). The gazetteer lives in the archive, so `wirewatch entities
 * add/alias/merge` edit it where enrichment reads it:
 * - `entities`: people, organisations and places, from the shipped gazetteer, a user's edit, or the
 *   recogniser; `merged_into` points a merged entity at the one that absorbed it. `details` is JSON
 *   (designations of banned groups, the parent region of a district…).
 * - `entity_aliases`: every spelling that names an entity, as written and folded (`alias_key`: lower
 *   case, ё→е, one space), one entity per folded spelling; user-added ones survive a gazetteer reload.
 * - `article_entities`, `article_topics`, `article_events`: what enrichment found in an article. An
 *   article's rows are replaced together with its `enriched_version` in one transaction, so an article
 *   is never half enriched: a NULL version means "not enriched yet", not "nothing found".
 * - `name_spellings`: how each name-like word was written in the archive, under its transliteration
 *   key, so a search for Токаев can add Tokayev and Tokaev — the spellings the archive actually holds.
 * - `enrichment_state`'s `gazetteer_version` bumps on every gazetteer edit; an article's
 *   `enriched_version` is the version it was enriched under, so older ones are re-enriched. Its index
 *   lets every ingest find what is behind (NULL or an older version) without reading the whole table.
 */
export const migration008 = {
  version: 8,
  name: 'enrichment',
  sql: `
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('person', 'organisation', 'place')),
  subtype TEXT,
  name TEXT NOT NULL,
  country TEXT,
  parent_slug TEXT,
  details TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('gazetteer', 'user', 'recognised')),
  merged_into INTEGER REFERENCES entities(id)
);
CREATE TABLE entity_aliases (
  alias_key TEXT PRIMARY KEY,
  spelling TEXT NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  origin TEXT NOT NULL CHECK (origin IN ('gazetteer', 'user', 'recognised'))
) WITHOUT ROWID;
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

CREATE TABLE article_entities (
  article_id INTEGER NOT NULL,
  entity_id INTEGER NOT NULL,
  mentions INTEGER NOT NULL,
  first_offset INTEGER NOT NULL,
  surface TEXT NOT NULL,
  via TEXT NOT NULL,
  PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);

CREATE TABLE article_topics (
  article_id INTEGER NOT NULL,
  topic TEXT NOT NULL,
  rule TEXT NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (article_id, topic)
) WITHOUT ROWID;
CREATE INDEX article_topics_topic ON article_topics(topic, article_id);

CREATE TABLE article_events (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  count INTEGER,
  actor TEXT,
  target TEXT,
  place TEXT,
  place_entity_id INTEGER,
  event_date TEXT,
  sentence TEXT NOT NULL
);
CREATE INDEX article_events_article ON article_events(article_id);
CREATE INDEX article_events_type ON article_events(type, article_id);

CREATE TABLE name_spellings (
  name_key TEXT NOT NULL,
  spelling TEXT NOT NULL,
  first_article_id INTEGER NOT NULL,
  PRIMARY KEY (name_key, spelling)
) WITHOUT ROWID;

CREATE TABLE enrichment_state (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO enrichment_state (name, value) VALUES ('gazetteer_version', 0);

ALTER TABLE articles ADD COLUMN enriched_version INTEGER;
CREATE INDEX articles_enriched_version ON articles(enriched_version, id);
`,
};
