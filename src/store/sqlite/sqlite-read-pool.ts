/**
 * A pool of read worker threads for the SQLite store (`openSqliteStore({ readWorkers: n })`).
 *
 * better-sqlite3 is synchronous: a cold common-word search holds the calling thread for 100 ms or more,
 * and every other request of the process waits behind it. The pool moves the store's read calls
 * (search, topTexts, facets, timeline, listSources, stats; getArticle stays on the calling thread,
 * see sqlite-store.ts) to `n` worker threads, each with its own
 * read-only connection to the same file (sqlite-read-worker.ts), so the main thread stays free and a
 * second core does work. Writes stay on the main connection; WAL lets readers run beside them.
 *
 * - Each call goes to the ready worker with the fewest calls waiting (ties: round-robin); a worker
 *   answers one call at a time, so that count is its queue.
 * - An AppError thrown in a worker arrives as an AppError with the same code, message, status and
 *   location; any other error arrives as an Error with the worker's message and stack.
 * - A worker that dies (crash, out of memory, terminated) fails its waiting calls with STORE_UNAVAILABLE
 *   and is replaced; a replacement that cannot start is retried after a growing delay, and calls go to
 *   the other workers meanwhile.
 * - close() lets every worker answer what it was sent, closes their connections and waits for them.
 * - An idle worker does not keep the process alive; one with calls waiting does.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { deserializeError } from '../../core/thread-errors.ts';
import type { Migration } from '../migration.ts';
import type { Store } from '../store.ts';
import type {
  ReadMethod,
  ReadWorkerInput,
  ReadWorkerReply,
  ReadWorkerRequest,
} from './sqlite-read-worker.ts';

/** A plain module that registers tsx, then loads sqlite-read-worker.ts. */
const workerUrl = new URL('./sqlite-read-worker-entry.mjs', import.meta.url);

/** The most read workers a store may have. */
export const maxReadWorkers = 16;

/** How long close() waits for a worker to finish its calls and close before terminating it. */
const closeTimeoutMs = 10_000;

/** The first delay before starting again a worker that failed to start; doubles up to the maximum. */
const restartDelayMs = 500;
const maxRestartDelayMs = 30_000;

/** How to open the pool's connections. */
export interface SqliteReadPoolOptions {
  /** The archive file, already created and migrated by the main connection. */
  path: string;
  /** How many worker threads, 1..maxReadWorkers. */
  size: number;
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
}

type Args<M extends ReadMethod> = Parameters<Store[M]>;
type Result<M extends ReadMethod> = Awaited<ReturnType<Store[M]>>;

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One place in the pool and the worker currently in it (none while a failed start waits to retry). */
interface Slot {
  index: number;
  worker: Worker | null;
  ready: boolean;
  pending: Map<number, PendingCall>;
  /** The last 'error' event or start failure of the current worker, for the exit message. */
  failure: AppError | Error | null;
  /** Starts in a row that failed before the worker was ready. */
  failedStarts: number;
  restartTimer: NodeJS.Timeout | null;
  /** Settled when the current worker has exited. */
  exited: Promise<void>;
}

/** The pool of read workers. */
export class SqliteReadPool {
  private readonly slots: Slot[];
  private nextId = 1;
  private nextSlot = 0;
  private closed = false;

