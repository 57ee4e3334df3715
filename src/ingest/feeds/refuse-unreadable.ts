/**
 * Turns feedsmith's refusals into errors a person can act on: an HTML page (with the feeds it links
 * to), JSON that is not a JSON Feed, another XML document, or broken XML with where it broke.
 */
import { DetectError, MalformedError, ParseError } from 'feedsmith';
import { AppError } from '../../core/errors.ts';
import { discoverFeeds } from './discover-feeds.ts';
import { findXmlError } from './find-xml-error.ts';

/** How many discovered feed addresses an error message names. */
const namedFeeds = 3;

/** The AppError for a document feedsmith could not read (other errors are returned unchanged). */
export function refuseUnreadable(error: unknown, text: string, url: string): unknown {
  if (error instanceof MalformedError || error instanceof ParseError) return malformed(error, text, url);
  if (!(error instanceof DetectError)) return error;
  const head = text.slice(0, 4096).trimStart();
  if (/^(<!--[\s\S]*?-->\s*)*<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(head)) {
    const feeds = discoverFeeds(text, url).slice(0, namedFeeds);
    const hint =
      feeds.length === 0 ? 'it links to no feed' : `it links to ${feeds.map((feed) => feed.url).join(', ')}`;
    return new AppError('FEED_NOT_A_FEED', `${url} is an HTML page, not a feed (${hint})`, { cause: error });
  }
  if (head.startsWith('{') || head.startsWith('[')) {
    try {
      JSON.parse(text);
    } catch (jsonError) {
      return new AppError('FEED_MALFORMED', `${url} is not valid JSON: ${(jsonError as Error).message}`, {
        cause: jsonError,
      });
    }
    return new AppError(
      'FEED_NOT_A_FEED',
      `${url} is JSON but not a JSON Feed (no jsonfeed.org "version" and "items")`,
      {
        cause: error,
      },
    );
  }
  if (head.startsWith('<')) {
    const root = /<([A-Za-z_][\w:.-]*)/.exec(head.replace(/<[?!][\s\S]*?>/g, ''))?.[1];
    const problem = findXmlError(text);
    if (root === undefined && problem !== null) return malformed(error, text, url);
    return new AppError(
      'FEED_NOT_A_FEED',
      `${url} is XML with the root element <${root ?? '?'}>, not an RSS, Atom or RDF feed`,
      { cause: error },
    );
  }
  return new AppError('FEED_NOT_A_FEED', `${url} is neither XML nor JSON, so it is not a feed`, {
    cause: error,
  });
}

function malformed(error: Error, text: string, url: string): AppError {
  const problem = findXmlError(text);
  if (problem === null) {
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    return new AppError('FEED_MALFORMED', `the feed at ${url} could not be parsed: ${detail}`, {
      cause: error,
    });
  }
  return new AppError(
    'FEED_MALFORMED',
    `the feed at ${url} is not well-formed XML: ${problem.message} (line ${problem.line}, column ${problem.column})`,
    { cause: error, location: { line: problem.line, column: problem.column } },
  );
}
