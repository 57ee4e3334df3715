/**
 * Normalises a format reader's draft into the ParsedFeed wirewatch stores: absolute http(s) links,
 * plain-text titles, sanitised HTML, readable dates (or the fetch time, marked), and entries with
 * nothing in them dropped with a warning.
 */
import { htmlToText } from '../bulk/html-to-text.ts';
import { collapseWhitespace, htmlToInlineText } from '../sanitize/html-text.ts';
import { sanitizeArticleHtml } from '../sanitize/sanitize-html.ts';
import type { EntryDraft, FeedDraft, FeedItem, ParsedFeed, TextValue } from './feed-types.ts';
import { parseFeedDate } from './parse-feed-date.ts';
import { resolveBase, resolveHttpUrl } from './resolve-url.ts';

/** Words taken from the text for an entry that has no title. */
const generatedTitleWords = 12;
/** Characters at most in a generated title (before the ellipsis). */
const generatedTitleLength = 100;

/** The ParsedFeed for `draft`, fetched from `url` at `fetchedAt`; `warnings` already holds the parser's. */
export function finishFeed(
  draft: FeedDraft,
  source: { url: string; fetchedAt: Date; encoding: string; keepEmptyEntries: boolean },
  warnings: string[],
): ParsedFeed {
  const { url, fetchedAt } = source;
  const feedBase = resolveBase(draft.base, url);
  const siteUrl = firstHttpUrl(draft.siteLinks, feedBase);
  const feedLanguage = languageCode(draft.language);
  const items: FeedItem[] = [];
  let unreadableDates = 0;
  const dropped: number[] = [];
  draft.entries.forEach((entry, index) => {
    const item = finishEntry(entry, draft, feedBase, feedLanguage, fetchedAt, source.keepEmptyEntries);
    if (item === null) {
      dropped.push(index + 1);
      return;
    }
    if (item.dateMissing && entry.published.length + entry.updated.length > 0) unreadableDates++;
    items.push(item);
  });
  if (dropped.length > 0) {
    // One warning however many: a hostile feed of empty entries must not make a warning per entry.
    const shown =
      dropped.slice(0, 5).join(', ') + (dropped.length > 5 ? ` and ${dropped.length - 5} more` : '');
    const noun = dropped.length === 1 ? 'entry' : 'entries';
    warnings.push(`${noun} ${shown} dropped: no title, no link and no content`);
  }
  if (unreadableDates > 0) {
    warnings.push(
      `${unreadableDates} entr${unreadableDates === 1 ? 'y has' : 'ies have'} a date that could not be read; the fetch time was used`,
    );
  }
  const title = draft.title === undefined ? '' : titleText(draft.title);
  return {
    format: draft.format,
    title: title !== '' ? title : hostOf(siteUrl ?? url),
    ...(siteUrl === undefined ? {} : { siteUrl }),
    items,
    encoding: source.encoding,
    warnings,
  };
}

function finishEntry(
  entry: EntryDraft,
  feed: FeedDraft,
  feedBase: string,
  feedLanguage: string | undefined,
  fetchedAt: Date,
  keepEmpty: boolean,
): FeedItem | null {
  const base = resolveBase(entry.base, feedBase);
  const url = firstHttpUrl(entry.links, base);
  const summaryHtml = entry.summary === undefined ? undefined : safeHtml(entry.summary, base);
  const contentHtml = entry.content === undefined ? undefined : safeHtml(entry.content, base);
  // Sanitised HTML escapes only & < > ", which htmlToText decodes: no second parse needed.
  const text = htmlToText(contentHtml ?? summaryHtml ?? '');
  let title = entry.title === undefined ? '' : titleText(entry.title);
  const titleGenerated = title === '';
  if (titleGenerated) {
    title = text !== '' ? firstWords(text) : (url ?? '');
    if (title === '' && !keepEmpty) return null;
  }
  const published = firstDate(entry.published);
  const updated = firstDate(entry.updated);
  const publishedAt = published ?? updated;
  const author = authorName(entry.authors[0] ?? feed.authors[0]);
  const language = languageCode(entry.language) ?? feedLanguage;
  return {
    ...(entry.guid === undefined ? {} : { guid: entry.guid }),
    ...(url === undefined ? {} : { url }),
    title,
    titleGenerated,
    ...(author === undefined ? {} : { author }),
    publishedAt: publishedAt ?? fetchedAt,
    dateMissing: publishedAt === null,
    ...(updated === null ? {} : { updatedAt: updated }),
    ...(summaryHtml === undefined || summaryHtml === '' ? {} : { summaryHtml }),
    ...(contentHtml === undefined || contentHtml === '' ? {} : { contentHtml }),
    text,
    ...(language === undefined ? {} : { language }),
    categories: [...new Set(entry.categories.map(htmlToInlineText).filter((name) => name !== ''))],
  };
}

