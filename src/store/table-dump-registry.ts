/**
 * The TableDumpStore of both stores: one set of SQL run through the store's SqlRunner (see
 * subscription-registry.ts). Rows are read by keyset in key order and written back with multi-row
 * INSERTs in one transaction; on PostgreSQL the identity sequence is then moved past the copied ids
 * (explicit ids do not advance it), as restoreArticles does for articles.
 */
import type { SqlRunner, SqlStep } from './subscription-registry.ts';
import type { DumpColumnKind, DumpRow, DumpTable, TableDumpStore } from './table-dump.ts';

/** Values per INSERT, under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const maxParamsPerInsert = 20_000;

export class TableDumpRegistry implements TableDumpStore {
  constructor(private readonly runner: SqlRunner) {}

  async readRows(table: DumpTable, after: DumpRow | null, limit: number): Promise<DumpRow[]> {
    const selected = table.columns.map(
      (column) => `${selectExpression(column.name, column.kind)} AS ${column.name}`,
    );
    const keyValues = after === null ? [] : table.key.map((name) => after[columnIndex(table, name)]);
    const keyList = table.key.map((name) => `t.${name}`).join(', ');
    const where =
      after === null
        ? ''
        : table.key.length === 1
          ? `WHERE t.${table.key[0]} > ? `
          : `WHERE (${keyList}) > (${table.key.map(() => '?').join(', ')}) `;
    const rows = await this.runner.all<Record<string, unknown>>({
      sql: `SELECT ${selected.join(', ')} FROM ${table.name} t ${where}ORDER BY ${keyList} LIMIT ?`,
      params: [...keyValues, limit],
    });
    return rows.map((row) => table.columns.map((column) => row[column.name] ?? null));
  }

  async restoreRows(table: DumpTable, rows: DumpRow[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = table.columns.map((column) => column.name).join(', ');
    const placeholders = `(${table.columns.map((column) => (column.kind === 'source' ? '(SELECT id FROM sources WHERE slug = ?)' : '?')).join(', ')})`;
    const conflict = table.merge
      ? ` ON CONFLICT (${table.merge.conflict}) DO UPDATE SET ${table.merge.update.map((name) => `${name} = excluded.${name}`).join(', ')}`
      : '';
    const perInsert = Math.max(1, Math.floor(maxParamsPerInsert / table.columns.length));
    const steps: SqlStep[] = [];
    for (let start = 0; start < rows.length; start += perInsert) {
      const chunk = rows.slice(start, start + perInsert);
      steps.push({
        sql: `INSERT INTO ${table.name} (${columns}) VALUES ${chunk.map(() => placeholders).join(', ')}${conflict}`,
        params: chunk.flatMap((row) => table.columns.map((_, index) => row[index] ?? null)),
      });
    }
    if (this.runner.dialect === 'postgres' && table.identity !== undefined) {
      steps.push({
        sql: `SELECT setval(pg_get_serial_sequence('${table.name}', '${table.identity}'), greatest((SELECT max(${table.identity}) FROM ${table.name}), 1))`,
        params: [],
      });
    }
    await this.runner.atomically(steps);
  }

  async lastRow(table: DumpTable): Promise<DumpRow | null> {
    const selected = table.columns.map(
      (column) => `${selectExpression(column.name, column.kind)} AS ${column.name}`,
    );
    const rows = await this.runner.all<Record<string, unknown>>({
      sql: `SELECT ${selected.join(', ')} FROM ${table.name} t ORDER BY ${table.key.map((name) => `t.${name} DESC`).join(', ')} LIMIT 1`,
      params: [],
    });
    return rows[0] ? table.columns.map((column) => rows[0]![column.name] ?? null) : null;
  }

  async countRows(table: DumpTable): Promise<number> {
    const rows = await this.runner.all<{ n: number | string }>({
      sql: `SELECT count(*) AS n FROM ${table.name}`,
      params: [],
    });
    return Number(rows[0]?.n ?? 0);
  }
}

function selectExpression(name: string, kind: DumpColumnKind): string {
  return kind === 'source' ? `(SELECT s.slug FROM sources s WHERE s.id = t.${name})` : `t.${name}`;
}

function columnIndex(table: DumpTable, name: string): number {
  const index = table.columns.findIndex((column) => column.name === name);
  if (index < 0) throw new Error(`${table.name} has no dumped column ${name}`);
  return index;
}
