/**
 * Writes articles into the PostgreSQL archive, a batch per statement: `INSERT … SELECT FROM unnest(…)
 * ON CONFLICT DO NOTHING RETURNING`, so duplicates are found by the database's unique indexes even
 * when several processes write at once (a concurrent insert of the same URL waits for the other
 * transaction and then counts as a duplicate), never by check-then-insert — except for an outlet's
 * exact copy of its own article at another address, which no unique index can catch without dropping
 * copies older archives hold (see sourceCopies).
 */
import type pg from 'pg';
import type { Article, WriteOutcome } from '../../core/article.ts';
import { AppError } from '../../core/errors.ts';
import { storedArticleColumns, storedArticleValues } from '../article-row.ts';
import { type PreparedArticle, slugifySourceName } from '../prepare-article.ts';

/** Source ids known to be committed, shared by every transaction of one store. */
export type SourceIdCache = Map<string, number>;

/** The identity of an article: its canonical URL, else the hash of its text. */
function identityOf(article: { canonicalUrl: string | null; contentHash: string }): string {
  return article.canonicalUrl !== null ? `url:${article.canonicalUrl}` : `text:${article.contentHash}`;
}

/** PostgreSQL types of `storedArticleColumns`, in order. */
const storedColumnTypes = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'timestamptz',
  'integer',
  'timestamptz',
  'text',
  'text',
  'text',
];

/** `unnest($1::…[], …)` over `leading` columns and then the stored ones: one array parameter a column. */
function unnestSql(leading: string[]): string {
  const types = [...leading, ...storedColumnTypes];
  return `unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(', ')})`;
}

/** The source id column, then one array per stored column, of `articles` (the parameters of unnestSql). */
function columnArrays<T extends Omit<Article, 'id' | 'sourceId' | 'source' | 'clusterId'>>(
  articles: T[],
  sourceIdOf: (article: T) => number | undefined,
): unknown[][] {
  const columns: unknown[][] = [articles.map(sourceIdOf), ...storedColumnTypes.map(() => [])];
  for (const article of articles) {
    for (const [index, value] of storedArticleValues(article).entries()) columns[index + 1]!.push(value);
  }
  return columns;
}

/** What creating an article's source needs. */
type SourceOf = Pick<PreparedArticle, 'source' | 'sourceSlug' | 'fetchedAt'>;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The writes of one transaction on one connection. Sources it creates are remembered locally and
 * shared with the store's cache only once the transaction commits (see `committedSources`).
 */
export class PostgresWriteSession {
  private readonly newSources = new Map<string, number>();

  constructor(
    private readonly client: pg.PoolClient,
    private readonly committed: SourceIdCache,
  ) {}

  /** Sources this session created or found, to add to the shared cache after COMMIT. */
  get sessionSources(): ReadonlyMap<string, number> {
    return this.newSources;
  }

  /** Writes one batch; inside a savepoint, so a failed batch leaves the transaction usable. */
  async addPrepared(prepared: Array<PreparedArticle | WriteOutcome>): Promise<WriteOutcome[]> {
    const articles = prepared.filter((item): item is PreparedArticle => !('status' in item));
    if (articles.length === 0) return prepared as WriteOutcome[];
    await this.client.query('SAVEPOINT wirewatch_batch');
    try {
      const outcomes = await this.insert(articles);
      await this.client.query('RELEASE SAVEPOINT wirewatch_batch');
      let next = 0;
      return prepared.map((item) => ('status' in item ? item : outcomes[next++]!));
    } catch (error) {
      await this.client.query('ROLLBACK TO SAVEPOINT wirewatch_batch').catch(() => {});
      this.newSources.clear();
      throw error;
    }
  }

