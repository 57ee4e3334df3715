/**
 * Migration 11: saved searches — a query of the query language owned by a user, private or shared
 * with the team, with how its new matches are to be delivered (a webhook URL, a daily digest) — and
 * the hits found for each, one row per saved search and article, with the story it belongs to and
 * whether it was worth an alert (the first of its story, or one bringing a new place or number) and
 * why, and whether its reader has seen it. Each search remembers the last article id it was matched
 * up to, so every ingest matches only what is new. A saved search's name is unique per owner.
 * Deliveries: one row per search, article and channel (so nothing is sent twice), its state and
 * retry schedule, and every attempt with its answer.
 */
export const migration011 = {
  version: 11,
  name: 'saved searches',
  sql: `
CREATE TABLE saved_searches (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  shared INTEGER NOT NULL DEFAULT 0,
  webhook_url TEXT,
  webhook_secret TEXT,
  feed_key TEXT,
  digest TEXT NOT NULL DEFAULT 'none' CHECK (digest IN ('none', 'daily')),
  created_at TEXT NOT NULL,
  last_run_at TEXT,
  matched_up_to INTEGER NOT NULL DEFAULT 0,
  UNIQUE (owner_id, name)
);

CREATE TABLE saved_search_hits (
  saved_search_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  story_id INTEGER,
  alert INTEGER NOT NULL,
  why TEXT NOT NULL,
  found_at TEXT NOT NULL,
  read_at TEXT,
  PRIMARY KEY (saved_search_id, article_id)
) WITHOUT ROWID;
CREATE INDEX saved_search_hits_found ON saved_search_hits(saved_search_id, found_at);
CREATE INDEX saved_search_hits_story ON saved_search_hits(saved_search_id, story_id);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  saved_search_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  why TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (saved_search_id, article_id, channel)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);

CREATE TABLE digest_sends (
  user_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
  at TEXT NOT NULL,
  error TEXT,
  PRIMARY KEY (user_id, day)
);

CREATE TABLE delivery_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  status INTEGER,
  error TEXT,
  ms INTEGER NOT NULL
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts(delivery_id, id);
`,
};
