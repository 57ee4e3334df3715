/**
 * JSON Feed 1.0 and 1.1 as feedsmith gives them → drafts. Version 1.0's single `author` and 1.1's
 * `authors` both arrive as `authors`.
 */
import type { JsonFeed } from 'feedsmith';
import type { EntryDraft, FeedDraft } from './feed-types.ts';
import { optional, present } from './read-rss.ts';

type JsonItem = JsonFeed.Item<string>;
type JsonAuthor = NonNullable<JsonItem['authors']>[number];

/** A JSON Feed as a draft. */
export function readJsonFeed(feed: JsonFeed.Feed<string>): FeedDraft {
  return {
    format: 'json',
    ...(typeof feed.title === 'string' ? { title: { value: feed.title, kind: 'text' as const } } : {}),
    siteLinks: present([stringOrUndefined(feed.home_page_url)]),
    ...optional('language', stringOrUndefined(feed.language)),
    authors: authorNames(feed.authors),
    entries: (Array.isArray(feed.items) ? feed.items : []).map(readItem),
  };
}

function readItem(item: JsonItem): EntryDraft {
  const title = stringOrUndefined(item.title);
  const html = stringOrUndefined(item.content_html);
  const text = stringOrUndefined(item.content_text);
  const summary = stringOrUndefined(item.summary);
  return {
    ...optional('guid', item.id === undefined ? undefined : String(item.id)),
    links: present([stringOrUndefined(item.url), stringOrUndefined(item.external_url)]),
    ...(title === undefined ? {} : { title: { value: title, kind: 'text' as const } }),
    authors: authorNames(item.authors),
    published: present([stringOrUndefined(item.date_published)]),
    updated: present([stringOrUndefined(item.date_modified)]),
    ...(summary === undefined ? {} : { summary: { value: summary, kind: 'text' as const } }),
    ...(html !== undefined
      ? { content: { value: html, kind: 'html' as const } }
      : text !== undefined
        ? { content: { value: text, kind: 'text' as const } }
        : {}),
    ...optional('language', stringOrUndefined(item.language)),
    categories: present((Array.isArray(item.tags) ? item.tags : []).map(stringOrUndefined)),
  };
}

function authorNames(authors: JsonAuthor[] | undefined): string[] {
  return present((Array.isArray(authors) ? authors : []).map((author) => stringOrUndefined(author?.name)));
}

/** JSON is typed by whoever wrote it: a "title" may be a number, an object or null. */
function stringOrUndefined(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
