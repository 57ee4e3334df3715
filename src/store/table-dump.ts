/**
 * The watch desk and the followed feeds as plain table rows, for `wirewatch copy` (copy-watch-desk.ts):
 * the part of the Store contract that reads a table in key order and writes rows back as they were,
 * ids included, so that what refers to them (a token's user, a search's hits, /watch/ID/feed.atom,
 * a webhook's secret) keeps working in the other store. Both stores run the same SQL
 * (table-dump-registry.ts). Sessions and failed sign-ins are not dumped: users sign in again.
 */

/** How a column's values are compared between the two stores. */
export type DumpColumnKind =
  /** An integer (booleans are integers on both stores). */
  | 'int'
  | 'text'
  /** A time: ISO text on SQLite, timestamptz on PostgreSQL (read back as the same ISO text). */
  | 'time'
  /**
   * A source's id, dumped as the source's slug: sources get their ids in each store as articles
   * arrive, so a row follows its source by slug, not by number.
   */
  | 'source';

/** One table as dumped. */
export interface DumpTable {
  name: string;
  /** The columns dumped, in the order of a dumped row's values. */
  columns: ReadonlyArray<{ name: string; kind: DumpColumnKind; compared?: boolean }>;
  /** The columns of the key the table is read in order of (and resumed after). */
  key: readonly string[];
  /** The identity column whose sequence must move past the restored ids on PostgreSQL. */
  identity?: string;
  /**
   * Restored by merging on the key (insert the missing, update the rest) rather than appending after
   * the destination's last key: sources, which the copied articles already made.
   */
  merge?: { conflict: string; update: readonly string[] };
}

/** A dumped row: its values in the order of the table's columns. */
export type DumpRow = unknown[];

/**
 * The tables dumped, in the order they are restored (a row after those it refers to): the accounts
 * and the audit log, the sources' outlet types, the followed feeds and their fetch record, the saved
 * searches with their hits, read marks, deliveries and digest sends. Columns marked `compared: false`
 * are written but not verified (a source's creation time is its first article's in the copy).
 */
