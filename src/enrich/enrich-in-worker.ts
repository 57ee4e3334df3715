/**
 * Enrichment in a worker thread (`createWorkerEnricher`), for the server: matching a batch of 500
 * articles against the gazetteer costs a few hundred milliseconds of CPU, which on the thread that
 * serves the desk would stall every request for as long. The worker builds its Enricher once from
 * the gazetteer it is started with and enriches batch after batch; the archive is read and written
 * on the calling thread as before, so an article's findings are still saved whole with its version.
 *
 * - Batches run one at a time, in the order asked.
 * - A batch past `timeoutMs` gets the worker terminated and rejects with ENRICH_WORKER_FAILED, as does
 *   a worker that dies or cannot start; after that the enricher is spent and every later batch
 *   rejects at once (the caller builds a new one: enrich-after-ingest.ts drops it from its cache).
 * - An idle worker does not keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../core/errors.ts';
import { deserializeError } from '../core/thread-errors.ts';
import type { ArticleEnrichment, ArticleToEnrich, StoredEntity } from '../store/enrichment.ts';
import type { EnrichReply, EnrichRequest, EnrichWorkerData } from './enrich-worker.ts';
import type { Enricher } from './enricher.ts';

/** A plain module that registers tsx, then loads enrich-worker.ts. */
const workerUrl = new URL('./enrich-worker-entry.mjs', import.meta.url);

/** How long one batch may take by default: 500 articles at the 100,000-character cap take seconds, not minutes. */
export const defaultEnrichBatchTimeoutMs = 120_000;

/** An enricher that takes a batch at a time and answers later (in a worker, or at once). */
export interface BatchEnricher {
  readonly version: number;
  enrichBatch(articles: ArticleToEnrich[]): Promise<ArticleEnrichment[]>;
  /** Frees what it holds (a worker thread); later batches reject. */
  close(): Promise<void>;
}

/** A synchronous Enricher as a BatchEnricher on the calling thread (the CLI's commands). */
export function onThisThread(enricher: Enricher): BatchEnricher {
  return {
    version: enricher.version,
    enrichBatch: async (articles) => articles.map((article) => enricher.enrich(article)),
    close: async () => {},
  };
}

interface Job {
  id: number;
  articles: ArticleToEnrich[];
  resolve: (findings: ArticleEnrichment[]) => void;
  reject: (error: Error) => void;
}

/** Starts a worker that enriches with the gazetteer `entities` at `version`. */
export function createWorkerEnricher(
  entities: readonly StoredEntity[],
  version: number,
  options: { timeoutMs?: number } = {},
): BatchEnricher {
  const timeoutMs = options.timeoutMs ?? defaultEnrichBatchTimeoutMs;
  const worker = new Worker(workerUrl, {
    name: 'wirewatch-enrich',
    workerData: { entities: [...entities], version } satisfies EnrichWorkerData,
    resourceLimits: { maxOldGenerationSizeMb: 1_024 },
  });
  const queue: Job[] = [];
  let current: Job | null = null;
  let timer: NodeJS.Timeout | null = null;
  let ready = false;
  /** Set once the worker is gone for good: every batch after it rejects with this. */
  let spent: AppError | null = null;
  let workerError: Error | null = null;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  function fail(error: AppError): void {
    if (spent) return;
    spent = error;
    if (timer) clearTimeout(timer);
    timer = null;
    const jobs = current ? [current, ...queue.splice(0)] : queue.splice(0);
    current = null;
    for (const job of jobs) job.reject(error);
    void worker.terminate();
  }

  function pump(): void {
    if (spent || !ready || current || queue.length === 0) {
      if (!current && queue.length === 0) worker.unref();
      return;
    }
    worker.ref();
    const job = queue.shift()!;
    current = job;
    timer = setTimeout(
      () =>
        fail(
          new AppError(
            'ENRICH_WORKER_FAILED',
            `enriching a batch of ${job.articles.length} articles took longer than ${timeoutMs.toLocaleString('en')} ms, so the enrichment worker was stopped`,
          ),
        ),
      timeoutMs,
    );
    try {
      worker.postMessage({ id: job.id, articles: job.articles } satisfies EnrichRequest);
    } catch (error) {
      // Articles that cannot be copied to the worker: the caller's bug, reported as it is.
      clearTimeout(timer);
      timer = null;
      current = null;
      job.reject(error as Error);
      pump();
    }
  }

  worker.on('message', (message: EnrichReply) => {
    if (message.type === 'ready') {
      ready = true;
    } else if (message.type === 'start-failed') {
      fail(
        new AppError(
          'ENRICH_WORKER_FAILED',
          `the enrichment worker could not build its enricher: ${deserializeError(message.error).message}`,
        ),
      );
      return;
    } else if (current?.id === message.id) {
      const job = current;
      current = null;
      if (timer) clearTimeout(timer);
      timer = null;
      if (message.type === 'enriched') job.resolve(message.findings);
      else job.reject(deserializeError(message.error));
    }
    pump();
  });
  worker.on('error', (error) => {
    workerError = error;
  });
  worker.on('exit', (code) => {
    fail(
      new AppError(
        'ENRICH_WORKER_FAILED',
        `the enrichment worker stopped (exit code ${code}${workerError ? `: ${workerError.message}` : ''})`,
        workerError ? { cause: workerError } : {},
      ),
    );
  });

  let nextId = 1;
  return {
    version,
    enrichBatch(articles) {
      if (spent) return Promise.reject(spent);
      return new Promise<ArticleEnrichment[]>((resolve, reject) => {
        queue.push({ id: nextId++, articles, resolve, reject });
        pump();
      });
    },
    async close() {
      fail(new AppError('ENRICH_WORKER_FAILED', 'the enrichment worker was closed'));
      await exited;
    },
  };
}
