/**
 * Microsoft's Channel Definition Format (CDF, 1997): `<CHANNEL HREF LASTMOD>` with `<TITLE>`,
 * `<ABSTRACT>` and `<ITEM HREF LASTMOD>` children, sub-channels nested inside. Long retired, but old
 * portal and intranet "channels" still serve it, and feedparser reads it; feedsmith does not, so this
 * small reader maps it onto the same draft as the other formats. Element and attribute names are
 * case-insensitive in the wild (`<channel href>` too).
 */
import { XMLParser } from 'fast-xml-parser';
import type { EntryDraft, FeedDraft } from './feed-types.ts';
import { present } from './read-rss.ts';

/** Sub-channels read at most this deep: a hostile document cannot make the walk recurse without end. */
const maxChannelDepth = 16;

type CdfNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  transformTagName: (name) => name.toLowerCase(),
  transformAttributeName: (name) => name.toLowerCase(),
  isArray: (name) => name === 'item' || name === 'channel',
  // The DOCTYPE is gone before this runs (remove-doctype.ts); entities beyond XML's five stay inert.
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

/** True when the document's root element is a CDF `<CHANNEL>`. */
export function isCdfDocument(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/<[?!][\s\S]*?>/g, '')
    .trimStart();
  return /^<channel[\s>/]/i.test(head);
}

/** A CDF document as a draft: the top channel's title, link and date, every item of it and its sub-channels. */
export function readCdf(text: string): FeedDraft {
  const root = parser.parse(text) as CdfNode;
  const channel = (root.channel as CdfNode[] | undefined)?.[0] ?? {};
  const entries: EntryDraft[] = [];
  collectItems(channel, 0, entries);
  const title = textOf(channel.title);
  const base = attribute(channel, 'base');
  const href = attribute(channel, 'href');
  return {
    format: 'cdf',
    ...(title === undefined ? {} : { title: { value: title, kind: 'text' } }),
    siteLinks: present([href]),
    ...(base === undefined ? {} : { base }),
    authors: [],
    entries,
  };
}

function collectItems(channel: CdfNode, depth: number, into: EntryDraft[]): void {
  for (const item of (channel.item as CdfNode[] | undefined) ?? []) into.push(readItem(item));
  if (depth >= maxChannelDepth) return;
  for (const sub of (channel.channel as CdfNode[] | undefined) ?? []) collectItems(sub, depth + 1, into);
}

function readItem(item: CdfNode): EntryDraft {
  const title = textOf(item.title);
  const abstract = textOf(item.abstract);
  const href = attribute(item, 'href');
  return {
    ...(href === undefined ? {} : { guid: href }),
    links: present([href]),
    ...(title === undefined ? {} : { title: { value: title, kind: 'text' as const } }),
    authors: [],
    // LASTMOD is the only date CDF has; it is what a reader would call the item's date.
    published: present([attribute(item, 'lastmod')]),
    updated: [],
    ...(abstract === undefined ? {} : { summary: { value: abstract, kind: 'text' as const } }),
    categories: [],
  };
}

/** An element's text: fast-xml-parser gives a string, or an object with `#text` when it has attributes. */
function textOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null) {
    const text = (first as CdfNode)['#text'];
    if (typeof text === 'string') return text;
  }
  return undefined;
}

function attribute(node: CdfNode, name: string): string | undefined {
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}
