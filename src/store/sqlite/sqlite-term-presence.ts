/**
 * Term presence on SQLite (see ../term-presence.ts): the new articles are indexed again, alone, in a
 * scratch in-memory FTS5 table built with the archive's own columns and `tokenize` setting, and each
 * probe is run there as the same MATCH expression a search would run on the archive. The answer is
 * then FTS5's own for words, prefixes and phrases alike, and its cost follows the new articles only:
 * the archive's index holds every article's postings, which a query over a range of ids still reads.
 *
 * The range is read in slices, so a large import is matched a slice at a time in bounded memory.
 */
import Database from 'better-sqlite3';
import { translateNodeToFts5 } from '../../search/translate-fts5.ts';
import type { TermPresence, TermProbe } from '../term-presence.ts';

/** Articles indexed in the scratch table at a time. */
const sliceSize = 1_000;

export class SqliteTermPresence {
  private scratch: Database.Database | null = null;
  private readonly tokenizeClause: string;

  constructor(private readonly db: Database.Database) {
    const row = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'")
      .get() as { sql: string } | undefined;
    const setting = row?.sql.match(/tokenize\s*=\s*('(?:[^']|'')*'|"(?:[^"]|"")*")/i)?.[1];
    this.tokenizeClause = setting === undefined ? '' : `, tokenize = ${setting}`;
  }

  termPresence(range: { after: number; upTo: number }, probes: readonly TermProbe[]): TermPresence {
    const expressions = JSON.stringify(
      probes.map((probe) => translateNodeToFts5({ ...probe, span: noSpan })),
    );
    const read = this.db.prepare(
      'SELECT id, title, text FROM articles WHERE id > ? AND id <= ? ORDER BY id LIMIT ?',
    );
    const ids: number[] = [];
    const matches: number[][] = probes.map(() => []);
    let after = range.after;
    for (;;) {
      const rows = read.all(after, range.upTo, sliceSize) as { id: number; title: string; text: string }[];
      if (rows.length === 0) break;
      const slice = this.indexSlice(rows);
      for (const row of slice.prepare(probeEach).all(expressions) as { probe: number; ids: string }[])
        if (row.ids !== '[]') matches[row.probe]!.push(...(JSON.parse(row.ids) as number[]));
      for (const row of rows) ids.push(row.id);
      after = rows.at(-1)!.id;
      if (rows.length < sliceSize) break;
    }
    return { ids, matches };
  }

  close(): void {
    this.scratch?.close();
    this.scratch = null;
  }

  /** The scratch table holding just these articles, under their own ids. */
  private indexSlice(rows: readonly { id: number; title: string; text: string }[]): Database.Database {
    if (this.scratch === null) this.scratch = new Database(':memory:');
    const scratch = this.scratch;
    // Dropped and made again: emptying a contentless table costs more than building a new one.
    scratch.exec(
      `DROP TABLE IF EXISTS slice;
       CREATE VIRTUAL TABLE slice USING fts5(title, text, content = ''${this.tokenizeClause});`,
    );
    const insert = scratch.prepare('INSERT INTO slice (rowid, title, text) VALUES (?, ?, ?)');
    scratch.transaction(() => {
      for (const row of rows) insert.run(row.id, row.title, row.text);
    })();
    return scratch;
  }
}

const noSpan = { column: 0, length: 0 };

/** Each probe's MATCH over the slice, as a JSON array of rowids (ascending: FTS5's own order). */
const probeEach = `SELECT CAST(j.key AS INTEGER) AS probe,
  (SELECT json_group_array(rowid) FROM slice WHERE slice MATCH j.value) AS ids
  FROM json_each(?) j`;
