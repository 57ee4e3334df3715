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
 *   and is replaced; a replacement that cannot start (or whose thread cannot even be made) is retried
 *   after a growing delay, and calls go to the other workers meanwhile. Every call belongs to the one
 *   worker it was sent to, and that worker's exit rejects whatever it has not answered: no call is left
 *   pending. A worker being stopped takes no new calls.
 * - close() lets every worker answer what it was sent, closes their connections and waits for them.
 * - An idle, ready worker does not keep the process alive; one starting, with calls waiting, or being
 *   stopped (until its exit has been handled) does.
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

/**
 * One worker thread and the calls sent to it. A call belongs to exactly one Running: its answer settles
 * it, and that worker's 'exit' (the one event every way a worker ends emits) rejects whatever is left,
 * so no call can outlive its worker unanswered.
 */
interface Running {
  worker: Worker;
  ready: boolean;
  /** Asked to stop (terminateWorker, close, an unreadable reply): takes no new calls. */
  stopping: boolean;
  pending: Map<number, PendingCall>;
  /** The last 'error' event, start failure or unreadable reply of this worker, for the exit message. */
  failure: Error | null;
  /** Settled when this worker has exited and its calls have been rejected. */
  exited: Promise<void>;
}

/** One place in the pool and the worker currently in it (none while a failed start waits to retry). */
interface Slot {
  index: number;
  current: Running | null;
  /** Why the last worker of this slot ended, for the refusal while none runs; cleared once one is ready. */
  lastFailure: Error | null;
  /** Starts in a row that failed before the worker was ready. */
  failedStarts: number;
  restartTimer: NodeJS.Timeout | null;
}

