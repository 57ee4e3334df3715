/**
 * Writes articles into the SQLite archive. Duplicates are found by the database's own unique indexes
 * (INSERT OR IGNORE), never by check-then-insert. The full-text entry is written right after its row,
 * in the same transaction.
 *
 * Why OR IGNORE and no foreign-key enforcement on this connection: any constraint that can abort an
 * insert midway (NOT NULL, a foreign key, a trigger's write) makes SQLite journal every statement,
 * which cost 40% of the import rate. prepareArticle guarantees the NOT NULL columns, and the writer
 * creates each article's source in the same transaction; `PRAGMA foreign_key_check` is run by the tests.
 *
 * One check does come before the insert: an outlet's exact copy of one of its own articles at another
 * address (same source, same text hash) is a duplicate. It needs no unique index (see migration 7),
 * and it cannot race: SQLite runs one write transaction at a time.
 */
import type Database from 'better-sqlite3';
import type { Article, NewArticle, WriteOutcome } from '../../core/article.ts';
import { AppError } from '../../core/errors.ts';
import { storedArticleColumns, storedArticleValues } from '../article-row.ts';
import { type PreparedArticle, prepareOrReject, slugifySourceName } from '../prepare-article.ts';

/** Inserts batches of articles; each batch is one transaction (a savepoint inside an outer one). */
export class SqliteArticleWriter {
  private readonly sourceIds = new Map<string, number>();
  private readonly insertSource: Database.Statement;
  private readonly selectSource: Database.Statement;
  private readonly insertArticle: Database.Statement;
  private readonly insertIndexEntry: Database.Statement;
  private readonly insertRestored: Database.Statement;
  private readonly restoreBatch: Database.Transaction<(articles: Article[]) => void>;
  private readonly selectByUrl: Database.Statement;
  private readonly selectByHash: Database.Statement;
  private readonly selectSourceCopy: Database.Statement;
  private readonly insertBatch: Database.Transaction<
    (articles: Array<PreparedArticle | WriteOutcome>) => WriteOutcome[]
  >;

  constructor(db: Database.Database) {
    this.insertSource = db.prepare(
      'INSERT INTO sources (name, slug, created_at) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING',
    );
    this.selectSource = db.prepare('SELECT id FROM sources WHERE slug = ?').pluck();
    this.insertArticle = db
      .prepare(
        `INSERT OR IGNORE INTO articles (source_id, ${storedArticleColumns})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .pluck();
    this.insertIndexEntry = db.prepare('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)');
    this.selectByUrl = db.prepare('SELECT id FROM articles WHERE canonical_url = ?').pluck();
    this.selectByHash = db
      .prepare('SELECT id FROM articles WHERE content_hash = ? AND canonical_url IS NULL')
      .pluck();
    this.selectSourceCopy = db.prepare(
      'SELECT id, canonical_url FROM articles WHERE source_id = ? AND content_hash = ? ORDER BY id LIMIT 1',
    );
    this.insertRestored = db.prepare(
      `INSERT INTO articles (id, source_id, ${storedArticleColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.restoreBatch = db.transaction((articles: Article[]) => {
      for (const article of articles) this.restoreOne(article);
    });
    this.insertBatch = db.transaction((articles: Array<PreparedArticle | WriteOutcome>) =>
      articles.map((article) => ('status' in article ? article : this.insertOne(article))),
    );
  }

  /** Writes the valid articles of `articles` in one transaction; invalid ones come back as `rejected`. */
  add(articles: NewArticle[]): WriteOutcome[] {
    const now = new Date().toISOString();
    return this.addPrepared(articles.map((article) => prepareOrReject(article, now)));
  }

  /** Writes articles that prepareArticle has already checked (or the outcome that rejected them). */
  addPrepared(prepared: Array<PreparedArticle | WriteOutcome>): WriteOutcome[] {
    try {
      return this.insertBatch.immediate(prepared);
    } catch (error) {
      // A rolled-back batch may have created sources whose ids no longer exist.
      this.sourceIds.clear();
      throw error;
    }
  }

  /** Writes stored articles with their ids, all or nothing (copying between archives). */
  restore(articles: Article[]): void {
    try {
      this.restoreBatch.immediate(articles);
    } catch (error) {
      this.sourceIds.clear();
      throw error;
    }
  }

  private restoreOne(article: Article): void {
    const sourceId = this.sourceIdFor({ ...article, sourceSlug: slugifySourceName(article.source) });
    try {
      this.insertRestored.run(article.id, sourceId, ...storedArticleValues(article));
    } catch (error) {
      if (!String((error as { code?: string }).code).startsWith('SQLITE_CONSTRAINT')) throw error;
      throw new AppError(
        'ARTICLE_CONFLICT',
        `article ${article.id} ("${article.title}") is already in the archive, or another article has its URL or text`,
        { cause: error },
      );
    }
    this.insertIndexEntry.run(article.id, article.title, article.text);
  }

  /** Forgets cached source ids, after an outer transaction rolled back. */
  forgetCachedSources(): void {
    this.sourceIds.clear();
  }

  private insertOne(article: PreparedArticle): WriteOutcome {
    const sourceId = this.sourceIdFor(article);
    const copy = this.selectSourceCopy.get(sourceId, article.contentHash) as
      | { id: number; canonical_url: string | null }
      | undefined;
    if (copy !== undefined) {
      const sameUrl = article.canonicalUrl !== null && copy.canonical_url === article.canonicalUrl;
      return { status: 'duplicate', id: copy.id, by: sameUrl ? 'url' : 'text' };
    }
    const id = this.insertArticle.get(sourceId, ...storedArticleValues(article)) as number | undefined;
    if (id !== undefined) {
      this.insertIndexEntry.run(id, article.title, article.text);
      return { status: 'inserted', id };
    }
    const existing = (
      article.canonicalUrl !== null
        ? this.selectByUrl.get(article.canonicalUrl)
        : this.selectByHash.get(article.contentHash)
    ) as number | undefined;
    // OR IGNORE also skips rows that break a constraint other than uniqueness; never report those as duplicates.
    if (existing === undefined)
      throw new AppError('INTERNAL', `article "${article.title}" was not written and is not a duplicate`);
    return { status: 'duplicate', id: existing, by: article.canonicalUrl !== null ? 'url' : 'text' };
  }

  private sourceIdFor(article: Pick<PreparedArticle, 'source' | 'sourceSlug' | 'fetchedAt'>): number {
    const cached = this.sourceIds.get(article.sourceSlug);
    if (cached !== undefined) return cached;
    this.insertSource.run(article.source, article.sourceSlug, article.fetchedAt);
    const id = this.selectSource.get(article.sourceSlug) as number;
    this.sourceIds.set(article.sourceSlug, id);
    return id;
  }
}
