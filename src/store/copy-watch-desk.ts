/**
 * The second half of `wirewatch copy` (copy-archive.ts does the articles): the watch desk and the
 * followed feeds — users with their password hashes, API tokens, the audit log, the sources' outlet
 * types, subscriptions with their fetch state and fetch log, saved searches (ids, positions, feed keys
 * and webhook secrets kept), their hits, read marks, deliveries and attempts, digest sends — table by
 * table through the stores' TableDumpStore, ids kept. Sessions and failed sign-ins are not moved.
 *
 * Resumable like the articles, not one transaction: the fetch log, hits and delivery attempts grow
 * with the archive, so each table is copied by keyset in batches that each commit, and a run that
 * stopped is run again: a table's rows already in the destination must be exactly the source's first
 * ones (compared row by row), and the copy carries on after them. Anything else there — an account
 * made in the new archive, a saved search of its own — is refused with COPY_MISMATCH naming the row,
 * before anything is written, never merged. Sources are merged by slug (the articles made them; the
 * outlet type is set). Verified: each table's count and SHA-256 over its compared values must be the
 * same on both sides. Then one `archive.copy` entry in the destination's audit log says who copied
 * what from where; it and the earlier runs' (ids above the source's last entry) are left out of the
 * comparison.
 */
import { createHash, type Hash } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import type { Actor } from './accounts.ts';
import type { Store } from './store.ts';
import { comparedValues, type DumpRow, type DumpTable, dumpTables } from './table-dump.ts';

/** The audit action of a copy, written in the destination. */
export const copyAuditAction = 'archive.copy';

/** What the copy did to one table. */
export interface TableCopySummary {
  table: string;
  /** Rows written by this run (for sources: every source's type, set again). */
  copied: number;
  /** Rows found already copied by an earlier run (checked, not written again). */
  alreadyThere: number;
  /** Both sides' row count and checksum, equal (the destination's copy entries left out). */
  verified: { count: number; sha256: string };
}

export interface WatchDeskCopyOptions {
  /** Rows per read and per committed write (default 500). */
  batchSize?: number;
  /** Who copies, for the destination's audit log. */
  actor: Actor;
  /** What the audit entry's detail starts with (the articles' part of the copy). */
  articles?: { copied: number; count: number };
  now?: Date;
}

export interface WatchDeskCopySummary {
  tables: TableCopySummary[];
  /** Whether this run wrote an `archive.copy` audit entry (not when it found everything there already). */
  audited: boolean;
}

/** Copies the watch desk and the followed feeds of `from` into `to`, after the articles. */
export async function copyWatchDesk(
  from: Store,
  to: Store,
  options: WatchDeskCopyOptions,
): Promise<WatchDeskCopySummary> {
  return (await planWatchDeskCopy(from, to, options.batchSize))(options);
}

/**
 * Checks what of the watch desk the destination holds already (COPY_MISMATCH when it is not the
 * source's), writing nothing, and gives the copy to run: `wirewatch copy` checks before it copies the
 * articles, so a refused destination is left as it was.
 */
export async function planWatchDeskCopy(
  from: Store,
  to: Store,
  batchSizeOption?: number,
): Promise<(options: WatchDeskCopyOptions) => Promise<WatchDeskCopySummary>> {
  const batchSize = Math.max(1, batchSizeOption ?? 500);
  const audit = dumpTables.find((table) => table.name === 'audit_log')!;
  const lastAudit = await from.tableDump.lastRow(audit);
  const ownAfter = lastAudit === null ? 0 : Number(lastAudit[0]);
  // The destination's own copy entries: written by earlier runs, after the source's last entry.
  const isOwnEntry = (table: DumpTable, row: DumpRow) =>
    table === audit && Number(row[0]) > ownAfter && row[3] === copyAuditAction;

  // Every table is checked before anything is written, so a refusal leaves the destination as it was.
  const plans: TablePlan[] = [];
  let ownEntries = 0;
  for (const table of dumpTables) {
    const sum = new TableChecksum();
    if (table.merge) {
      plans.push({ table, last: null, sum, alreadyThere: 0 });
      continue;
    }
    const source = readRows(from, table, batchSize)[Symbol.asyncIterator]();
    let last: DumpRow | null = null;
    let alreadyThere = 0;
    for await (const row of readRows(to, table, batchSize)) {
      if (isOwnEntry(table, row)) {
        ownEntries++;
        continue;
      }
      const next = await source.next();
      const theirs = JSON.stringify(comparedValues(table, row));
      if (next.done || JSON.stringify(comparedValues(table, next.value)) !== theirs) {
        await source.return?.();
        throw new AppError(
          'COPY_MISMATCH',
          `${to.location} already has ${table.name} that are not ${from.location}'s (made there, or changed on ` +
            `either side since an earlier copy: a token used, a search matched): ${describeRow(table, row)}; ` +
            'copy into an archive without users, tokens, audit entries, followed feeds or saved searches of its own ' +
            '(or a partial copy of this one)',
        );
      }
      sum.add(comparedValues(table, next.value));
      last = row;
      alreadyThere++;
    }
    await source.return?.();
    plans.push({ table, last, sum, alreadyThere });
  }
  return (options) => runWatchDeskCopy(from, to, { ...options, batchSize }, plans, isOwnEntry, ownEntries);
}

