/**
 * Migration 1: sources, articles and the full-text index.
 *
 * The FTS5 table is an external-content index over `articles` (the text is stored once). The article
 * writer adds the index entry itself, in the same transaction as the row; triggers keep the index in
 * step on update and delete. An AFTER INSERT trigger would be simpler but makes SQLite keep a statement
 * journal for every insert, which halved the import rate (bench, 2026-11-25). The porter
 * tokenizer over unicode61 with remove_diacritics 2 gives English stemming and case- and
 * accent-insensitive matching. The default rank is BM25 with the title weighted 4x the body.
 */
export const migration001 = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  url TEXT,
  canonical_url TEXT UNIQUE,
  content_hash TEXT NOT NULL,
  title TEXT NOT NULL,
  author TEXT,
  published_at TEXT,
  fetched_at TEXT NOT NULL,
  language TEXT,
  text TEXT NOT NULL,
  html TEXT
);

-- Articles without a URL are identified by their normalised text.
CREATE UNIQUE INDEX articles_text_identity ON articles(content_hash) WHERE canonical_url IS NULL;
CREATE INDEX articles_published ON articles(published_at, id);
CREATE INDEX articles_source_published ON articles(source_id, published_at);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
`,
};
