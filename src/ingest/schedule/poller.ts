/**
 * The server's background fetching: every `tickMs` it asks the archive which feeds are due and
 * fetches them (runFetchPass, which places the new articles into story clusters), then enriches
 * what is behind (enrich-after-ingest.ts); once an hour it prunes the story-cluster index to its
 * window. Passes never overlap: a tick that comes while one runs is skipped. A pass that fails as a
 * whole (the archive went away) is logged and the next tick tries again; one feed's failure is
 * already that feed's own record, and a failed enrichment is logged and retried after the next
 * pass that brings articles. stop() waits for the pass in flight (its enrichment stops after the
 * batch in progress), so a server shutting down never closes the archive under a write.
 */
import type { Store } from '../../store/store.ts';
import { deliverDueWebhooks, describeDeliveryPass } from '../../watch/deliveries/deliver-webhooks.ts';
import type { WebhookSender } from '../../watch/deliveries/webhook-sender.ts';
import { matchAfterIngest, prepareMatching } from '../../watch/searches/match-saved-searches.ts';
import { clusterWindowDays } from '../cluster/place-articles.ts';
import type { FetchClient } from '../fetch/fetch-client.ts';
import { type FetchPassSummary, runFetchPass } from '../poll/fetch-pass.ts';
import {
  closeEnricherCache,
  describeIngestEnrichment,
  type EnricherCache,
  enrichAfterIngest,
} from './enrich-after-ingest.ts';

/** Feeds taken per pass at most (the most overdue first); the rest wait for the next tick. */
const maxFeedsPerPass = 100;

/** How often the story-cluster index is pruned of articles older than clusterWindowDays. */
const pruneEveryMs = 60 * 60 * 1000;

/** How the poller reports. */
export interface PollerLog {
  info(message: string): void;
  error(message: string): void;
}

/** A running poller. */
export interface Poller {
  /** Runs one pass now unless one is running (tests and `wirewatch serve` at start). */
  pollNow(): Promise<FetchPassSummary | null>;
  /** Stops ticking and waits for the pass in flight. */
  stop(): Promise<void>;
}

/** Starts polling `store`'s due feeds through `client`. */
export function startPoller(options: {
  store: Store;
  client: FetchClient;
  tickMs: number;
  log: PollerLog;
  now?: () => Date;
  /** Enrich the new articles after each pass (default true). */
  enrich?: boolean;
  /** Enrich in a worker thread (default true); false keeps it on this thread. */
  enrichInWorker?: boolean;
  /** Posts saved searches' alerts to their webhooks after each pass (none: they stay queued). */
  webhooks?: WebhookSender;
}): Poller {
  const now = options.now ?? (() => new Date());
  let running: Promise<FetchPassSummary | null> | null = null;
  let stopped = false;
  let prunedAt = 0;
  // In a worker thread: the poller runs inside the server, whose thread answers requests.
  const enricherCache: EnricherCache = { inWorker: options.enrichInWorker ?? true };
  const stopping = new AbortController();
  // Until one enrichment has run, a pass enriches even when it brought nothing, so that what an
  // earlier run left behind (a failure, a new release's gazetteer) is caught up once after a start.
  let caughtUp = false;

  const pollNow = (): Promise<FetchPassSummary | null> => {
    if (stopped) return Promise.resolve(null);
    if (running) return running;
    running = (async () => {
      try {
        if (now().getTime() - prunedAt >= pruneEveryMs) {
          prunedAt = now().getTime();
          const before = new Date(prunedAt - clusterWindowDays * 86_400_000).toISOString();
          const pruned = await options.store.clusters.pruneIndex(before);
          if (pruned > 0)
            options.log.info(`story index: forgot the keys of ${pruned} articles from before ${before}`);
        }
        const due = await options.store.subscriptions.due(now(), maxFeedsPerPass);
        if (due.length === 0) {
          // No feed due: what arrived otherwise (the API, an import into the same archive) is matched.
          await matchAndDeliver();
          return null;
        }
        const summary = await runFetchPass(options.store, options.client, due, { now });
        options.log.info(
          `fetched ${summary.feeds} due feeds: ${summary.newArticles} new articles, ${summary.notModified} not modified, ${summary.failed} failed`,
        );
        if (summary.newArticles > 0) {
          // The saved searches' tokenizing starts now, on its workers, while enrichment runs.
          const unprepared = await prepareMatching(options.store);
          if (unprepared !== null) options.log.error(unprepared);
        }
        if (options.enrich !== false && (summary.newArticles > 0 || !caughtUp)) {
          const enrichment = await enrichAfterIngest(options.store, {
            cache: enricherCache,
            signal: stopping.signal,
          });
          if (enrichment.ok) {
            caughtUp = !enrichment.stopped;
            if (enrichment.enriched > 0) options.log.info(describeIngestEnrichment(enrichment));
          } else options.log.error(describeIngestEnrichment(enrichment));
        }
        // Saved searches after enrichment, every pass: articles posted through the API are matched too.
        await matchAndDeliver();
        return summary;
      } catch (error) {
        options.log.error(
          `a fetch pass failed, the next tick tries again: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  /** Saved searches after enrichment, every pass (articles posted through the API too), then their webhooks. */
  async function matchAndDeliver(): Promise<void> {
    const matched = await matchAfterIngest(options.store);
    if (matched !== null) options.log.info(matched);
    if (options.webhooks === undefined) return;
    try {
      const delivered = describeDeliveryPass(
        await deliverDueWebhooks(options.store, options.webhooks, { now }),
      );
      if (delivered !== null) options.log.info(delivered);
    } catch (error) {
      options.log.error(
        `webhook deliveries failed this pass (they stay queued): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  const timer = setInterval(() => void pollNow(), options.tickMs);
  timer.unref();
  return {
    pollNow,
    async stop() {
      stopped = true;
      stopping.abort();
      clearInterval(timer);
      if (running) await running;
      await closeEnricherCache(enricherCache);
    },
  };
}