  /** Writes stored articles with their ids (copying between archives); a conflict refuses the batch. */
  async restore(articles: Article[]): Promise<void> {
    if (articles.length === 0) return;
    await this.client.query('SAVEPOINT wirewatch_batch');
    try {
      const sourceIds = await this.sourceIdsFor(
        articles.map((a) => ({
          source: a.source,
          sourceSlug: slugifySourceName(a.source),
          fetchedAt: a.fetchedAt,
        })),
      );
      await this.client.query(
        `INSERT INTO articles (id, source_id, ${storedArticleColumns}) SELECT * FROM ${unnestSql(['bigint', 'bigint'])}`,
        [
          articles.map((a) => a.id),
          ...columnArrays(articles, (a) => sourceIds.get(slugifySourceName(a.source))),
        ],
      );
      // Explicit ids do not advance the identity sequence: move it past them for later inserts. The
      // nextval makes it move even when these ids are below it (never back), which the store's
      // changeToken relies on; copying into an empty archive still leaves no gap.
      await this.client.query(
        "SELECT setval(pg_get_serial_sequence('articles', 'id'), greatest((SELECT max(id) FROM articles), nextval(pg_get_serial_sequence('articles', 'id'))))",
      );
      await this.client.query('RELEASE SAVEPOINT wirewatch_batch');
    } catch (error) {
      await this.client.query('ROLLBACK TO SAVEPOINT wirewatch_batch').catch(() => {});
      this.newSources.clear();
      if ((error as { code?: string }).code === '23505') {
        const detail = (error as { detail?: string }).detail ?? '';
        throw new AppError(
          'ARTICLE_CONFLICT',
          `an article of ids ${articles[0]!.id}–${articles.at(-1)!.id} is already in the archive, or another article has its URL or text (${detail})`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private async insert(batch: PreparedArticle[]): Promise<WriteOutcome[]> {
    const sourceIds = await this.sourceIdsFor(batch);
    const copies = await this.sourceCopies(batch, sourceIds);
    const articles = batch.filter((_, index) => !copies.has(index));
    // Rows are inserted in the order of their identity, so that two transactions writing overlapping
    // batches take their index locks in the same order and never deadlock (ids within one batch
    // therefore follow that order, not the input's).
    const ordered = [...articles].sort((a, b) => compareText(identityOf(a), identityOf(b)));
    const { rows } = await this.client.query<{
      id: number;
      canonical_url: string | null;
      content_hash: string;
    }>(
      `INSERT INTO articles (source_id, ${storedArticleColumns}) SELECT * FROM ${unnestSql(['bigint'])}
       ON CONFLICT DO NOTHING
       RETURNING id, canonical_url, content_hash`,
      columnArrays(ordered, (a) => sourceIds.get(a.sourceSlug)),
    );
    const inserted = new Map(
      rows.map((row) => [
        identityOf({ canonicalUrl: row.canonical_url, contentHash: row.content_hash }),
        row.id,
      ]),
    );
    // Rows not returned were duplicates of stored articles, or of an earlier article of this batch.
    const pending = articles.filter((article) => !inserted.has(identityOf(article)));
    const existing = await this.existingIds(pending);
    const firstUse = new Set<string>();
    const outcomes = new Map<PreparedArticle, WriteOutcome>();
    for (const article of articles) {
      const identity = identityOf(article);
      const id = inserted.get(identity);
      if (id !== undefined && !firstUse.has(identity)) {
        firstUse.add(identity);
        outcomes.set(article, { status: 'inserted', id });
        continue;
      }
      const duplicateOf = id ?? existing.get(identity);
      if (duplicateOf === undefined) {
        throw new AppError('INTERNAL', `article "${article.title}" was not written and is not a duplicate`);
      }
      outcomes.set(article, {
        status: 'duplicate',
        id: duplicateOf,
        by: article.canonicalUrl !== null ? 'url' : 'text',
      });
    }
    return batch.map((article, index) => {
      const copy = copies.get(index);
      if (copy === undefined) return outcomes.get(article)!;
      // A copy of an article earlier in this batch: whatever became of that one.
      const id = typeof copy.of === 'number' ? copy.of : (outcomes.get(copy.of) as { id: number }).id;
      const sameUrl = article.canonicalUrl !== null && copy.canonicalUrl === article.canonicalUrl;
      return { status: 'duplicate', id, by: sameUrl ? 'url' : 'text' };
    });
  }

  /**
   * The articles of `batch` (by index) that are an outlet's exact copy of one of its articles (same
   * source, same text hash) at another address: of a stored article (its id), or of an earlier one
   * in the batch. A plain index and a check, as on SQLite (see migration 6): two processes storing
   * the same outlet's copy at the same instant can both keep it, and the story cluster then groups them.
   */
  private async sourceCopies(
    batch: PreparedArticle[],
    sourceIds: Map<string, number>,
  ): Promise<Map<number, { of: number | PreparedArticle; canonicalUrl: string | null }>> {
    const keyOf = (article: PreparedArticle) => `${sourceIds.get(article.sourceSlug)}:${article.contentHash}`;
    const { rows } = await this.client.query<{
      id: number;
      source_id: string;
      content_hash: string;
      canonical_url: string | null;
    }>(
      `SELECT DISTINCT ON (source_id, content_hash) id, source_id, content_hash, canonical_url
       FROM articles WHERE (source_id, content_hash) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))
       ORDER BY source_id, content_hash, id`,
      [batch.map((a) => sourceIds.get(a.sourceSlug)), batch.map((a) => a.contentHash)],
    );
    const stored = new Map(rows.map((row) => [`${row.source_id}:${row.content_hash}`, row]));
    const firstInBatch = new Map<string, PreparedArticle>();
    const copies = new Map<number, { of: number | PreparedArticle; canonicalUrl: string | null }>();
    batch.forEach((article, index) => {
      const key = keyOf(article);
      const row = stored.get(key);
      if (row !== undefined) {
        copies.set(index, { of: Number(row.id), canonicalUrl: row.canonical_url });
        return;
      }
      const earlier = firstInBatch.get(key);
      // The same identity twice in a batch is ON CONFLICT's to settle; only another address is a copy.
      if (earlier !== undefined && identityOf(earlier) !== identityOf(article)) {
        copies.set(index, { of: earlier, canonicalUrl: earlier.canonicalUrl });
      } else if (earlier === undefined) firstInBatch.set(key, article);
    });
    return copies;
  }

  /** Ids of the stored articles that `articles` duplicate, by identity. */
  private async existingIds(articles: PreparedArticle[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const urls = articles.flatMap((a) => (a.canonicalUrl !== null ? [a.canonicalUrl] : []));
    const hashes = articles.flatMap((a) => (a.canonicalUrl === null ? [a.contentHash] : []));
    if (urls.length > 0) {
      const { rows } = await this.client.query<{ id: number; canonical_url: string }>(
        'SELECT id, canonical_url FROM articles WHERE canonical_url = ANY($1::text[])',
        [urls],
      );
      for (const row of rows) found.set(`url:${row.canonical_url}`, row.id);
    }
    if (hashes.length > 0) {
      const { rows } = await this.client.query<{ id: number; content_hash: string }>(
        'SELECT id, content_hash FROM articles WHERE content_hash = ANY($1::text[]) AND canonical_url IS NULL',
        [hashes],
      );
      for (const row of rows) found.set(`text:${row.content_hash}`, row.id);
    }
    return found;
  }

  /** The source id of every article, creating the sources that do not exist yet. */
  private async sourceIdsFor(articles: SourceOf[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const missing = new Map<string, SourceOf>();
    for (const article of articles) {
      const known = this.newSources.get(article.sourceSlug) ?? this.committed.get(article.sourceSlug);
      if (known !== undefined) ids.set(article.sourceSlug, known);
      else if (!missing.has(article.sourceSlug)) missing.set(article.sourceSlug, article);
    }
    if (missing.size === 0) return ids;
    const newcomers = [...missing.values()].sort((a, b) => compareText(a.sourceSlug, b.sourceSlug));
    await this.client.query(
      `INSERT INTO sources (name, slug, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[])
       ON CONFLICT (slug) DO NOTHING`,
      [newcomers.map((a) => a.source), newcomers.map((a) => a.sourceSlug), newcomers.map((a) => a.fetchedAt)],
    );
    const { rows } = await this.client.query<{ id: number; slug: string }>(
      'SELECT id, slug FROM sources WHERE slug = ANY($1::text[])',
      [[...missing.keys()]],
    );
    for (const row of rows) {
      ids.set(row.slug, row.id);
      this.newSources.set(row.slug, row.id);
    }
    return ids;
  }
}
