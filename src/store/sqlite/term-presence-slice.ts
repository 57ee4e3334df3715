/**
 * One slice of new articles indexed alone and probed (sqlite-term-presence.ts): the articles go into
 * a scratch FTS5 table with the archive's own columns and `tokenize` setting, and each probe runs
 * there as the MATCH expression a search would run on the archive, so the answer is FTS5's own.
 * Shared by the calling thread and the term-presence workers.
 */
import type Database from 'better-sqlite3';

/** An article of the slice, as stored. */
export interface SliceRow {
  id: number;
  title: string;
  text: string;
}

/** The archive's `, tokenize = '…'` clause, read from its FTS5 table ('' for FTS5's default). */
export function readTokenizeClause(db: Database.Database): string {
  const row = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'")
    .get() as { sql: string } | undefined;
  const setting = row?.sql.match(/tokenize\s*=\s*('(?:[^']|'')*'|"(?:[^"]|"")*")/i)?.[1];
  return setting === undefined ? '' : `, tokenize = ${setting}`;
}

/**
 * For each expression of `expressions` (a JSON array of FTS5 MATCH expressions), the ids of `rows`
 * it matches, ascending. `scratch` is an in-memory database this thread owns; its `slice` table is
 * made anew each time (dropping it costs less than emptying it).
 */
export function matchSlice(
  scratch: Database.Database,
  tokenizeClause: string,
  rows: readonly SliceRow[],
  expressions: string,
): number[][] {
  indexSlice(scratch, 'slice', tokenizeClause, rows);
  return probeSlice(scratch, 'slice', expressions);
}

/** `rows` indexed alone in the scratch table `table` (made anew), with the archive's tokenizer. */
export function indexSlice(
  scratch: Database.Database,
  table: string,
  tokenizeClause: string,
  rows: readonly SliceRow[],
): void {
  scratch.exec(
    `DROP TABLE IF EXISTS ${table};
     CREATE VIRTUAL TABLE ${table} USING fts5(title, text, content = ''${tokenizeClause});`,
  );
  const insert = scratch.prepare(`INSERT INTO ${table} (rowid, title, text) VALUES (?, ?, ?)`);
  scratch.transaction(() => {
    for (const row of rows) insert.run(row.id, row.title, row.text);
  })();
}

/** Each expression's matches in the scratch table `table` (see matchSlice). */
export function probeSlice(scratch: Database.Database, table: string, expressions: string): number[][] {
  const matches: number[][] = [];
  const probeEach = `SELECT CAST(j.key AS INTEGER) AS probe,
    (SELECT json_group_array(rowid) FROM ${table} WHERE ${table} MATCH j.value) AS ids
    FROM json_each(?) j`;
  for (const row of scratch.prepare(probeEach).all(expressions) as { probe: number; ids: string }[])
    matches[row.probe] = row.ids === '[]' ? [] : (JSON.parse(row.ids) as number[]);
  return matches;
}
