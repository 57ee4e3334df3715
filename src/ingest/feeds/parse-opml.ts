/**
 * Reads an OPML subscription list (OPML 1.0/2.0, as feed readers export them) into the feeds it names.
 *
 * Folders (outlines without an xmlUrl that hold others) and the OPML 2.0 `category` attribute both
 * become categories. Entries that cannot be subscribed to are reported, not dropped silently: a
 * missing or non-http(s) xmlUrl, or the same feed twice.
 */
import { MalformedError, ParseError, parseOpml as parseOpmlDocument, type Opml } from 'feedsmith';
import { AppError } from '../../core/errors.ts';
import { collapseWhitespace } from '../sanitize/html-text.ts';
import { findXmlError } from './find-xml-error.ts';
import { removeDoctype } from './remove-doctype.ts';
import { resolveHttpUrl } from './resolve-url.ts';

/** A feed an OPML file subscribes to. */
export interface OpmlFeed {
  /** The outline's text (or title), plain; the feed URL when it has neither. */
  title: string;
  /** Absolute http(s) address of the feed. */
  xmlUrl: string;
  /** The site's address, when given and http(s). */
  htmlUrl?: string;
  /** The first category as a `/`-joined path (`News/Russia`), when there is one. */
  category?: string;
  /** Every category path: the folders the outline sits in, then its `category` attribute's paths. */
  categories: string[][];
}

/** An outline that was not taken, and why. */
export interface OpmlSkipped {
  title: string;
  xmlUrl?: string;
  reason: 'no-xml-url' | 'not-http' | 'duplicate';
}

/** What an OPML file holds. */
export interface OpmlDocument {
  title?: string;
  feeds: OpmlFeed[];
  skipped: OpmlSkipped[];
}

/** Folders nested deeper than this are read as if at this depth (a real list has two or three). */
const maxFolderDepth = 32;

type Outline = Opml.Outline<string>;

/** Parses OPML text. Throws OPML_MALFORMED (broken XML, with line and column) or OPML_NOT_OPML. */
export function parseOpml(text: string): OpmlDocument {
  const { text: xml } = removeDoctype(text.replace(/^\ufeff/, ''));
  if (xml.trim() === '') throw new AppError('OPML_NOT_OPML', 'the OPML file is empty');
  let document: Opml.Document<string>;
  try {
    document = parseOpmlDocument(xml);
  } catch (error) {
    throw refuse(error, xml);
  }
  const problem = findXmlError(xml);
  if (problem !== null) {
    throw new AppError(
      'OPML_MALFORMED',
      `the OPML file is not well-formed XML: ${problem.message} (line ${problem.line}, column ${problem.column})`,
      {
        location: { line: problem.line, column: problem.column },
      },
    );
  }
  const feeds: OpmlFeed[] = [];
  const skipped: OpmlSkipped[] = [];
  const seen = new Set<string>();
  const visit = (outlines: Outline[] | undefined, folders: string[]): void => {
    for (const outline of outlines ?? []) {
      const title = collapseWhitespace(outline.text ?? outline.title ?? '');
      const rawUrl = outline.xmlUrl?.trim();
      if (rawUrl === undefined || rawUrl === '') {
        if (outline.outlines !== undefined) {
          visit(
            outline.outlines,
            folders.length < maxFolderDepth && title !== '' ? [...folders, title] : folders,
          );
        } else if (isFeedType(outline.type)) {
          skipped.push({ title, reason: 'no-xml-url' });
        }
        continue;
      }
      const xmlUrl = resolveHttpUrl(rawUrl, 'http://invalid.invalid/');
      if (xmlUrl === undefined || !/^https?:\/\//i.test(rawUrl)) {
        skipped.push({ title, xmlUrl: rawUrl, reason: 'not-http' });
        continue;
      }
      if (seen.has(xmlUrl)) {
        skipped.push({ title, xmlUrl, reason: 'duplicate' });
        continue;
      }
      seen.add(xmlUrl);
      const categories = [...(folders.length > 0 ? [folders] : []), ...categoryPaths(outline.category)];
      const htmlUrl = outline.htmlUrl === undefined ? undefined : resolveHttpUrl(outline.htmlUrl, xmlUrl);
      feeds.push({
        title: title !== '' ? title : xmlUrl,
        xmlUrl,
        ...(htmlUrl === undefined ? {} : { htmlUrl }),
        ...(categories[0] === undefined ? {} : { category: categories[0].join('/') }),
        categories,
      });
      // Some exports nest items under a feed outline; those are not subscriptions.
    }
  };
  visit(document.body?.outlines, []);
  const title = document.head?.title === undefined ? undefined : collapseWhitespace(document.head.title);
  return { ...(title ? { title } : {}), feeds, skipped };
}

/** OPML 2.0's category attribute: comma-separated, each a `/`-separated path (`/Boston/Weather`). */
function categoryPaths(attribute: string | undefined): string[][] {
  if (attribute === undefined) return [];
  return attribute
    .split(',')
    .map((path) =>
      path
        .split('/')
        .map(collapseWhitespace)
        .filter((part) => part !== ''),
    )
    .filter((path) => path.length > 0);
}

function isFeedType(type: string | undefined): boolean {
  return type !== undefined && /^(rss|atom|feed)$/i.test(type.trim());
}

function refuse(error: unknown, xml: string): unknown {
  if (error instanceof MalformedError) {
    const problem = findXmlError(xml);
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    const where =
      problem === null
        ? ` (${detail})`
        : `: ${problem.message} (line ${problem.line}, column ${problem.column})`;
    return new AppError('OPML_MALFORMED', `the OPML file is not well-formed XML${where}`, {
      cause: error,
      ...(problem === null ? {} : { location: { line: problem.line, column: problem.column } }),
    });
  }
  if (error instanceof ParseError) {
    const problem = findXmlError(xml);
    if (problem !== null) {
      return new AppError(
        'OPML_MALFORMED',
        `the OPML file is not well-formed XML: ${problem.message} (line ${problem.line}, column ${problem.column})`,
        {
          cause: error,
          location: { line: problem.line, column: problem.column },
        },
      );
    }
    const root = /<([A-Za-z_][\w:.-]*)/.exec(xml.replace(/<[?!][\s\S]*?>/g, ''))?.[1];
    return new AppError(
      'OPML_NOT_OPML',
      `this is not OPML: the root element is <${root ?? '?'}>, not <opml>`,
      { cause: error },
    );
  }
  return error;
}
