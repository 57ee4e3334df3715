/**
 * An enrichment worker (enrich-in-worker.ts): builds one Enricher (with the name recogniser) from the
 * gazetteer it is given at start (workerData) and enriches the batches of articles it is sent, one at a time, so that the
 * CPU-bound matching never holds the thread that serves requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type SerializedError, serializeError } from '../core/thread-errors.ts';
import type { ArticleEnrichment, ArticleToEnrich, StoredEntity } from '../store/enrichment.ts';
import { createEnricher, type Enricher } from './enricher.ts';
import { loadMorphology } from './recognise/morphology.ts';

/** What the worker is started with. */
export interface EnrichWorkerData {
  entities: StoredEntity[];
  version: number;
}

/** A batch sent to the worker. */
export interface EnrichRequest {
  id: number;
  articles: ArticleToEnrich[];
}

/** Messages from the worker. */
export type EnrichReply =
  | { type: 'ready' }
  | { type: 'start-failed'; error: SerializedError }
  | { type: 'enriched'; id: number; findings: ArticleEnrichment[] }
  | { type: 'failed'; id: number; error: SerializedError };

function reply(enricher: Enricher, request: EnrichRequest): EnrichReply {
  try {
    return { type: 'enriched', id: request.id, findings: request.articles.map((a) => enricher.enrich(a)) };
  } catch (error) {
    return { type: 'failed', id: request.id, error: serializeError(error) };
  }
}

const port = parentPort;
if (port) {
  const data = workerData as EnrichWorkerData;
  try {
    const enricher = createEnricher(data.entities, data.version, undefined, await loadMorphology());
    port.on('message', (request: EnrichRequest) =>
      port.postMessage(reply(enricher, request) satisfies EnrichReply),
    );
    port.postMessage({ type: 'ready' } satisfies EnrichReply);
  } catch (error) {
    port.postMessage({ type: 'start-failed', error: serializeError(error) } satisfies EnrichReply);
  }
}