/** The pool of read workers. */
export class SqliteReadPool {
  private readonly slots: Slot[];
  private nextId = 1;
  private nextSlot = 0;
  private closed = false;
  private closing: Promise<void> | null = null;

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
      current: null,
      lastFailure: null,
      failedStarts: 0,
      restartTimer: null,
    }));
  }

  /** How many workers the pool keeps. */
  get size(): number {
    return this.slots.length;
  }

  /** How many workers are running and ready now (tests and diagnostics). */
  get readyWorkers(): number {
    return this.slots.filter((slot) => slot.current?.ready && !slot.current.stopping).length;
  }

  /** Runs one read method of the store in a worker. */
  call<M extends ReadMethod>(method: M, ...args: Args<M>): Promise<Result<M>> {
    if (this.closed) {
      return Promise.reject(new AppError('STORE_UNAVAILABLE', 'the archive has been closed'));
    }
    const running = this.pick();
    if (!running) {
      const failure = this.slots.find((slot) => slot.lastFailure)?.lastFailure;
      return Promise.reject(
        new AppError(
          'STORE_UNAVAILABLE',
          `no read worker of ${this.options.path} is running${describeFailure(failure)}; try again shortly`,
        ),
      );
    }
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      running.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.hold(running);
      try {
        running.worker.postMessage({ type: 'call', id, method, args } satisfies ReadWorkerRequest);
      } catch (error) {
        // Arguments that cannot be cloned: a bug of the caller, reported as it is.
        this.settle(running, id);
        reject(error);
      }
    });
  }

  /**
   * Terminates one worker as a crash would (tests): its waiting calls fail with STORE_UNAVAILABLE and a
   * replacement starts. Resolves when the worker has exited.
   */
  async terminateWorker(index: number): Promise<void> {
    const running = this.slots[index]?.current;
    if (!running) throw new AppError('INTERNAL', `no read worker ${index} is running`);
    this.stop(running);
    await running.worker.terminate();
    await running.exited;
  }

  /** Lets every worker answer what it was sent, closes their connections and waits for them to exit. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= Promise.all(
      this.slots.map(async (slot) => {
        if (slot.restartTimer) clearTimeout(slot.restartTimer);
        slot.restartTimer = null;
        const running = slot.current;
        if (!running) return;
        this.stop(running);
        running.worker.postMessage({ type: 'close' } satisfies ReadWorkerRequest);
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), closeTimeoutMs);
        });
        if ((await Promise.race([running.exited, timedOut])) === 'timeout') await running.worker.terminate();
        clearTimeout(timer);
        await running.exited;
      }),
    ).then(() => {});
    return this.closing;
  }

  /** The ready worker with the fewest calls waiting; a starting one only when none is ready. */
  private pick(): Running | undefined {
    let best: Running | undefined;
    const count = this.slots.length;
    for (let step = 0; step < count; step++) {
      const slot = this.slots[(this.nextSlot + step) % count]!;
      const running = slot.current;
      // A worker asked to stop would only fail what it is sent.
      if (!running || running.stopping) continue;
      if (
        !best ||
        (running.ready && !best.ready) ||
        (running.ready === best.ready && running.pending.size < best.pending.size)
      ) {
        best = running;
        this.nextSlot = (slot.index + 1) % count;
      }
    }
    return best;
  }

  /**
   * Whether a worker keeps the process alive, decided in this one place: while it starts (an open or a
   * replacement awaits it), while it has calls waiting, and from the moment it is asked to stop until its
   * exit has been handled (its 'exit' settles promises: terminateWorker's, close's, its calls'). Only a
   * ready, idle, running worker lets go. Letting go of a stopping worker lost the exit itself: the
   * process could run out of work before Node delivered it.
   */
  private hold(running: Running): void {
    if (!running.ready || running.stopping || running.pending.size > 0) running.worker.ref();
    else running.worker.unref();
  }

  /** Takes a worker out of service: no new calls go to it, and it holds the process until it exits. */
  private stop(running: Running): void {
    running.stopping = true;
    this.hold(running);
  }

  /** Starts a worker in `slot`; resolves when it is ready, rejects with why it could not open. */
  private start(slot: Slot): Promise<void> {
    const input: ReadWorkerInput = {
      path: this.options.path,
      ...(this.options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: this.options.busyTimeoutMs }),
      ...(this.options.migrations ? { migrations: this.options.migrations } : {}),
    };
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { workerData: input, name: `wirewatch-sqlite-read-${slot.index}` });
    } catch (error) {
      // No thread could be made (out of memory or threads): try again later, like a failed open.
      const failure = new AppError(
        'STORE_UNAVAILABLE',
        `a read worker of ${this.options.path} could not be started${describeFailure(error as Error)}`,
        { cause: error },
      );
      slot.lastFailure = failure;
      this.retryLater(slot);
      return Promise.reject(failure);
    }
    let markExited: () => void = () => {};
    const running: Running = {
      worker,
      ready: false,
      stopping: false,
      pending: new Map(),
      failure: null,
      exited: new Promise<void>((resolve) => (markExited = resolve)),
    };
    slot.current = running;
    this.hold(running);
    return new Promise<void>((resolveStart, rejectStart) => {
      worker.on('message', (message: ReadWorkerReply) => {
        switch (message.type) {
          case 'ready':
            running.ready = true;
            slot.failedStarts = 0;
            slot.lastFailure = null;
            this.hold(running);
            resolveStart();
            break;
          case 'failed':
            running.failure = deserializeError(message.error);
            break;
          case 'result':
            this.settle(running, message.id)?.resolve(message.value);
            break;
          case 'error':
            this.settle(running, message.id)?.reject(deserializeError(message.error));
            break;
        }
      });
      worker.on('error', (error) => {
        running.failure = error;
      });
      worker.on('messageerror', (error) => {
        // A reply that cannot be read: which call it answered is unknown, so the worker is ended and
        // every call it has fails (rather than one waiting forever).
        running.failure = error;
        this.stop(running);
        void worker.terminate();
      });
      let exitHandled = false;
      worker.on('exit', (code) => {
        if (exitHandled) return;
        exitHandled = true;
        const wasReady = running.ready;
        running.ready = false;
        if (slot.current === running) slot.current = null;
        const reason = running.failure;
        slot.lastFailure = reason;
        const failure =
          reason instanceof AppError && !wasReady
            ? reason
            : new AppError(
                'STORE_UNAVAILABLE',
                `a read worker of ${this.options.path} stopped (exit code ${code}${describeFailure(reason)}) before answering; try again`,
                reason ? { cause: reason } : {},
              );
        const calls = [...running.pending.values()];
        running.pending.clear();
        for (const call of calls) call.reject(failure);
        if (!wasReady) rejectStart(failure);
        markExited();
        if (this.closed || slot.current) return;
        if (wasReady) {
          // A crash of a working worker: replace it at once.
          this.start(slot).catch(() => {});
          return;
        }
        // It could not even start: retry later, so a persistent failure does not spin.
        this.retryLater(slot);
      });
    });
  }

  /**
   * Starts `slot` again after a delay that doubles with each failed start. The timer does not hold the
   * process: no call waits on it (while a slot has no worker, calls go elsewhere or are refused at once).
   */
  private retryLater(slot: Slot): void {
    if (this.closed) return;
    const delay = Math.min(restartDelayMs * 2 ** slot.failedStarts, maxRestartDelayMs);
    slot.failedStarts++;
    if (slot.restartTimer) clearTimeout(slot.restartTimer);
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = null;
      if (!this.closed && !slot.current) this.start(slot).catch(() => {});
    }, delay);
    slot.restartTimer.unref();
  }

  /** Forgets a call that has been answered; lets the worker stop holding the process when it may. */
  private settle(running: Running, id: number): PendingCall | undefined {
    const call = running.pending.get(id);
    running.pending.delete(id);
    this.hold(running);
    return call;
  }
}

function describeFailure(failure: Error | null | undefined): string {
  return failure ? `: ${failure.message}` : '';
}
