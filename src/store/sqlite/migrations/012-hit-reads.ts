/**
 * Migration 12: read state per reader. An alert's read/unread was one `read_at` on its hit, shared
 * by everyone who can see the search (a shared search: one analyst reading an alert took it out of
 * the whole team's inbox). Now each reader has their own row, one per user, search and article, made
 * when they mark the alert read. The old `read_at` values move over so nothing read becomes unread:
 * to the search's owner, and for a shared search to every user there is (each of them saw it read);
 * the column stays (migrations are append-only) but nothing reads or writes it any more. A reader's
 * rows go with the search (SavedSearchStore.remove); users are disabled, never deleted.
 */
export const migration012 = {
  version: 12,
  name: 'hit reads',
  sql: `
CREATE TABLE hit_reads (
  user_id INTEGER NOT NULL REFERENCES users(id),
  saved_search_id INTEGER NOT NULL,
  article_id INTEGER NOT NULL,
  read_at TEXT NOT NULL,
  PRIMARY KEY (user_id, saved_search_id, article_id)
) WITHOUT ROWID;
CREATE INDEX hit_reads_search ON hit_reads(saved_search_id, article_id);

INSERT INTO hit_reads (user_id, saved_search_id, article_id, read_at)
SELECT u.id, h.saved_search_id, h.article_id, h.read_at
FROM saved_search_hits h
JOIN saved_searches s ON s.id = h.saved_search_id
JOIN users u ON u.id = s.owner_id OR s.shared = 1
WHERE h.read_at IS NOT NULL;
`,
};
