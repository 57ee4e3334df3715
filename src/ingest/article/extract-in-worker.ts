/**
 * extractArticle in worker threads, with a hard stop (`createArticleExtractor`).
 *
 * Readability is synchronous and CPU-bound: tens of milliseconds for a news page, but seconds for a
 * hostile one near the page limits (a 48,000-tag page of small nested blocks took 12 s on this
 * machine). On the thread that serves the web desk that would stall every request; in a worker it
 * stalls only that worker, and a page over the time limit gets its worker terminated.
 *
 * - Workers start on the first page, not before (a command that reads no page pays nothing), up to
 *   `workers`; pages wait in a queue, first come first served, while every worker is busy.
 * - A page's time limit starts when its worker takes it (not while it waits, not while the worker
 *   starts). Past it the worker is terminated, the page rejects with ARTICLE_EXTRACT_TIMEOUT, and a
 *   new worker takes the pages still waiting.
 * - An AppError thrown in a worker (the ARTICLE_* errors of extractArticle) arrives with the same code,
 *   message and location; any other error arrives as an Error with the worker's message.
 * - A worker that dies (uncaught error, out of memory) fails only its page, with ARTICLE_EXTRACT_FAILED,
 *   and is replaced. A worker that cannot start fails the pages waiting (when no other worker runs) and
 *   is started again only by the next page, so a broken install never spins.
 * - An idle worker does not keep the process alive, so a command ends without close(); a busy one does.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { deserializeError } from '../../core/thread-errors.ts';
import type { ExtractArticleInput, ExtractArticleOptions, ExtractedArticle } from './extract-article.ts';
import type { ExtractReply, ExtractRequest } from './extract-worker.ts';

/** A plain module that registers tsx, then loads extract-worker.ts. */
const workerUrl = new URL('./extract-worker-entry.mjs', import.meta.url);

/** Worker threads by default: the machine wirewatch targets has two cores, one serves requests. */
export const defaultExtractWorkers = 1;
/** The most worker threads an extractor may have. */
export const maxExtractWorkers = 16;
/** How long one page may take in its worker by default, in milliseconds. */
export const defaultExtractTimeoutMs = 10_000;
/**
 * The heap a worker may use by default, in MiB. The worst pages within extractArticle's limits measured
 * here stayed under 500 MB for the whole process; past this a worker is stopped, not the process.
 */
export const defaultExtractHeapMb = 1_024;

/** How an extractor runs its workers. */
export interface ArticleExtractorOptions {
  /** Worker threads at most, started as pages come. 1 to maxExtractWorkers (16); default 1. */
  workers?: number;
  /**
   * How long one page may take once a worker has taken it, in milliseconds; past it the worker is
   * terminated and the page rejects with ARTICLE_EXTRACT_TIMEOUT. 1 to 2,147,483,647 (setTimeout's most); default 10,000.
   */
  timeoutMs?: number;
  /** The old-generation heap a worker may use, in MiB; past it the worker dies (ARTICLE_EXTRACT_FAILED). 16 and up; default 1,024. */
  maxHeapMb?: number;
}

/** extractArticle, run in worker threads. */
export interface ArticleExtractor {
  /** Extracts the article of a page in a worker; rejects with the ARTICLE_* errors of extractArticle, ARTICLE_EXTRACT_TIMEOUT or ARTICLE_EXTRACT_FAILED. */
  extract(input: ExtractArticleInput, options?: ExtractArticleOptions): Promise<ExtractedArticle>;
  /** Worker threads running or starting now (tests and diagnostics). */
  readonly workerCount: number;
  /** Terminates every worker; pages waiting or in progress reject with ARTICLE_EXTRACT_FAILED. Later calls reject too. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  input: ExtractArticleInput;
  options: ExtractArticleOptions;
  resolve: (article: ExtractedArticle) => void;
  reject: (error: Error) => void;
}

/** One worker thread and the page it is on. */
interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** The worker's 'error' event, for the message when it exits. */
  failure: Error | null;
  exited: Promise<void>;
}

