/**
 * What `wirewatch sources add URL` follows: the URL itself when it is a feed, else the feed its page
 * links to (`<link rel="alternate" type="application/rss+xml">` and kin), checked by fetching and
 * reading it before anything is stored. A page that links to no feed is a clear error, not a guess.
 */
import { AppError, isAppError } from '../../core/errors.ts';
import { discoverFeeds } from '../feeds/discover-feeds.ts';
import type { ParsedFeed } from '../feeds/feed-types.ts';
import { parseFeed } from '../feeds/parse-feed.ts';
import { decodeBody } from '../fetch/decode-body.ts';
import type { FetchClient } from '../fetch/fetch-client.ts';
import type { FetchedResource } from '../fetch/fetch-options.ts';

/** A feed found and read. */
export interface ResolvedFeed {
  feedUrl: string;
  feed: ParsedFeed;
  /** The page the feed was found on, when the URL given was a page. */
  discoveredOn?: string;
}

/** Finds and reads the feed at or behind `url`. */
export async function resolveFeed(
  client: FetchClient,
  url: string,
  now: Date = new Date(),
): Promise<ResolvedFeed> {
  const response = await client.fetchResource(url);
  try {
    return { feedUrl: response.finalUrl, feed: readFeed(response, now) };
  } catch (error) {
    if (!isAppError(error, 'FEED_NOT_A_FEED')) throw error;
    const { text } = decodeBody({
      body: response.body,
      contentType: response.contentType,
      ...(response.charset ? { charset: response.charset } : {}),
    });
    const [first] = discoverFeeds(text, response.finalUrl);
    if (first === undefined)
      throw new AppError(
        'SUBSCRIPTION_NO_FEED',
        `${response.finalUrl} is a web page that links to no feed; give the address of its RSS, Atom or JSON feed`,
      );
    const feedResponse = await client.fetchResource(first.url);
    return {
      feedUrl: feedResponse.finalUrl,
      feed: readFeed(feedResponse, now),
      discoveredOn: response.finalUrl,
    };
  }
}

function readFeed(response: FetchedResource, fetchedAt: Date): ParsedFeed {
  return parseFeed({
    body: response.body,
    url: response.finalUrl,
    contentType: response.headers['content-type'],
    fetchedAt,
  });
}
