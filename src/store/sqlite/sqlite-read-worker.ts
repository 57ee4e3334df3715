/**
 * A read worker of the SQLite store (sqlite-read-pool.ts): one worker thread with its own read-only
 * connection to the archive file, answering the store's read calls one at a time. WAL lets it read
 * beside the main connection's writes; each call sees every transaction committed before it starts.
 *
 * The connection never migrates: the main connection brought the schema up to date before any worker
 * was started, and a read-only open refuses pending migrations (STORE_READ_ONLY) rather than apply them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { type SerializedError, serializeError } from '../../core/thread-errors.ts';
import type { Migration } from '../migration.ts';
import { openSqliteDatabase } from './open-sqlite-database.ts';
import { SqliteStore } from './sqlite-store.ts';

/** The store methods a read worker answers: read-only, one answer each (no streams). */
export const readMethods = [
  'search',
  'topTexts',
  'facets',
  'enrichmentFacets',
  'timeline',
  'getArticle',
  'listSources',
  'stats',
] as const;

/** One of the store methods a read worker answers. */
export type ReadMethod = (typeof readMethods)[number];

/** What a read worker is started with. */
export interface ReadWorkerInput {
  path: string;
  busyTimeoutMs?: number;
  migrations?: readonly Migration[];
}

/** Messages to a read worker. */
export type ReadWorkerRequest =
  | { type: 'call'; id: number; method: ReadMethod; args: unknown[] }
  | { type: 'close' };

/** Messages from a read worker. */
export type ReadWorkerReply =
  | { type: 'ready' }
  | { type: 'failed'; error: SerializedError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError };

/** Runs one call and posts its result or its error; an answer that cannot be cloned is posted as an error. */
async function answer(
  port: NonNullable<typeof parentPort>,
  id: number,
  call: () => Promise<unknown>,
): Promise<void> {
  let reply: ReadWorkerReply;
  try {
    // Every read method of the SQLite store is synchronous inside, so calls run strictly one by one.
    reply = { type: 'result', id, value: await call() };
  } catch (error) {
    reply = { type: 'error', id, error: serializeError(error) };
  }
  try {
    port.postMessage(reply);
  } catch (error) {
    port.postMessage({ type: 'error', id, error: serializeError(error) } satisfies ReadWorkerReply);
  }
}

function run(port: NonNullable<typeof parentPort>, input: ReadWorkerInput): void {
  let store: SqliteStore;
  try {
    const db = openSqliteDatabase({
      path: input.path,
      readonly: true,
      mustExist: true,
      ...(input.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: input.busyTimeoutMs }),
      ...(input.migrations ? { migrations: input.migrations } : {}),
    });
    store = new SqliteStore(db, input.path);
  } catch (error) {
    port.postMessage({ type: 'failed', error: serializeError(error) } satisfies ReadWorkerReply);
    port.close();
    return;
  }
  const allowed = new Set<string>(readMethods);
  port.on('message', (message: ReadWorkerRequest) => {
    if (message.type === 'close') {
      // Calls posted before 'close' were answered first: messages are handled in order.
      void store.close().finally(() => port.close());
      return;
    }
    const { id, method, args } = message;
    if (!allowed.has(method)) {
      const error = serializeError(new AppError('INTERNAL', `a read worker cannot run ${String(method)}`));
      port.postMessage({ type: 'error', id, error } satisfies ReadWorkerReply);
      return;
    }
    void answer(port, id, () => (store[method] as (...a: unknown[]) => Promise<unknown>).apply(store, args));
  });
  port.postMessage({ type: 'ready' } satisfies ReadWorkerReply);
}

if (parentPort) run(parentPort, workerData as ReadWorkerInput);
