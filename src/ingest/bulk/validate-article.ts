/**
 * Turns the loosely typed fields of one JSONL object or CSV row into a NewArticle, or says what is wrong.
 *
 * Limits (the same as the store's, so that a record that passes here is never refused by addArticles):
 * - title: at most 1,000 characters after whitespace is collapsed;
 * - text: at most 2,000,000 characters (reported as "MB" = million characters, roughly 2 MB of English);
 * - url: http or https only.
 * Control characters other than \n and \t are removed from every field: the store marks search
 * matches with \u0002 / \u0003, so an article containing them would corrupt highlighting.
 */
import type { NewArticle } from '../../core/article.ts';
import { canonicalizeUrl } from '../../core/canonical-url.ts';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import { maxArticleTextLength, maxTitleLength } from '../../store/prepare-article.ts';
import { htmlToText } from './html-to-text.ts';
import { acceptedDateForms, parseArticleDate } from './parse-article-date.ts';

/** Raw fields keyed by lower-case name, in a null-prototype object (see rawArticleFrom). */
export type RawArticle = Record<string, unknown>;

/** Each article field and the input names accepted for it, the first present one winning. */
export const fieldAliases = {
  url: ['url'],
  source: ['source'],
  title: ['title'],
  text: ['text', 'body', 'content'],
  html: ['html'],
  author: ['author'],
  publishedAt: ['published_at', 'publishedat', 'date'],
  fetchedAt: ['fetched_at', 'fetchedat'],
  language: ['language', 'lang'],
} as const;

/** Every input name validateArticle reads. */
export const knownFieldNames: ReadonlySet<string> = new Set(Object.values(fieldAliases).flat());

/**
 * Copies the known fields of `input` (matched case-insensitively) into a null-prototype object. Only
 * known names are copied, so keys like `__proto__` or `constructor` can never reach anything.
 */
export function rawArticleFrom(input: object): RawArticle {
  const raw: RawArticle = Object.create(null);
  for (const [key, value] of Object.entries(input)) {
    const name = key.toLowerCase();
    if (knownFieldNames.has(name) && !Object.hasOwn(raw, name)) raw[name] = value;
  }
  return raw;
}

/** Context for validateArticle: where the record is, and the --source fallback. */
export interface ValidateContext {
  line: number;
  source?: string | undefined;
}

/** The article in `raw`, or an AppError (ARTICLE_INVALID / ARTICLE_TOO_LARGE) located at `context.line`. */
export function validateArticle(raw: RawArticle, context: ValidateContext): NewArticle | AppError {
  const fail = (message: string, code: ErrorCode = 'ARTICLE_INVALID') =>
    new AppError(code, message, { location: { line: context.line } });
  const fields = new Map<keyof typeof fieldAliases, { name: string; value: string }>();
  for (const [field, names] of Object.entries(fieldAliases) as [
    keyof typeof fieldAliases,
    readonly string[],
  ][]) {
    for (const name of names) {
      const value = raw[name];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string') return fail(`${name} must be a string, got ${describeType(value)}`);
      // An empty CSV cell or JSON "" means "not given", like a missing field.
      if (value.trim() === '') continue;
      fields.set(field, { name, value });
      break;
    }
  }

  const title = cleanLine(fields.get('title')?.value ?? '');
  if (title === '') return fail('title is missing or empty');
  if (title.length > maxTitleLength) {
    return fail(`title is ${title.length} characters, over the ${maxTitleLength.toLocaleString('en')} limit`);
  }

  const source = cleanLine(fields.get('source')?.value ?? context.source ?? '');
  if (source === '') return fail('no source: add a "source" field or pass --source');

  const textField = fields.get('text');
  const htmlField = fields.get('html');
  if (textField === undefined && htmlField === undefined) return fail('needs a "text" or "html" field');
  const text = cleanText(textField === undefined ? htmlToText(htmlField!.value) : textField.value);
  if (text === '') return fail(`${textField?.name ?? 'html'} has no text`);
  if (text.length > maxArticleTextLength) {
    const size = (text.length / 1_000_000).toFixed(1);
    return fail(
      `text is ${size} MB, over the ${maxArticleTextLength / 1_000_000} MB limit`,
      'ARTICLE_TOO_LARGE',
    );
  }

  let url: string | null = null;
  const urlField = fields.get('url');
  if (urlField !== undefined) {
    url = cleanLine(urlField.value);
    if (canonicalizeUrl(url) === null) return fail(`url "${url}" is not an http(s) URL`);
  }

  let language: string | null = null;
  const languageField = fields.get('language');
  if (languageField !== undefined) {
    language = cleanLine(languageField.value).toLowerCase();
    if (!/^[a-z]{2,3}$/.test(language)) {
      return fail(
        `${languageField.name} "${languageField.value}" is not a 2–3 letter language code (en, ru, kk)`,
      );
    }
  }

  const dates: { publishedAt: string | null; fetchedAt: string | null } = {
    publishedAt: null,
    fetchedAt: null,
  };
  for (const field of ['publishedAt', 'fetchedAt'] as const) {
    const given = fields.get(field);
    if (given === undefined) continue;
    const parsed = parseArticleDate(cleanLine(given.value));
    if (parsed === null)
      return fail(`${given.name} "${given.value}" is not a date; use ${acceptedDateForms}`);
    dates[field] = parsed;
  }

  const author = cleanLine(fields.get('author')?.value ?? '');
  return {
    url,
    source,
    title,
    author: author === '' ? null : author,
    publishedAt: dates.publishedAt,
    fetchedAt: dates.fetchedAt,
    language,
    text,
    // Raw HTML is never stored; the sanitiser that will produce a safe copy arrives with the ingestion issue.
    html: null,
  };
}

/** Control characters except \t and \n (C0, DEL and C1). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Article text: line breaks normalised to \n, control characters removed, outer whitespace trimmed. */
function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(controlCharacters, '').trim();
}

/** A one-line field: all whitespace runs collapsed to one space, control characters removed. */
function cleanLine(value: string): string {
  return value.replace(/\s+/g, ' ').replace(controlCharacters, '').trim();
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} (${String(value).slice(0, 40)})`;
}
