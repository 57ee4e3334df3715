/**
 * Writes articles into the SQLite archive. Duplicates are found by the database's own unique indexes
 * (INSERT ... ON CONFLICT DO NOTHING), never by check-then-insert.
 */
import type Database from 'better-sqlite3';
import type { NewArticle, WriteOutcome } from '../../core/article.ts';
import { type PreparedArticle, prepareOrReject } from '../prepare-article.ts';

/** Inserts batches of articles; each batch is one transaction (a savepoint inside an outer one). */
export class SqliteArticleWriter {
  private readonly sourceIds = new Map<string, number>();
  private readonly insertSource: Database.Statement;
  private readonly selectSource: Database.Statement;
  private readonly insertArticle: Database.Statement;
  private readonly selectByUrl: Database.Statement;
  private readonly selectByHash: Database.Statement;
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
        `INSERT INTO articles (source_id, url, canonical_url, content_hash, title, author, published_at, fetched_at, language, text, html)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
      )
      .pluck();
    this.selectByUrl = db.prepare('SELECT id FROM articles WHERE canonical_url = ?').pluck();
    this.selectByHash = db
      .prepare('SELECT id FROM articles WHERE content_hash = ? AND canonical_url IS NULL')
      .pluck();
    this.insertBatch = db.transaction((articles: Array<PreparedArticle | WriteOutcome>) =>
      articles.map((article) => ('status' in article ? article : this.insertOne(article))),
    );
  }

  /** Writes the valid articles of `articles` in one transaction; invalid ones come back as `rejected`. */
  add(articles: NewArticle[]): WriteOutcome[] {
    const now = new Date().toISOString();
    const prepared = articles.map((article) => prepareOrReject(article, now));
    try {
      return this.insertBatch.immediate(prepared);
    } catch (error) {
      // A rolled-back batch may have created sources whose ids no longer exist.
      this.sourceIds.clear();
      throw error;
    }
  }

  /** Forgets cached source ids, after an outer transaction rolled back. */
  forgetCachedSources(): void {
    this.sourceIds.clear();
  }

  private insertOne(article: PreparedArticle): WriteOutcome {
    const sourceId = this.sourceIdFor(article);
    const id = this.insertArticle.get(
      sourceId,
      article.url,
      article.canonicalUrl,
      article.contentHash,
      article.title,
      article.author,
      article.publishedAt,
      article.fetchedAt,
      article.language,
      article.text,
      article.html,
    ) as number | undefined;
    if (id !== undefined) return { status: 'inserted', id };
    if (article.canonicalUrl !== null) {
      return { status: 'duplicate', id: this.selectByUrl.get(article.canonicalUrl) as number, by: 'url' };
    }
    return { status: 'duplicate', id: this.selectByHash.get(article.contentHash) as number, by: 'text' };
  }

  private sourceIdFor(article: PreparedArticle): number {
    const cached = this.sourceIds.get(article.sourceSlug);
    if (cached !== undefined) return cached;
    this.insertSource.run(article.source, article.sourceSlug, article.fetchedAt);
    const id = this.selectSource.get(article.sourceSlug) as number;
    this.sourceIds.set(article.sourceSlug, id);
    return id;
  }
}
