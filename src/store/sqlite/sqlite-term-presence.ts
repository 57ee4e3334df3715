/**
 * Term presence on SQLite (see ../term-presence.ts): the new articles are indexed again, alone, in a
 * scratch in-memory FTS5 table built with the archive's own columns and `tokenize` setting, and each
 * probe is run there as the same MATCH expression a search would run on the archive
 * (term-presence-slice.ts). The answer is then FTS5's own for words, prefixes and phrases alike, and
 * its cost follows the new articles only: the archive's index holds every article's postings, which
 * a query over a range of ids still reads.
 *
 * Tokenizing what arrived is most of the cost (about as much as the index's own share of the write),
 * so a slice of any size is cut in parts indexed by worker threads side by side: the ingest's thread
 * (which serves requests in the server) waits for them instead of doing it, and on two cores the
 * parts take half as long. A small slice (an article added by URL) is done on this thread, and so
 * is every slice until the workers have loaded. Should a worker fail or hang, the work is done here,
 * from then on, and the pass says so.
 *
 * The range is read in slices, so a large import is matched a slice at a time in bounded memory.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { deserializeError } from '../../core/thread-errors.ts';
import { translateNodeToFts5 } from '../../search/translate-fts5.ts';
import type { TermPresence, TermProbe } from '../term-presence.ts';
import { matchSlice, type SliceRow } from './term-presence-slice.ts';
import type { SliceReply, SliceRequest } from './term-presence-worker.ts';

/** Articles indexed at a time. */
const sliceSize = 1_000;
/** Below this many articles a slice is indexed on this thread (a worker's round trip costs more). */
const smallSlice = 100;
/** A part taking longer than this gets its worker terminated (a slice of huge texts takes seconds). */
const partTimeoutMs = 120_000;
const workerUrl = new URL('./term-presence-worker-entry.mjs', import.meta.url);

export interface TermPresenceOptions {
  /** Worker threads to index with (0: all on this thread); default defaultTermPresenceThreads(). */
  threads?: number;
  /** How long a part may take on a worker before the worker is given up (default 120 s). */
  timeoutMs?: number;
}

/** The default: two workers where there are two cores, none on one. */
export function defaultTermPresenceThreads(): number {
  return Math.min(2, availableParallelism() > 1 ? availableParallelism() : 0);
}

interface Pending {
  resolve: (matches: number[][]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A request to a worker, without the id it is given when sent. */
type Request = SliceRequest extends infer R ? (R extends SliceRequest ? Omit<R, 'id'> : never) : never;

/**
 * The first slice of a range, sent to the workers to index ahead (prepare) and not yet probed: the
 * ids it covers (after < id <= last, none of which can change: articles are never edited or
 * removed, and new ones only get higher ids), and its rows, to be done here should a worker fail.
 */
interface HeldSlice {
  after: number;
  last: number;
  key: number;
  rows: SliceRow[];
  /** Each worker's part, in id order. */
  workers: SliceWorker[];
  /** Settles once every part is indexed (rejects with the first failure). */
  indexed: Promise<unknown>;
}

/** One worker and what it has been asked. */
class SliceWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private broken: Error | null = null;
  /** Why it stopped working (failed to load, crashed, timed out), or null. */
  get brokenWith(): Error | null {
    return this.broken;
  }
  /** Set once the worker has loaded (starting one costs about a second: its TypeScript loader). */
  ready = false;
  /** Resolves once loaded; rejects if it breaks first. */
  readonly loaded: Promise<void>;
  private markLoaded: () => void = () => {};
  private markBroken: (error: Error) => void = () => {};

  constructor(
    index: number,
    private readonly timeoutMs: number,
  ) {
    this.loaded = new Promise((resolve, reject) => {
      this.markLoaded = resolve;
      this.markBroken = reject;
    });
    // Nobody may be waiting for it; a break is reported by the jobs that meet it.
    this.loaded.catch(() => {});
    this.worker = new Worker(workerUrl, { name: `wirewatch-term-presence-${index}` });
    this.worker.unref();
    this.worker.on('message', (reply: SliceReply) => {
      if (reply.type === 'ready') {
        this.ready = true;
        this.markLoaded();
        return;
      }
      const job = this.pending.get(reply.id);
      if (job === undefined) return;
      this.settle(reply.id);
      if (reply.type === 'matched') job.resolve(reply.matches);
      else if (reply.type === 'indexed') job.resolve([]);
      else job.reject(deserializeError(reply.error));
    });
    this.worker.on('error', (error) => this.breakWith(error));
    this.worker.on('exit', (code) => this.breakWith(new Error(`the worker exited (code ${code})`)));
  }

  /** The matches of a `match` or `probe` request; nothing (an empty list) for `index`. */
  ask(request: Request): Promise<number[][]> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.breakWith(new Error(`a slice took over ${this.timeoutMs / 1000} s`));
        void this.worker.terminate();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      // Held while it has work, so a command waiting for the answer is not let exit.
      this.worker.ref();
      this.worker.postMessage({ id, ...request } as SliceRequest);
    });
  }

  async close(): Promise<void> {
    this.breakWith(new Error('closed'));
    await this.worker.terminate();
  }

  private settle(id: number): void {
    const job = this.pending.get(id);
    if (job) clearTimeout(job.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }

  private breakWith(error: Error): void {
    this.broken ??= error;
    this.markBroken(error);
    for (const [id, job] of [...this.pending]) {
      this.settle(id);
      job.reject(error);
    }
  }
}