/** The person's name from `Name (email)`, `email (Name)` or `Name <email>`; the text itself otherwise. */
function authorName(author: string | undefined): string | undefined {
  if (author === undefined) return undefined;
  const text = htmlToInlineText(withoutControlCharacters(author));
  const email = /^[^\s@()<>]+@[^\s@()<>]+$/;
  // Bounded: the lazy pattern is quadratic on a long string full of parentheses.
  const parts = text.length > 300 ? null : /^(.*?)\s*[(<]([^()<>]*)[)>]$/.exec(text);
  if (parts !== null) {
    const [, outside, inside] = parts as unknown as [string, string, string];
    if (email.test(inside.trim()) && outside.trim() !== '') return outside.trim();
    if (email.test(outside.trim()) && inside.trim() !== '') return inside.trim();
  }
  return text === '' ? undefined : text;
}

/** A title as plain text: markup stripped when it is (or, for RSS, looks like) HTML. */
function titleText(title: TextValue): string {
  const value = withoutControlCharacters(title.value);
  if (title.kind === 'text') return collapseWhitespace(value);
  if (title.kind === 'guess' && !looksLikeHtml(value)) return collapseWhitespace(value);
  return htmlToInlineText(value);
}

/** XML 1.0 allows no C0 control characters but tab and line breaks; feeds carry them anyway. */
function withoutControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** A tag, a comment or an entity reference: RSS titles that contain one are read as HTML. */
function looksLikeHtml(text: string): boolean {
  return /<\/?[A-Za-z][^<>]*>|<!--|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text);
}

/** Sanitised HTML of a text construct; plain text is escaped first so it survives as text. */
function safeHtml(value: TextValue, entryBase: string): string {
  const base = resolveBase(value.base, entryBase);
  const raw = withoutControlCharacters(value.value);
  const html =
    value.kind === 'text' || (value.kind === 'guess' && !looksLikeHtml(raw)) ? escapePlainText(raw) : raw;
  return sanitizeArticleHtml(html, base).trim();
}

function escapePlainText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br>');
}

function firstHttpUrl(candidates: string[], base: string): string | undefined {
  for (const candidate of candidates) {
    const url = resolveHttpUrl(candidate, base);
    if (url !== undefined) return url;
  }
  return undefined;
}

function firstDate(values: string[]): Date | null {
  for (const value of values) {
    const date = parseFeedDate(value);
    if (date !== null) return date;
  }
  return null;
}

/** The first words of the text, cut at a word boundary, with an ellipsis when cut. */
function firstWords(text: string): string {
  const words = text.split(/\s+/).filter((word) => word !== '');
  let title = words.slice(0, generatedTitleWords).join(' ');
  if (title.length > generatedTitleLength)
    title = title.slice(0, generatedTitleLength).replace(/\s+\S*$/, '');
  return title.length < text.trim().length ? `${title}…` : title;
}

/** `en` from `en-US`, `EN`, `en_gb`; undefined for anything that is not a language tag. */
function languageCode(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary !== undefined && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
