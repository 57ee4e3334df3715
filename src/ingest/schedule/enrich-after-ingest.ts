/**
 * Enrichment on ingest: after an import, a fetch pass, an added page or the server's background
 * pass, the archive's gazetteer is checked (src/enrich/archive-gazetteer.ts) and every article behind its
 * version is enriched. The articles are already stored when this runs, so a failure here never
 * undoes or fails the ingest: it comes back as data for the caller to report, and the next ingest
 * (or `wirewatch enrich`) picks up what is still behind.
 */
import { describeError, isAppError } from '../../core/errors.ts';
import { enrichArchive, loadEnricher } from '../../enrich/enrich-archive.ts';
import { type BatchEnricher, createWorkerEnricher } from '../../enrich/enrich-in-worker.ts';
import type { Enricher } from '../../enrich/enricher.ts';
import type { Store } from '../../store/store.ts';
import { ensureArchiveGazetteer } from '../../enrich/archive-gazetteer.ts';

/** What enrichment after an ingest did. */
export type IngestEnrichment =
  | {
      ok: true;
      enriched: number;
      seconds: number;
      /** The gazetteer version the articles were enriched under. */
      version: number;
      /** True when the shipped gazetteer was (re)loaded first (a new archive, a new release). */
      gazetteerLoaded: boolean;
      /** True when `signal` stopped it between batches: what is left is enriched by the next run. */
      stopped: boolean;
    }
  | {
      ok: false;
      /** The error's code (INTERNAL for one that is not ours) and a message fit to show. */
      code: string;
      message: string;
    };

/**
 * Keeps the enricher between calls while the gazetteer version stays the same (the server's
 * passes), so that each pass does not rebuild the mention matcher (~0.4 s for the shipped gazetteer).
 * With `inWorker`, the enricher runs in a worker thread (enrich-in-worker.ts), so a server's passes
 * never hold the thread that answers requests; the cache's owner closes it when done
 * (closeEnricherCache).
 */
export interface EnricherCache {
  enricher?: Enricher | BatchEnricher;
  inWorker?: boolean;
}

/** Frees the cache's enricher (its worker thread, if any). */
export async function closeEnricherCache(cache: EnricherCache): Promise<void> {
  const { enricher } = cache;
  cache.enricher = undefined;
  if (enricher && 'close' in enricher) await enricher.close();
}

/** The enricher for the archive's gazetteer, on this thread or (cache.inWorker) in a worker. */
async function buildEnricher(
  store: Store,
  cache: EnricherCache | undefined,
): Promise<Enricher | BatchEnricher> {
  if (!cache?.inWorker) return loadEnricher(store);
  const version = await store.enrichment.gazetteerVersion();
  return createWorkerEnricher(await store.enrichment.listEntities(), version);
}

/** Options of enrichAfterIngest. */
export interface EnrichAfterIngestOptions {
  /** Called once the number of articles behind is known, before the first batch (for a progress bar). */
  onStart?: (behind: number) => void;
  /** Called after each batch with the articles enriched so far. */
  onProgress?: (enriched: number) => void;
  cache?: EnricherCache;
  /**
   * Stops the run after the batch in progress (a server shutting down): catching up a big archive
   * after a new gazetteer can take minutes, and a stop must not wait for all of it.
   */
  signal?: AbortSignal;
}

/** Thrown between batches to leave enrichArchive's loop once a batch is written (it has no stop of its own). */
class EnrichmentStopped extends Error {}

/** Checks the gazetteer and enriches what is behind; never throws (see IngestEnrichment). */
export async function enrichAfterIngest(
  store: Store,
  options: EnrichAfterIngestOptions = {},
): Promise<IngestEnrichment> {
  try {
    const gazetteer = await ensureArchiveGazetteer(store);
    let enricher = options.cache?.enricher;
    if (enricher === undefined || enricher.version !== gazetteer.version) {
      if (options.cache) await closeEnricherCache(options.cache);
      enricher = await buildEnricher(store, options.cache);
      if (options.cache) options.cache.enricher = enricher;
    }
    // Counting costs a pass over the articles: only when someone draws a bar with it.
    if (options.onStart) options.onStart(await store.enrichment.countToEnrich(enricher.version));
    const started = performance.now();
    let enriched = 0;
    try {
      const run = await enrichArchive(store, {
        enricher,
        onProgress: (done) => {
          enriched = done;
          options.onProgress?.(done);
          // enrichArchive calls this after a batch is written, so stopping here loses nothing.
          if (options.signal?.aborted) throw new EnrichmentStopped();
        },
      });
      return { ok: true, ...run, gazetteerLoaded: gazetteer.loaded, stopped: false };
    } catch (error) {
      if (!(error instanceof EnrichmentStopped)) throw error;
      const seconds = (performance.now() - started) / 1000;
      const version = enricher.version;
      return { ok: true, enriched, seconds, version, gazetteerLoaded: gazetteer.loaded, stopped: true };
    }
  } catch (error) {
    // A spent worker (or a broken gazetteer) is not kept: the next run builds afresh.
    if (options.cache) await closeEnricherCache(options.cache);
    const code = isAppError(error) ? error.code : 'INTERNAL';
    const message = describeError(error).slice(code.length + 2);
    return { ok: false, code, message };
  }
}

/** One line for a command's summary or a log: how many were enriched, or why enrichment failed. */
export function describeIngestEnrichment(result: IngestEnrichment): string {
  if (!result.ok)
    return `enrichment failed (${result.code}: ${result.message}); the articles are archived and searchable by their words, and the next import, fetch or \`wirewatch enrich\` enriches them`;
  const loaded = result.gazetteerLoaded ? `; loaded the shipped gazetteer (version ${result.version})` : '';
  const articles = result.enriched === 1 ? '1 article' : `${result.enriched} articles`;
  const stopped = result.stopped ? ' (stopped before the end; the next run enriches the rest)' : '';
  return `${articles} enriched in ${result.seconds.toFixed(1)} s${loaded}${stopped}`;
}
