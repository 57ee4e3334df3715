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
    ...(entry.title === undefined && entry.media?.title?.value !== undefined
      ? { title: { value: entry.media.title.value, kind: 'guess' as const } }
      : textValue('title', entry.title)),
    authors: present([...personNames(entry.authors), ...(entry.dc?.creators ?? [])]),
    published: present([entry.published, ...(entry.dc?.dates ?? []), ...(entry.dcterms?.issued ?? [])]),
    updated: present([entry.updated, ...(entry.dcterms?.modified ?? [])]),
    ...(entry.summary === undefined && entry.media?.description?.value !== undefined
      ? { summary: { value: entry.media.description.value, kind: 'guess' as const } }
      : textValue('summary', entry.summary)),
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
  const value = typedValue(text.value, text.type, text.xml?.base);
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: TextValue };
}

/** The entry's content, unless it lives elsewhere (`src`). */
function contentValue(content: AtomContent | undefined): { content?: TextValue } {
  if (content === undefined || content.value === undefined || content.src !== undefined) return {};
  const value = typedValue(content.value, content.type, content.xml?.base);
  return value === undefined ? {} : { content: value };
}

/**
 * A text construct by its type. Any other media type is base64 (RFC 4287 4.1.3.3); it is kept only
 * when it decodes to UTF-8 text (feeds put base64 HTML there), never as binary.
 */
function typedValue(
  value: string,
  type: string | undefined,
  base: string | undefined,
): TextValue | undefined {
  const lower = type?.toLowerCase().trim();
  // Keywords other than a media type (Atom 0.3 and home-made ones) and JSON are text as well.
  const isText = lower === undefined || !lower.includes('/') || /^text\/|[/+](xml|json)$|html/.test(lower);
  const text = isText ? value : decodeBase64Text(value);
  if (text === undefined) return undefined;
  return { value: text, kind: isText ? kindOf(type) : 'guess', ...optional('base', base) };
}

function decodeBase64Text(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mean binary, not text.
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
  } catch {
    return undefined;
  }
}
