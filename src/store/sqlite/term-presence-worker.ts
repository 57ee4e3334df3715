/**
 * A term-presence worker (sqlite-term-presence.ts): indexes the slices of new articles it is sent in
 * its own in-memory scratch table and probes them (term-presence-slice.ts), so that tokenizing what
 * an ingest added runs beside the thread that writes the archive and serves requests.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type SerializedError, serializeError } from '../../core/thread-errors.ts';
import { matchSlice, type SliceRow } from './term-presence-slice.ts';

/** A slice sent to the worker. */
export interface SliceRequest {
  id: number;
  tokenizeClause: string;
  rows: SliceRow[];
  expressions: string;
}

/** The worker's answer to one slice. */
export type SliceReply =
  | { type: 'ready' }
  | { type: 'matched'; id: number; matches: number[][] }
  | { type: 'failed'; id: number; error: SerializedError };

const port = parentPort;
if (port) {
  const scratch = new Database(':memory:');
  port.on('message', (request: SliceRequest) => {
    let reply: SliceReply;
    try {
      const matches = matchSlice(scratch, request.tokenizeClause, request.rows, request.expressions);
      reply = { type: 'matched', id: request.id, matches };
    } catch (error) {
      reply = { type: 'failed', id: request.id, error: serializeError(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' } satisfies SliceReply);
}
