/** The articles table's row shape (both stores) and its mapping to the Article model. */
import type { Article } from '../core/article.ts';

/** The columns selected for an article (joined with its source's name). */
export const articleColumns =
  'a.id, a.url, a.canonical_url, a.source_id, s.name AS source, a.title, a.author, a.published_at, a.fetched_at, a.language, a.content_hash';

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
  fetched_at: string;
  language: string | null;
  content_hash: string;
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
    fetchedAt: row.fetched_at,
    language: row.language,
    contentHash: row.content_hash,
  };
}

/** The whole article. */
export function rowToArticle(row: ArticleRow): Article {
  return { ...rowToArticleSummary(row), text: row.text ?? '', html: row.html ?? null };
}
