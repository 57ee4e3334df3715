/**
 * Answers one page of search results with hand-written SQL on wirewatch's schema: what a developer
 * who knows SQLite would write without wirewatch. The benchmark compares wirewatch against this.
 */
import type Database from 'better-sqlite3';

/** The outcome of one raw query: how many articles match, and the ids of the requested page. */
export interface RawResult {
  total: number;
  ids: number[];
}

/** Results per page, as wirewatch shows them. */
export const pageSize = 10;

/** One page to answer; every field is written by hand per benchmark query. */
export interface RawPageSpec {
  /** FTS5 expression the article must match (in the quoted style wirewatch emits). */
  match?: string;
  /** For queries with only excluded words: FTS5 expression the article must not match. */
  exclude?: string;
  /** Extra SQL condition over `a` (articles) and `s` (sources), with `?` placeholders. */
  where?: string;
  params?: Array<string | number>;
  sort: 'relevance' | 'newest';
  /** 1-based page number. */
  page: number;
}

const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared once per database: the benchmark measures running queries, not compiling them. */
function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

const fromArticles = 'FROM articles a JOIN sources s ON s.id = a.source_id';

/** The sources join, only when a condition names the source (a join costs time on a count). */
function joinSources(where: string | undefined): string {
  return where?.includes('s.') ? ' JOIN sources s ON s.id = a.source_id' : '';
}
const newestFirst = 'ORDER BY a.published_at DESC, a.id DESC';
const highlightSql = `SELECT highlight(articles_fts, 0, char(2), char(3)) AS title, highlight(articles_fts, 1, char(2), char(3)) AS text
  FROM articles_fts WHERE articles_fts MATCH ? AND rowid = CAST(? AS INTEGER)`;
const metadataSql = `SELECT a.url, a.published_at, a.language, a.author, s.name AS source ${fromArticles} WHERE a.id = ?`;
const browseHitSql = `SELECT a.title, substr(a.text, 1, 300) AS lead, a.url, a.published_at, a.language, a.author, s.name AS source
  ${fromArticles} WHERE a.id = ?`;

/** Runs `spec` against `db`: count, page of ids, and the per-hit work (highlights, metadata) a result list needs. */
export function runRawPage(db: Database.Database, spec: RawPageSpec): RawResult {
  const offset = (spec.page - 1) * pageSize;
  const params = spec.params ?? [];
  let ids: number[];
  let total: number;
  if (spec.match !== undefined) {
    const match = spec.match;
    if (spec.sort === 'relevance' && spec.where === undefined) {
      // The textbook FTS5 query: no join, rank order straight from the index.
      ids = statement(
        db,
        'SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?',
      )
        .pluck()
        .all(match, pageSize, offset) as number[];
      total = statement(db, 'SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?')
        .pluck()
        .get(match) as number;
    } else if (spec.sort === 'relevance') {
      const where = `articles_fts MATCH ? AND (${spec.where})`;
      const from = `FROM articles_fts f JOIN articles a ON a.id = f.rowid JOIN sources s ON s.id = a.source_id WHERE ${where}`;
      ids = statement(db, `SELECT f.rowid ${from} ORDER BY f.rank LIMIT ? OFFSET ?`)
        .pluck()
        .all(match, ...params, pageSize, offset) as number[];
      total = statement(db, `SELECT count(*) ${from}`)
        .pluck()
        .get(match, ...params) as number;
    } else {
      // Date order: the join form, which SQLite runs faster than `a.id IN (SELECT rowid ...)`.
      const where = `articles_fts MATCH ? AND (${spec.where ?? '1'})`;
      const from = `FROM articles_fts f JOIN articles a ON a.id = f.rowid${joinSources(spec.where)} WHERE ${where}`;
      ids = statement(db, `SELECT f.rowid ${from} ${newestFirst} LIMIT ? OFFSET ?`)
        .pluck()
        .all(match, ...params, pageSize, offset) as number[];
      total = statement(
        db,
        spec.where === undefined
          ? 'SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?'
          : `SELECT count(*) ${from}`,
      )
        .pluck()
        .get(match, ...params) as number;
    }
    for (const id of ids) {
      statement(db, highlightSql).get(match, id);
      statement(db, metadataSql).get(id);
    }
    return { total, ids };
  }
  // Browsing, or only exclusions: no ranking, newest first over the articles table.
  const conditions = [spec.where ?? '1'];
  const bind: Array<string | number> = [...params];
  if (spec.exclude !== undefined) {
    conditions.push('a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)');
    bind.push(spec.exclude);
  }
  const where = conditions.map((condition) => `(${condition})`).join(' AND ');
  ids = statement(
    db,
    `SELECT a.id FROM articles a${joinSources(where)} WHERE ${where} ${newestFirst} LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(...bind, pageSize, offset) as number[];
  total = statement(db, `SELECT count(*) FROM articles a${joinSources(where)} WHERE ${where}`)
    .pluck()
    .get(...bind) as number;
  for (const id of ids) statement(db, browseHitSql).get(id);
  return { total, ids };
}
