/**
 * RSS 0.9x/2.0 and RDF (RSS 1.0) as feedsmith gives them → drafts. Both carry the same Dublin Core
 * and content:encoded extras; RSS also borrows Atom elements (atom:link, atom:published).
 */
import type { AtomNs, DcNs, DcTermsNs, RdfFeed, RssFeed } from 'feedsmith';
import type { EntryDraft, FeedDraft, TextValue } from './feed-types.ts';

type RssItem = RssFeed.Item<string>;
type RdfItem = RdfFeed.Item<string>;

/** An RSS 0.9x/2.0 feed as a draft. */
export function readRss(feed: RssFeed.Feed<string>): FeedDraft {
  return {
    format: 'rss',
    ...optionalText('title', feed.title ?? feed.dc?.titles?.[0]),
    siteLinks: present([feed.link, ...alternateLinks(feed.atom?.links)]),
    ...optional('base', feed.xml?.base),
    ...optional('language', feed.language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang),
    authors: [],
    entries: (feed.items ?? []).map(readRssItem),
  };
}

/** An RDF (RSS 1.0 / 0.90) feed as a draft. */
export function readRdf(feed: RdfFeed.Feed<string>): FeedDraft {
  return {
    format: 'rdf',
    ...optionalText('title', feed.title ?? feed.dc?.titles?.[0]),
    siteLinks: present([feed.link]),
    ...optional('base', feed.xml?.base),
    ...optional('language', feed.dc?.languages?.[0] ?? feed.xml?.lang),
    authors: [],
    entries: (feed.items ?? []).map(readRdfItem),
  };
}

function readRssItem(item: RssItem): EntryDraft {
  const guid = item.guid?.value;
  // A guid is the item's address unless it says isPermaLink="false" (RSS 2.0's default is true).
  const guidLink =
    guid !== undefined && item.guid?.isPermaLink !== false && /^https?:/i.test(guid) ? guid : undefined;
  return {
    ...optional('guid', guid),
    links: present([item.link, ...alternateLinks(item.atom?.links), guidLink]),
    ...optional('base', item.xml?.base),
    ...optionalText(
      'title',
      item.title ?? item.dc?.titles?.[0] ?? item.atom?.title?.value ?? item.media?.title?.value,
    ),
    authors: present([
      ...(item.authors ?? []).map((person) => person.name ?? person.email),
      ...(item.dc?.creators ?? []),
      item.itunes?.author,
      ...(item.atom?.authors ?? []).map((person) => person.name ?? person.email),
    ]),
    published: present([item.pubDate, ...dublinCoreIssued(item.dc, item.dcterms), item.atom?.published]),
    updated: present([...(item.dcterms?.modified ?? []), item.atom?.updated]),
    ...htmlValue(
      'summary',
      item.description ??
        item.dc?.descriptions?.[0] ??
        item.itunes?.summary ??
        item.media?.description?.value,
    ),
    ...htmlValue('content', item.content?.encoded ?? item.atom?.content?.value),
    ...optional('language', item.dc?.languages?.[0] ?? item.xml?.lang),
    categories: present([
      ...(item.categories ?? []).map((category) => category.name),
      ...(item.dc?.subjects ?? []),
    ]),
  };
}

function readRdfItem(item: RdfItem): EntryDraft {
  return {
    ...optional('guid', item.rdf?.about),
    links: present([item.link, item.rdf?.about]),
    ...optional('base', item.xml?.base),
    ...optionalText('title', item.title ?? item.dc?.titles?.[0]),
    authors: present(item.dc?.creators ?? []),
    published: present(dublinCoreIssued(item.dc, item.dcterms)),
    updated: present(item.dcterms?.modified ?? []),
    ...htmlValue('summary', item.description ?? item.dc?.descriptions?.[0]),
    ...htmlValue('content', item.content?.encoded),
    ...optional('language', item.dc?.languages?.[0] ?? item.xml?.lang),
    categories: present(item.dc?.subjects ?? []),
  };
}

/** dc:date, dcterms:issued, dcterms:created: the dates that mean "published". */
function dublinCoreIssued(dc?: DcNs.ItemOrFeed<string>, dcterms?: DcTermsNs.ItemOrFeed<string>): string[] {
  return [
    ...(dc?.dates ?? []),
    ...(dcterms?.issued ?? []),
    ...(dcterms?.created ?? []),
    ...(dcterms?.dates ?? []),
  ];
}

/** The href of `rel="alternate"` (or rel-less) atom:links. */
export function alternateLinks(links: AtomNs.Entry<string>['links']): (string | undefined)[] {
  return (links ?? [])
    .filter((link) => link.rel === undefined || link.rel === 'alternate')
    .map((link) => link.href);
}

/** The defined, non-blank strings of `values`, trimmed. */
export function present(values: (string | undefined)[]): string[] {
  const kept: string[] = [];
  for (const value of values) if (value !== undefined && value.trim() !== '') kept.push(value.trim());
  return kept;
}

/** `{ [key]: value }` when value is defined, else `{}` (keeps optional fields absent rather than undefined). */
export function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** An RSS title: markup only if it looks like markup (RSS never said). */
function optionalText<K extends string>(key: K, value: string | undefined): { [P in K]?: TextValue } {
  return (value === undefined ? {} : { [key]: { value, kind: 'guess' } }) as { [P in K]?: TextValue };
}

/** An RSS description or content:encoded: always HTML. */
function htmlValue<K extends string>(key: K, value: string | undefined): { [P in K]?: TextValue } {
  return (value === undefined ? {} : { [key]: { value, kind: 'html' } }) as { [P in K]?: TextValue };
}