export const dumpTables: readonly DumpTable[] = [
  {
    name: 'users',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'name', kind: 'text' },
      { name: 'role', kind: 'text' },
      { name: 'password_hash', kind: 'text' },
      { name: 'email', kind: 'text' },
      { name: 'must_change_password', kind: 'int' },
      { name: 'created_at', kind: 'time' },
      { name: 'password_changed_at', kind: 'time' },
      { name: 'disabled_at', kind: 'time' },
    ],
  },
  {
    name: 'api_tokens',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'user_id', kind: 'int' },
      { name: 'label', kind: 'text' },
      { name: 'prefix', kind: 'text' },
      { name: 'secret_hash', kind: 'text' },
      { name: 'scopes', kind: 'text' },
      { name: 'created_at', kind: 'time' },
      { name: 'expires_at', kind: 'time' },
      { name: 'last_used_at', kind: 'time' },
      { name: 'revoked_at', kind: 'time' },
    ],
  },
  {
    name: 'audit_log',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'at', kind: 'time' },
      { name: 'actor', kind: 'text' },
      { name: 'action', kind: 'text' },
      { name: 'target', kind: 'text' },
      { name: 'detail', kind: 'text' },
    ],
  },
  {
    name: 'sources',
    key: ['slug'],
    merge: { conflict: 'slug', update: ['outlet_type'] },
    columns: [
      { name: 'slug', kind: 'text' },
      { name: 'name', kind: 'text' },
      { name: 'outlet_type', kind: 'text' },
      { name: 'created_at', kind: 'time', compared: false },
    ],
  },
  {
    name: 'subscriptions',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'feed_url', kind: 'text' },
      { name: 'site_url', kind: 'text' },
      { name: 'title', kind: 'text' },
      { name: 'source_id', kind: 'source' },
      { name: 'interval_minutes', kind: 'int' },
      { name: 'created_at', kind: 'time' },
      { name: 'etag', kind: 'text' },
      { name: 'last_modified', kind: 'text' },
      { name: 'last_fetch_at', kind: 'time' },
      { name: 'last_success_at', kind: 'time' },
      { name: 'last_status', kind: 'int' },
      { name: 'last_error', kind: 'text' },
      { name: 'consecutive_failures', kind: 'int' },
      { name: 'failing_since', kind: 'time' },
      { name: 'next_fetch_at', kind: 'time' },
      { name: 'last_warnings', kind: 'text' },
    ],
  },
  {
    name: 'fetch_log',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'subscription_id', kind: 'int' },
      { name: 'started_at', kind: 'time' },
      { name: 'finished_at', kind: 'time' },
      { name: 'http_status', kind: 'int' },
      { name: 'not_modified', kind: 'int' },
      { name: 'items_seen', kind: 'int' },
      { name: 'new_articles', kind: 'int' },
      { name: 'error_code', kind: 'text' },
      { name: 'error_message', kind: 'text' },
      { name: 'warnings', kind: 'text' },
    ],
  },
  {
    name: 'saved_searches',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'owner_id', kind: 'int' },
      { name: 'name', kind: 'text' },
      { name: 'query', kind: 'text' },
      { name: 'shared', kind: 'int' },
      { name: 'webhook_url', kind: 'text' },
      { name: 'webhook_secret', kind: 'text' },
      { name: 'feed_key', kind: 'text' },
      { name: 'digest', kind: 'text' },
      { name: 'created_at', kind: 'time' },
      { name: 'last_run_at', kind: 'time' },
      { name: 'matched_up_to', kind: 'int' },
    ],
  },
  {
    name: 'saved_search_hits',
    key: ['saved_search_id', 'article_id'],
    columns: [
      { name: 'saved_search_id', kind: 'int' },
      { name: 'article_id', kind: 'int' },
      { name: 'story_id', kind: 'int' },
      { name: 'alert', kind: 'int' },
      { name: 'why', kind: 'text' },
      { name: 'found_at', kind: 'time' },
      { name: 'read_at', kind: 'time' },
    ],
  },
  {
    name: 'hit_reads',
    key: ['user_id', 'saved_search_id', 'article_id'],
    columns: [
      { name: 'user_id', kind: 'int' },
      { name: 'saved_search_id', kind: 'int' },
      { name: 'article_id', kind: 'int' },
      { name: 'read_at', kind: 'time' },
    ],
  },
  {
    name: 'deliveries',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'saved_search_id', kind: 'int' },
      { name: 'article_id', kind: 'int' },
      { name: 'channel', kind: 'text' },
      { name: 'why', kind: 'text' },
      { name: 'state', kind: 'text' },
      { name: 'attempts', kind: 'int' },
      { name: 'next_attempt_at', kind: 'time' },
      { name: 'last_status', kind: 'int' },
      { name: 'last_error', kind: 'text' },
      { name: 'created_at', kind: 'time' },
      { name: 'sent_at', kind: 'time' },
    ],
  },
  {
    name: 'delivery_attempts',
    key: ['id'],
    identity: 'id',
    columns: [
      { name: 'id', kind: 'int' },
      { name: 'delivery_id', kind: 'int' },
      { name: 'at', kind: 'time' },
      { name: 'status', kind: 'int' },
      { name: 'error', kind: 'text' },
      { name: 'ms', kind: 'int' },
    ],
  },
  {
    name: 'digest_sends',
    key: ['user_id', 'day'],
    columns: [
      { name: 'user_id', kind: 'int' },
      { name: 'day', kind: 'text' },
      { name: 'state', kind: 'text' },
      { name: 'at', kind: 'time' },
      { name: 'error', kind: 'text' },
    ],
  },
];

/** The dumped table of this name (a programming error when there is none). */
export function dumpTable(name: string): DumpTable {
  const table = dumpTables.find((candidate) => candidate.name === name);
  if (table === undefined) throw new Error(`no dumped table ${name}`);
  return table;
}

/** The values a dumped row is compared by across stores: times as ISO text, integers as numbers. */
export function comparedValues(table: DumpTable, row: DumpRow): unknown[] {
  const values: unknown[] = [];
  table.columns.forEach((column, index) => {
    if (column.compared === false) return;
    const value = row[index];
    if (value === null || value === undefined) values.push(null);
    else if (column.kind === 'int') values.push(Number(value));
    else if (column.kind === 'time') values.push(isoTime(String(value)));
    else values.push(String(value));
  });
  return values;
}

/** A stored time in the ISO form both stores read back; text that is no time stays as it is. */
function isoTime(value: string): string {
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? value : time.toISOString();
}

/** The part of the Store contract `wirewatch copy` moves the watch desk with. */
export interface TableDumpStore {
  /** The table's rows with keys above `after` (from the first when null), in key order, at most `limit`. */
  readRows(table: DumpTable, after: DumpRow | null, limit: number): Promise<DumpRow[]>;
  /**
   * Writes dumped rows as they are, ids included, in one transaction; on PostgreSQL the table's
   * identity then moves past them, so later rows get ids above the copied ones. A row whose key (or
   * another unique value) is already there is refused by the database and nothing is written; a
   * merged table (sources) inserts the missing rows and updates the rest.
   */
  restoreRows(table: DumpTable, rows: DumpRow[]): Promise<void>;
  /** The table's last row in key order, or null when it is empty. */
  lastRow(table: DumpTable): Promise<DumpRow | null>;
  /** How many rows the table holds. */
  countRows(table: DumpTable): Promise<number>;
}
