/**
 * Migration 6: what went wrong in a fetch that still worked (XML recovered, items dropped, a page
 * that could not be read): kept per fetch in the log and as the feed's last warnings, one a line,
 * so a server fetching in the background does not lose them.
 */
export const migration006 = {
  version: 6,
  name: 'fetch-warnings',
  sql: `
ALTER TABLE fetch_log ADD COLUMN warnings TEXT;
ALTER TABLE subscriptions ADD COLUMN last_warnings TEXT;
`,
};