  /** Starts `options.size` workers and waits until every one has opened its connection. */
  static async open(options: SqliteReadPoolOptions): Promise<SqliteReadPool> {
    if (!Number.isInteger(options.size) || options.size < 1 || options.size > maxReadWorkers) {
      throw new AppError(
        'CONFIG_INVALID',
        `the number of read workers must be a whole number from 0 to ${maxReadWorkers}, not ${options.size}`,
      );
    }
    const pool = new SqliteReadPool(options);
    const started = pool.slots.map((slot) => pool.start(slot));
    const outcomes = await Promise.allSettled(started);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      await pool.close();
      throw failed.reason;
    }
    return pool;
  }

  private constructor(private readonly options: SqliteReadPoolOptions) {
    this.slots = Array.from({ length: options.size }, (_, index) => ({
      index,
      worker: null,
      ready: false,
      pending: new Map(),
      failure: null,
      failedStarts: 0,
      restartTimer: null,
      exited: Promise.resolve(),
    }));
  }

  /** How many workers the pool keeps. */
  get size(): number {
    return this.slots.length;
  }

  /** How many workers are running and ready now (tests and diagnostics). */
  get readyWorkers(): number {
    return this.slots.filter((slot) => slot.ready).length;
  }

  /** Runs one read method of the store in a worker. */
  call<M extends ReadMethod>(method: M, ...args: Args<M>): Promise<Result<M>> {
    if (this.closed) {
      return Promise.reject(new AppError('STORE_UNAVAILABLE', 'the archive has been closed'));
    }
    const slot = this.pick();
    if (!slot?.worker) {
      return Promise.reject(
        new AppError(
          'STORE_UNAVAILABLE',
          `no read worker of ${this.options.path} is running${describeFailure(this.slots.find((s) => s.failure)?.failure)}; try again shortly`,
        ),
      );
    }
    const id = this.nextId++;
    const worker = slot.worker;
    return new Promise<Result<M>>((resolve, reject) => {
      if (slot.pending.size === 0) worker.ref();
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ type: 'call', id, method, args } satisfies ReadWorkerRequest);
      } catch (error) {
        // Arguments that cannot be cloned: a bug of the caller, reported as it is.
        this.settle(slot, id);
        reject(error);
      }
    });
  }

  /**
   * Terminates one worker as a crash would (tests): its waiting calls fail with STORE_UNAVAILABLE and a
   * replacement starts. Resolves when the worker has exited.
   */
  async terminateWorker(index: number): Promise<void> {
    const slot = this.slots[index];
    if (!slot?.worker) throw new AppError('INTERNAL', `no read worker ${index} is running`);
    const exited = slot.exited;
    await slot.worker.terminate();
    await exited;
  }

  /** Lets every worker answer what it was sent, closes their connections and waits for them to exit. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.restartTimer) clearTimeout(slot.restartTimer);
        slot.restartTimer = null;
        const worker = slot.worker;
        if (!worker) return;
        const exited = slot.exited;
        worker.ref();
        worker.postMessage({ type: 'close' } satisfies ReadWorkerRequest);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), closeTimeoutMs);
        });
        if ((await Promise.race([exited, timedOut])) === 'timeout') await worker.terminate();
        clearTimeout(timer);
        await exited;
      }),
    );
  }

  /** The ready worker with the fewest calls waiting; a starting one only when none is ready. */
  private pick(): Slot | undefined {
    let best: Slot | undefined;
    const count = this.slots.length;
    for (let step = 0; step < count; step++) {
      const slot = this.slots[(this.nextSlot + step) % count]!;
      if (!slot.worker) continue;
      if (
        !best ||
        (slot.ready && !best.ready) ||
        (slot.ready === best.ready && slot.pending.size < best.pending.size)
      ) {
        best = slot;
      }
    }
    if (best) this.nextSlot = (best.index + 1) % count;
    return best;
  }

  /** Starts a worker in `slot`; resolves when it is ready, rejects with why it could not open. */
  private start(slot: Slot): Promise<void> {
    const input: ReadWorkerInput = {
      path: this.options.path,
      ...(this.options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: this.options.busyTimeoutMs }),
      ...(this.options.migrations ? { migrations: this.options.migrations } : {}),
    };
    // Held while it starts (an open awaits it), let go once ready and idle (see settle).
    const worker = new Worker(workerUrl, { workerData: input, name: `wirewatch-sqlite-read-${slot.index}` });
    slot.worker = worker;
    slot.ready = false;
    slot.failure = null;
    let markExited: () => void = () => {};
    slot.exited = new Promise<void>((resolve) => (markExited = resolve));
    return new Promise<void>((resolveStart, rejectStart) => {
      worker.on('message', (message: ReadWorkerReply) => {
        switch (message.type) {
          case 'ready':
            slot.ready = true;
            slot.failedStarts = 0;
            if (slot.pending.size === 0 && !this.closed) worker.unref();
            resolveStart();
            break;
          case 'failed':
            slot.failure = deserializeError(message.error);
            break;
          case 'result':
            this.settle(slot, message.id)?.resolve(message.value);
            break;
          case 'error':
            this.settle(slot, message.id)?.reject(deserializeError(message.error));
            break;
        }
      });
      worker.on('error', (error) => {
        slot.failure = error;
      });
      worker.on('exit', (code) => {
        const wasReady = slot.ready;
        slot.worker = null;
        slot.ready = false;
        const reason = slot.failure;
        const failure =
          reason instanceof AppError && !wasReady
            ? reason
            : new AppError(
                'STORE_UNAVAILABLE',
                `a read worker of ${this.options.path} stopped (exit code ${code}${describeFailure(reason)}) before answering; try again`,
                reason ? { cause: reason } : {},
              );
        for (const call of slot.pending.values()) call.reject(failure);
        slot.pending.clear();
        if (!wasReady) rejectStart(failure);
        markExited();
        if (this.closed) return;
        if (wasReady) {
          // A crash of a working worker: replace it at once.
          this.start(slot).catch(() => {});
          return;
        }
        // It could not even start: retry later, so a persistent failure does not spin.
        const delay = Math.min(restartDelayMs * 2 ** slot.failedStarts, maxRestartDelayMs);
        slot.failedStarts++;
        slot.restartTimer = setTimeout(() => {
          slot.restartTimer = null;
          if (!this.closed) this.start(slot).catch(() => {});
        }, delay);
        slot.restartTimer.unref();
      });
    });
  }

  /** Forgets a call that has been answered; lets the worker stop holding the process when idle. */
  private settle(slot: Slot, id: number): PendingCall | undefined {
    const call = slot.pending.get(id);
    slot.pending.delete(id);
    if (slot.pending.size === 0 && slot.ready && !this.closed) slot.worker?.unref();
    return call;
  }
}

function describeFailure(failure: Error | null | undefined): string {
  return failure ? `: ${failure.message}` : '';
}
