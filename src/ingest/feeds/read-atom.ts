/**
 * Atom 1.0 and 0.3 as feedsmith gives them → drafts. Atom says what its text is (`type="text|html|xhtml"`),
 * where it lives (`xml:base` on any element) and that entries without authors inherit the feed's.
 */
import type { AtomFeed } from 'feedsmith';
import type { EntryDraft, FeedDraft, TextValue } from './feed-types.ts';
import { optional, present } from './read-rss.ts';

type AtomEntry = AtomFeed.Entry<string>;
type AtomText = NonNullable<AtomEntry['summary']>;
type AtomContent = NonNullable<AtomEntry['content']>;
type AtomLink = NonNullable<AtomEntry['links']>[number];
type AtomPerson = NonNullable<AtomEntry['authors']>[number];

/** An Atom feed as a draft. */
export function readAtom(feed: AtomFeed.Feed<string>): FeedDraft {
  return {
    format: 'atom',
    ...textValue('title', feed.title),
    siteLinks: preferredLinks(feed.links),
    ...optional('base', feed.xml?.base),
    ...optional('language', feed.xml?.lang ?? feed.dc?.languages?.[0]),
    authors: personNames(feed.authors),
    entries: (feed.entries ?? []).map(readEntry),
  };
}

function readEntry(entry: AtomEntry): EntryDraft {
  return {
    ...optional('guid', entry.id),
    links: preferredLinks(entry.links),
    ...optional('base', entry.xml?.base),
    ...textValue('title', entry.title),
    authors: present([...personNames(entry.authors), ...(entry.dc?.creators ?? [])]),
    published: present([entry.published, ...(entry.dc?.dates ?? []), ...(entry.dcterms?.issued ?? [])]),
    updated: present([entry.updated, ...(entry.dcterms?.modified ?? [])]),
    ...textValue('summary', entry.summary),
    ...contentValue(entry.content),
    ...optional('language', entry.xml?.lang ?? entry.dc?.languages?.[0]),
    categories: present((entry.categories ?? []).map((category) => category.term ?? category.label)),
  };
}

/** Alternate links first (HTML ones before others), then links without a rel; never self/edit/enclosure. */
function preferredLinks(links: AtomLink[] | undefined): string[] {
  const alternates = (links ?? []).filter((link) => link.rel === undefined || link.rel === 'alternate');
  const html = alternates.filter((link) => link.type === undefined || /html/i.test(link.type));
  return present([...html, ...alternates].map((link) => link.href));
}

function personNames(people: AtomPerson[] | undefined): string[] {
  return present((people ?? []).map((person) => person.name ?? person.email));
}

function kindOf(type: string | undefined): TextValue['kind'] {
  if (type === undefined) return 'text';
  const lower = type.toLowerCase();
  // Atom 0.3 used MIME types (text/html, application/xhtml+xml); 1.0 uses the three keywords.
  return lower === 'html' || lower === 'xhtml' || lower.includes('html') ? 'html' : 'text';
}

function textValue<K extends string>(key: K, text: AtomText | undefined): { [P in K]?: TextValue } {
  if (text === undefined || text.value === undefined) return {};
  const value: TextValue = {
    value: text.value,
    kind: kindOf(text.type),
    ...optional('base', text.xml?.base),
  };
  return { [key]: value } as { [P in K]?: TextValue };
}

/** The entry's content, unless it lives elsewhere (`src`) or is not text (a base64 image, say). */
function contentValue(content: AtomContent | undefined): { content?: TextValue } {
  if (content === undefined || content.value === undefined || content.src !== undefined) return {};
  const type = content.type?.toLowerCase();
  if (type !== undefined && !/^(text|html|xhtml)$|^text\/|html|xml/.test(type)) return {};
  return {
    content: { value: content.value, kind: kindOf(content.type), ...optional('base', content.xml?.base) },
  };
}