export class SqliteTermPresence {
  private scratch: Database.Database | null = null;
  private workers: SliceWorker[] | null = null;
  /** Why the workers were given up (then everything runs on this thread). */
  private workerFailure: string | null = null;
  /** The slice indexed ahead by prepare(), until a termPresence call takes it or another replaces it. */
  private held: HeldSlice | null = null;
  private nextKey = 1;
  private heldUsed = 0;
  /** Slices answered from what prepare() had indexed ahead (for tests and diagnostics). */
  get slicesIndexedAhead(): number {
    return this.heldUsed;
  }
  private readonly threads: number;
  private readonly timeoutMs: number;

  constructor(
    /** Up to `limit` articles with after < id <= upTo, ascending (the store's own read). */
    private readonly read: (after: number, upTo: number, limit: number) => SliceRow[],
    private readonly tokenizeClause: string,
    options: TermPresenceOptions = {},
  ) {
    this.threads = options.threads ?? defaultTermPresenceThreads();
    this.timeoutMs = options.timeoutMs ?? partTimeoutMs;
  }

  async termPresence(
    range: { after: number; upTo: number },
    probes: readonly TermProbe[],
  ): Promise<TermPresence> {
    const expressions = JSON.stringify(
      probes.map((probe) => translateNodeToFts5({ ...probe, span: noSpan })),
    );
    const ids: number[] = [];
    const matches: number[][] = probes.map(() => []);
    let warning: string | undefined;
    let after = range.after;
    for (;;) {
      const held = this.takeHeld(after, range.upTo);
      const rows = held?.rows ?? this.read(after, range.upTo, sliceSize);
      if (rows.length === 0) break;
      const { parts, failure } =
        held === null ? await this.matchRows(rows, expressions) : await this.probeHeld(held, expressions);
      if (failure !== null) warning = failure;
      for (const part of parts)
        part.forEach((partIds, probe) => {
          if (partIds !== undefined && partIds.length > 0) matches[probe]!.push(...partIds);
        });
      for (const row of rows) ids.push(row.id);
      after = rows.at(-1)!.id;
      // A slice held since prepare() may end before the range does (more arrived since).
      if (held === null && rows.length < sliceSize) break;
    }
    return { ids, matches, ...(warning === undefined ? {} : { warning }) };
  }

  /**
   * Has the workers index the first slice of `range` now, ahead of the termPresence call that will
   * ask for it: tokenizing the new articles is most of the cost, and it needs neither the probes nor
   * the articles' enrichment, so the ingest calls this as soon as it has written them and the
   * workers tokenize while its own thread enriches. Only when the workers are up and the slice is
   * worth them; a later call replaces an earlier one. A call for another range, or none at all,
   * changes no answer: it is only work done early.
   */
  prepare(range: { after: number; upTo: number }): void {
    this.held = null;
    const workers = this.workers;
    if (workers === null || workers.length === 0 || this.workerFailure !== null) {
      // The first ingest starts them (they take about a second to load) for the passes after it.
      if (this.threads > 0 && this.workerFailure === null) void this.startWorkers();
      return;
    }
    if (!workers.every((worker) => worker.ready && worker.brokenWith === null)) return;
    const rows = this.read(range.after, range.upTo, sliceSize);
    if (rows.length < smallSlice) return;
    const key = this.nextKey++;
    const indexed = Promise.all(
      workers.map((worker, index) =>
        worker.ask({
          type: 'index',
          key,
          tokenizeClause: this.tokenizeClause,
          rows: partOf(rows, index, workers.length),
        }),
      ),
    );
    // Met (and reported) by the termPresence call that takes the slice; nobody else waits for it.
    indexed.catch(() => {});
    this.held = { after: range.after, last: rows.at(-1)!.id, key, rows, workers, indexed };
  }

