/** The articles table's row shape (both stores) and its mapping to the Article model. */
import type { Article, SourceSummary } from '../core/article.ts';
import { isOutletType } from '../core/outlet-types.ts';

/**
 * The stored fields of an article, after its id and source, in the order of `storedArticleColumns`:
 * what both writers insert and what `wirewatch copy` checksums, listed once so they cannot drift.
 */
export const storedArticleColumns =
  'url, canonical_url, content_hash, title, author, published_at, published_at_estimated, fetched_at, language, text, html';

/** The values of `storedArticleColumns` for one article. */
export function storedArticleValues(
  article: Omit<Article, 'id' | 'sourceId' | 'source' | 'clusterId'>,
): [
  string | null,
  string | null,
  string,
  string,
  string | null,
  string | null,
  number,
  string,
  string | null,
  string,
  string | null,
] {
  return [
    article.url,
    article.canonicalUrl,
    article.contentHash,
    article.title,
    article.author,
    article.publishedAt,
    article.publishedAtEstimated ? 1 : 0,
    article.fetchedAt,
    article.language,
    article.text,
    article.html,
  ];
}

/** The columns selected for an article (joined with its source's name). */
export const articleColumns =
  'a.id, a.url, a.canonical_url, a.source_id, s.name AS source, a.title, a.author, a.published_at, a.published_at_estimated, a.fetched_at, a.language, a.content_hash, a.cluster_id';

/** A row selected with `articleColumns` (plus text and html when asked for). */
export interface ArticleRow {
  id: number;
  url: string | null;
  canonical_url: string | null;
  source_id: number;
  source: string;
  title: string;
  author: string | null;
  published_at: string | null;
  published_at_estimated: number;
  fetched_at: string;
  language: string | null;
  content_hash: string;
  cluster_id: number | null;
  text?: string;
  html?: string | null;
}

/** The article without its text, as search hits carry it. */
export function rowToArticleSummary(row: ArticleRow): Omit<Article, 'text' | 'html'> {
  return {
    id: row.id,
    url: row.url,
    canonicalUrl: row.canonical_url,
    sourceId: row.source_id,
    source: row.source,
    title: row.title,
    author: row.author,
    publishedAt: row.published_at,
    publishedAtEstimated: row.published_at_estimated === 1,
    fetchedAt: row.fetched_at,
    language: row.language,
    contentHash: row.content_hash,
    clusterId: row.cluster_id,
  };
}

/** The whole article. */
export function rowToArticle(row: ArticleRow): Article {
  return { ...rowToArticleSummary(row), text: row.text ?? '', html: row.html ?? null };
}

/** The row of the sources-with-counts query both stores run for listSources(). */
export interface SourceSummaryRow {
  id: number;
  name: string;
  slug: string;
  outlet_type: string | null;
  article_count: number;
  first_published_at: string | null;
  last_published_at: string | null;
}

/** The sources-with-counts query, in SQL both stores speak. */
export const sourceSummariesSql = `SELECT s.id, s.name, s.slug, s.outlet_type, count(a.id) AS article_count,
       min(a.published_at) AS first_published_at, max(a.published_at) AS last_published_at
FROM sources s LEFT JOIN articles a ON a.source_id = s.id GROUP BY s.id ORDER BY article_count DESC, s.name`;

export function rowToSourceSummary(row: SourceSummaryRow): SourceSummary {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    // A type this version does not know (written by a newer one) reads as none.
    outletType: isOutletType(row.outlet_type) ? row.outlet_type : null,
    articleCount: row.article_count,
    firstPublishedAt: row.first_published_at,
    lastPublishedAt: row.last_published_at,
  };
}
