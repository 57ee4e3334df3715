/**
 * Migration 3: the feeds an archive follows (subscriptions) and the record of every fetch (fetch_log).
 * Times are ISO 8601 text in UTC like the articles'; `next_fetch_at` is indexed for the scheduler's
 * "what is due" question. A subscription files its articles under one source; removing it keeps them.
 */
export const migration003 = {
  version: 3,
  name: 'subscriptions',
  sql: `
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY,
  feed_url TEXT NOT NULL UNIQUE,
  site_url TEXT,
  title TEXT,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  interval_minutes INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  last_fetch_at TEXT,
  last_success_at TEXT,
  last_status INTEGER,
  last_error TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  failing_since TEXT,
  next_fetch_at TEXT NOT NULL
);
CREATE INDEX subscriptions_due ON subscriptions(next_fetch_at);

CREATE TABLE fetch_log (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  http_status INTEGER,
  not_modified INTEGER NOT NULL,
  items_seen INTEGER NOT NULL,
  new_articles INTEGER NOT NULL,
  error_code TEXT,
  error_message TEXT
);
CREATE INDEX fetch_log_subscription ON fetch_log(subscription_id, id);
`,
};