  /**
   * Starts the workers now, if there are to be any, and resolves once they have loaded (false when
   * there are none or they failed to load): for a caller that would rather not have its first slices
   * done on its own thread while they load.
   */
  async startWorkers(): Promise<boolean> {
    if (this.threads === 0 || this.workerFailure !== null) return false;
    const workers = this.startedWorkers();
    try {
      await Promise.all(workers.map((worker) => worker.loaded));
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.held = null;
    const workers = this.workers ?? [];
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.close()));
    this.scratch?.close();
    this.scratch = null;
  }

  /** Each part's matches, in id order; on the workers when there are some and the slice is worth it. */
  private async matchRows(
    rows: SliceRow[],
    expressions: string,
  ): Promise<{ parts: number[][][]; failure: string | null }> {
    if (this.threads > 0 && this.workerFailure === null && rows.length >= smallSlice) {
      // Started on the first slice worth it, which is done here while they load: a short command
      // does not wait a second for them, and the next slices go to them once they are up.
      const workers = this.startedWorkers();
      // Their "loaded" messages arrive through the event loop, which a caller awaiting only settled
      // promises (synchronous SQLite) never lets turn: one turn here lets them in.
      if (!workers.every((worker) => worker.ready)) await new Promise((resolve) => setImmediate(resolve));
      const broken = workers.find((worker) => worker.brokenWith !== null)?.brokenWith;
      if (broken) return this.giveUpWorkers(broken, rows, expressions);
      if (!workers.every((worker) => worker.ready))
        return { parts: [this.matchHere(rows, expressions)], failure: null };
      try {
        const parts = await Promise.all(
          workers.map((worker, index) =>
            worker.ask({
              type: 'match',
              tokenizeClause: this.tokenizeClause,
              rows: partOf(rows, index, workers.length),
              expressions,
            }),
          ),
        );
        return { parts, failure: null };
      } catch (error) {
        return this.giveUpWorkers(error, rows, expressions);
      }
    }
    return { parts: [this.matchHere(rows, expressions)], failure: null };
  }

  /** The workers, made now if they were not (they load in the background). */
  private startedWorkers(): SliceWorker[] {
    this.workers ??= Array.from(
      { length: this.threads },
      (_, index) => new SliceWorker(index, this.timeoutMs),
    );
    return this.workers;
  }

  /** The held slice if it is the one starting at `after` (and within the range), else null; forgotten either way. */
  private takeHeld(after: number, upTo: number): HeldSlice | null {
    const held = this.held;
    this.held = null;
    return held !== null && held.after === after && held.last <= upTo ? held : null;
  }

  /** The held slice's parts probed on the workers that indexed them (done here should one fail). */
  private async probeHeld(
    held: HeldSlice,
    expressions: string,
  ): Promise<{ parts: number[][][]; failure: string | null }> {
    if (this.workerFailure !== null || held.workers !== this.workers)
      return { parts: [this.matchHere(held.rows, expressions)], failure: null };
    try {
      await held.indexed;
      const parts = await Promise.all(
        held.workers.map((worker) => worker.ask({ type: 'probe', key: held.key, expressions })),
      );
      this.heldUsed += 1;
      return { parts, failure: null };
    } catch (error) {
      return this.giveUpWorkers(error, held.rows, expressions);
    }
  }

  /**
   * A worker that fails to load, dies or hangs costs the pass nothing: the slice is done here, and so
   * is every later one (a broken worker is not restarted behind the operator's back); said once.
   */
  private giveUpWorkers(
    error: unknown,
    rows: SliceRow[],
    expressions: string,
  ): { parts: number[][][]; failure: string } {
    this.workerFailure = `term-presence workers given up (${error instanceof Error ? error.message : String(error)}); matching on the main thread`;
    void Promise.all((this.workers ?? []).map((worker) => worker.close()));
    this.workers = [];
    return { parts: [this.matchHere(rows, expressions)], failure: this.workerFailure };
  }

  private matchHere(rows: SliceRow[], expressions: string): number[][] {
    this.scratch ??= new Database(':memory:');
    return matchSlice(this.scratch, this.tokenizeClause, rows, expressions);
  }
}

const noSpan = { column: 0, length: 0 };

/** Part `index` of `parts` of a slice, in id order (the last may be shorter). */
function partOf(rows: SliceRow[], index: number, parts: number): SliceRow[] {
  const size = Math.ceil(rows.length / parts);
  return rows.slice(index * size, (index + 1) * size);
}