/** Creates an extractor; no worker starts until the first page. Throws CONFIG_INVALID for bad options. */
export function createArticleExtractor(options: ArticleExtractorOptions = {}): ArticleExtractor {
  const size = checkWhole('workers', options.workers ?? defaultExtractWorkers, 1, maxExtractWorkers);
  const timeoutMs = checkWhole('timeoutMs', options.timeoutMs ?? defaultExtractTimeoutMs, 1, 2 ** 31 - 1);
  const maxHeapMb = checkWhole('maxHeapMb', options.maxHeapMb ?? defaultExtractHeapMb, 16, 1 << 20);
  /** Workers running or starting; a slot leaves the set the moment its worker is given up. */
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  const exits = new Set<Promise<void>>();
  let nextId = 1;
  let closed = false;

  function start(): void {
    const worker = new Worker(workerUrl, {
      name: 'wirewatch-article-extract',
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    });
    let markExited: () => void = () => {};
    const slot: Slot = {
      worker,
      ready: false,
      job: null,
      timer: null,
      failure: null,
      exited: new Promise<void>((resolve) => (markExited = resolve)),
    };
    slots.add(slot);
    exits.add(slot.exited);
    void slot.exited.then(() => exits.delete(slot.exited));
    worker.on('message', (message: ExtractReply) => {
      if (!slots.has(slot)) return;
      if (message.type === 'ready') {
        slot.ready = true;
      } else if (slot.job?.id === message.id) {
        const job = finish(slot);
        if (message.type === 'extracted') job.resolve(message.article);
        else job.reject(deserializeError(message.error));
      }
      pump();
    });
    worker.on('error', (error) => {
      slot.failure = error;
    });
    worker.on('exit', (code) => {
      markExited();
      if (!slots.has(slot)) return; // given up on purpose (time-out, close)
      slots.delete(slot);
      const reason = `exit code ${code}${slot.failure ? `: ${slot.failure.message}` : ''}`;
      if (slot.job) {
        const job = finish(slot);
        job.reject(
          new AppError(
            'ARTICLE_EXTRACT_FAILED',
            `the article extraction worker stopped (${reason}) while reading the page ${quoteUrl(job.input.url)}`,
            slot.failure ? { cause: slot.failure } : {},
          ),
        );
      }
      if (!slot.ready && ![...slots].some((other) => other.ready)) {
        // It could not even start: fail what waits rather than start again and again.
        const failure = new AppError(
          'ARTICLE_EXTRACT_FAILED',
          `the article extraction worker could not start (${reason})`,
          slot.failure ? { cause: slot.failure } : {},
        );
        for (const job of queue.splice(0)) job.reject(failure);
        return;
      }
      pump();
    });
  }

  /** Hands waiting pages to idle workers, starts workers for the rest, lets idle workers go. */
  function pump(): void {
    for (const slot of slots) {
      // A loop, not an if: a page that could not be sent leaves the worker free for the next.
      while (queue.length > 0 && slot.ready && !slot.job) dispatch(slot, queue.shift()!);
    }
    const starting = [...slots].filter((slot) => !slot.ready).length;
    for (let wanted = queue.length - starting; wanted > 0 && slots.size < size; wanted--) start();
    for (const slot of slots) {
      if (slot.ready && !slot.job) slot.worker.unref();
      else slot.worker.ref();
    }
  }

  function dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => giveUp(slot), timeoutMs);
    try {
      const request: ExtractRequest = { id: job.id, input: job.input, options: job.options };
      slot.worker.postMessage(request);
    } catch (error) {
      // An input that cannot be copied to the worker: the caller's bug, reported as it is.
      finish(slot).reject(error as Error);
    }
  }

  /** Clears a slot's page and timer, and returns the page. */
  function finish(slot: Slot): Job {
    const job = slot.job!;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    return job;
  }

  /** The page took too long: its worker is terminated and replaced, the page rejected. */
  function giveUp(slot: Slot): void {
    if (!slots.has(slot) || !slot.job) return;
    const job = finish(slot);
    slots.delete(slot);
    void slot.worker.terminate();
    job.reject(
      new AppError(
        'ARTICLE_EXTRACT_TIMEOUT',
        `reading the article on the page ${quoteUrl(job.input.url)} took longer than the ${timeoutMs.toLocaleString('en')} ms limit, so it was stopped`,
      ),
    );
    pump();
  }

  return {
    extract(input, extractOptions = {}) {
      if (closed) {
        return Promise.reject(
          new AppError('ARTICLE_EXTRACT_FAILED', 'the article extractor has been closed'),
        );
      }
      return new Promise<ExtractedArticle>((resolve, reject) => {
        queue.push({ id: nextId++, input, options: extractOptions, resolve, reject });
        pump();
      });
    },
    get workerCount() {
      return slots.size;
    },
    async close() {
      closed = true;
      const failure = () =>
        new AppError('ARTICLE_EXTRACT_FAILED', 'the article extractor was closed before the page was read');
      for (const job of queue.splice(0)) job.reject(failure());
      for (const slot of [...slots]) {
        slots.delete(slot);
        if (slot.job) finish(slot).reject(failure());
        void slot.worker.terminate();
      }
      await Promise.all(exits);
    },
  };
}

function checkWhole(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError(
      'CONFIG_INVALID',
      `the article extractor's ${name} must be a whole number from ${min} to ${max.toLocaleString('en')}, not ${value}`,
    );
  }
  return value;
}

/** The URL quoted for an error message, cut so a hostile URL cannot flood a log line. */
function quoteUrl(url: unknown): string {
  const text = String(url);
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 199)}\u2026` : text);
}
