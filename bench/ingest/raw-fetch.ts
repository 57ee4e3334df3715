/**
 * The raw HTTP baseline: every bench feed fetched with undici alone, as many at a time as a fetch pass
 * fetches, each from its own host name as in the pass (so each opens its own connection), the body
 * read to the end and dropped: no address guard, no parsing, no store. What the fetch pass costs
 * beyond this is wirewatch's own work. With `etags`, each request is conditional, as pass 2's are.
 */
import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { feedUrl } from './bench-feeds.ts';

/** What one raw round got. */
export interface RawFetchResult {
  ms: number;
  requests: number;
  ok: number;
  notModified: number;
  bodyBytes: number;
  /** The ETag each feed answered with, by feed index. */
  etags: string[];
}

// Every bench host name is 127.0.0.1; anything else is refused, so the baseline cannot leave the machine.
const benchLookup: LookupFunction = (hostname, options, callback) => {
  if (!/^feed-\d+\.bench\.test$/.test(hostname)) {
    callback(new Error(`raw bench fetch: ${hostname} is not a bench host`), '', 4);
    return;
  }
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/** Fetches feeds 0..feeds-1 from the fixture server on `port`, `concurrency` at a time. */
export async function fetchFeedsRaw(options: {
  port: number;
  feeds: number;
  concurrency: number;
  etags?: readonly string[];
}): Promise<RawFetchResult> {
  const agent = new Agent({ connect: { lookup: benchLookup } });
  const result: RawFetchResult = { ms: 0, requests: 0, ok: 0, notModified: 0, bodyBytes: 0, etags: [] };
  let next = 0;
  const worker = async () => {
    while (next < options.feeds) {
      const feed = next++;
      const etag = options.etags?.[feed];
      const response = await request(feedUrl(options.port, feed), {
        dispatcher: agent,
        headers: etag ? { 'if-none-match': etag } : {},
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      result.requests++;
      if (response.statusCode === 200) result.ok++;
      else if (response.statusCode === 304) result.notModified++;
      else throw new Error(`raw bench fetch of feed ${feed}: HTTP ${response.statusCode}`);
      result.bodyBytes += body.length;
      result.etags[feed] = String(response.headers.etag ?? '');
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.feeds) }, worker));
    result.ms = performance.now() - started;
  } finally {
    await agent.close();
  }
  return result;
}
