/**
 * The enrichment step of the ingest commands (import, fetch, add-url): what is behind enriched after
 * the articles are stored, with the progress bar of `wirewatch enrich` on a terminal. It never throws:
 * the ingest already succeeded, so a failure comes back to be reported (enrich-after-ingest.ts).
 */
import { enrichAfterIngest, type IngestEnrichment } from '../ingest/schedule/enrich-after-ingest.ts';
import type { Store } from '../store/store.ts';
import { createDelayedProgressBar, type DelayedProgressBar } from './progress-bar.ts';

/** Enriches what is behind in `store`, drawing a bar when it lasts. */
export async function enrichIngested(store: Store): Promise<IngestEnrichment> {
  let bar: DelayedProgressBar | undefined;
  try {
    return await enrichAfterIngest(store, {
      // The count costs a pass over the articles; only worth it where a bar can be drawn.
      ...(process.stderr.isTTY
        ? { onStart: (behind: number) => (bar = createDelayedProgressBar('enriching', behind)) }
        : {}),
      onProgress: (done) => bar?.update(done),
    });
  } finally {
    bar?.stop();
  }
}