interface TablePlan {
  table: DumpTable;
  last: DumpRow | null;
  sum: TableChecksum;
  alreadyThere: number;
}

async function runWatchDeskCopy(
  from: Store,
  to: Store,
  options: WatchDeskCopyOptions & { batchSize: number },
  plans: TablePlan[],
  isOwnEntry: (table: DumpTable, row: DumpRow) => boolean,
  ownEntries: number,
): Promise<WatchDeskCopySummary> {
  const { batchSize } = options;
  const tables: TableCopySummary[] = [];
  let copiedRows = 0;
  for (const plan of plans) {
    const { table, sum } = plan;
    let after = plan.last;
    let copied = 0;
    for (;;) {
      const batch = await from.tableDump.readRows(table, after, batchSize);
      if (batch.length === 0) break;
      await to.tableDump.restoreRows(table, batch);
      for (const row of batch) sum.add(comparedValues(table, row));
      copied += batch.length;
      after = batch.at(-1)!;
      if (batch.length < batchSize) break;
    }
    if (!table.merge) copiedRows += copied;
    const copy = new TableChecksum();
    for await (const row of readRows(to, table, batchSize)) {
      if (!isOwnEntry(table, row)) copy.add(comparedValues(table, row));
    }
    if (copy.count !== sum.count || copy.digest() !== sum.digest()) {
      throw new AppError(
        'COPY_MISMATCH',
        `the copy of ${table.name} does not match: ${from.location} has ${sum.count} rows (sha256 ${sum.digest()}), ${to.location} has ${copy.count} (sha256 ${copy.digest()}); was either archive written to during the copy?`,
      );
    }
    tables.push({
      table: table.name,
      copied,
      alreadyThere: plan.alreadyThere,
      verified: { count: copy.count, sha256: copy.digest() },
    });
  }

  // One entry per copy that moved something, so running it again over a finished copy adds none.
  const audited = ownEntries === 0 || copiedRows > 0 || (options.articles?.copied ?? 0) > 0;
  if (audited) {
    const counts = tables.map((table) => `${table.verified.count} ${table.table}`).join(', ');
    const articles = options.articles ? `${options.articles.count} articles, ` : '';
    await to.accounts.audit(
      {
        actor: options.actor,
        action: copyAuditAction,
        target: from.location,
        detail: `from ${from.kind}: ${articles}${counts}; sessions not copied`,
      },
      options.now,
    );
  }
  return { tables, audited };
}

/** Every row of a table in `store`, in key order. */
async function* readRows(store: Store, table: DumpTable, batchSize: number): AsyncIterable<DumpRow> {
  let after: DumpRow | null = null;
  for (;;) {
    const batch = await store.tableDump.readRows(table, after, batchSize);
    yield* batch;
    if (batch.length < batchSize) return;
    after = batch.at(-1)!;
  }
}

/** A row as a refusal names it: its key and its name, feed URL or prefix when it has one. */
function describeRow(table: DumpTable, row: DumpRow): string {
  const shown = table.columns
    .map((column, index) => ({ column, value: row[index] }))
    .filter(
      ({ column }) =>
        table.key.includes(column.name) || ['name', 'feed_url', 'prefix', 'action'].includes(column.name),
    )
    .map(({ column, value }) => `${column.name} ${JSON.stringify(value)}`);
  return shown.join(', ');
}

/** A count and SHA-256 over rows' compared values, added in key order. */
class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  count = 0;

  add(values: unknown[]): void {
    this.count++;
    this.hash.update(`${JSON.stringify(values)}\n`);
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
