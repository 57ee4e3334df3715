/**
 * Turns a NewArticle into the row both stores write: identity keys computed, defaults filled,
 * limits checked. Shared so that SQLite and PostgreSQL agree on what a duplicate is.
 */
import type { Article, NewArticle, WriteOutcome } from '../core/article.ts';
import { canonicalizeUrl } from '../core/canonical-url.ts';
import { hashContent } from '../core/content-hash.ts';
import { AppError } from '../core/errors.ts';
import { guessLanguage } from '../core/guess-language.ts';

/** Longest article text the archive accepts, in characters (about 2 MB of English). */
export const maxArticleTextLength = 2_000_000;
/** Longest title the archive accepts, in characters. */
export const maxTitleLength = 1_000;

/** An article ready to be written: the stored fields but the ids, plus its source's slug. */
export interface PreparedArticle extends Omit<Article, 'id' | 'sourceId' | 'clusterId'> {
  sourceSlug: string;
}

/** The slug of a source name: lower case, accents dropped, non-alphanumerics as single hyphens. */
export function slugifySourceName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/** Validates and completes one article; throws ARTICLE_INVALID / ARTICLE_TOO_LARGE saying what is wrong. */
export function prepareArticle(input: NewArticle, now: string = new Date().toISOString()): PreparedArticle {
  const article = withoutNulCharacters(input);
  const title = article.title?.replace(/\s+/g, ' ').trim() ?? '';
  if (title === '') throw new AppError('ARTICLE_INVALID', 'the article has no title');
  if (title.length > maxTitleLength) {
    throw new AppError(
      'ARTICLE_INVALID',
      `the title is ${title.length} characters, over the ${maxTitleLength} limit`,
    );
  }
  const text = article.text ?? '';
  if (text.trim() === '') throw new AppError('ARTICLE_INVALID', `article "${title}" has no text`);
  if (text.length > maxArticleTextLength) {
    const megabytes = (text.length / 1_000_000).toFixed(1);
    throw new AppError(
      'ARTICLE_TOO_LARGE',
      `article "${title}" has ${megabytes} M characters of text, over the 2 M limit`,
    );
  }
  const source = article.source?.trim() ?? '';
  const sourceSlug = slugifySourceName(source);
  if (sourceSlug === '') throw new AppError('ARTICLE_INVALID', `article "${title}" has no source`);
  let canonicalUrl: string | null = null;
  if (article.url) {
    canonicalUrl = canonicalizeUrl(article.url);
    if (canonicalUrl === null) {
      throw new AppError(
        'ARTICLE_INVALID',
        `article "${title}" has URL "${article.url}", which is not an http(s) URL`,
      );
    }
  }
  return {
    url: article.url ? article.url.trim() : null,
    canonicalUrl,
    contentHash: hashContent(text),
    source,
    sourceSlug,
    title,
    author: article.author?.trim() || null,
    publishedAt: normalizeDate(article.publishedAt, 'publishedAt', title),
    publishedAtEstimated: article.publishedAtEstimated === true && Boolean(article.publishedAt),
    fetchedAt: normalizeDate(article.fetchedAt, 'fetchedAt', title) ?? now,
    language: article.language?.trim().toLowerCase() || guessLanguage(text),
    text,
    html: article.html ?? null,
  };
}

/**
 * The article without NUL characters, which PostgreSQL cannot store in text and which no real text
 * contains (they come from broken encodings); dropped on both stores so that the two agree.
 */
function withoutNulCharacters(article: NewArticle): NewArticle {
  const strip = <T extends string | null | undefined>(value: T): T =>
    (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  return {
    ...article,
    url: strip(article.url),
    source: strip(article.source),
    title: strip(article.title),
    author: strip(article.author),
    text: strip(article.text),
    html: strip(article.html),
  };
}

/** The outcome of an article refused before it reaches the database. */
export type RejectedOutcome = Extract<WriteOutcome, { status: 'rejected' }>;

/** Prepares one article, or describes why it is rejected; other errors are rethrown. */
export function prepareOrReject(article: NewArticle, now: string): PreparedArticle | RejectedOutcome {
  try {
    return prepareArticle(article, now);
  } catch (error) {
    if (error instanceof AppError) return { status: 'rejected', code: error.code, message: error.message };
    throw error;
  }
}

/** ISO 8601 UTC with milliseconds, so that dates compare correctly as strings in both stores. */
function normalizeDate(value: string | null | undefined, field: string, title: string): string | null {
  if (value === null || value === undefined || value === '') return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new AppError('ARTICLE_INVALID', `article "${title}" has ${field} "${value}", which is not a date`);
  }
  return new Date(time).toISOString();
}
