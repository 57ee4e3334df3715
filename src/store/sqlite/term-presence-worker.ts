/**
 * A term-presence worker (sqlite-term-presence.ts): indexes the slices of new articles it is sent in
 * its own in-memory scratch table and probes them (term-presence-slice.ts), so that tokenizing what
 * an ingest added runs beside the thread that writes the archive and serves requests.
 *
 * A slice comes either whole (`match`: index, probe, forget) or in two steps: `index` as soon as the
 * articles are written, and `probe` once the saved searches' words are known, after enrichment; the
 * tokenizing then runs while the ingest's thread enriches. One slice is held at a time: a new
 * `index` replaces the one before.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { type SerializedError, serializeError } from '../../core/thread-errors.ts';
import { indexSlice, matchSlice, probeSlice, type SliceRow } from './term-presence-slice.ts';

/** What the worker is asked: each answered once, in the order sent. */
export type SliceRequest =
  | { type: 'match'; id: number; tokenizeClause: string; rows: SliceRow[]; expressions: string }
  | { type: 'index'; id: number; key: number; tokenizeClause: string; rows: SliceRow[] }
  | { type: 'probe'; id: number; key: number; expressions: string };

/** The worker's answer to one request. */
export type SliceReply =
  | { type: 'ready' }
  | { type: 'indexed'; id: number }
  | { type: 'matched'; id: number; matches: number[][] }
  | { type: 'failed'; id: number; error: SerializedError };

/** The scratch table of the slice held between `index` and `probe`. */
const heldTable = 'held';

const port = parentPort;
if (port) {
  const scratch = new Database(':memory:');
  /** The key of the slice in heldTable, or null. */
  let held: number | null = null;
  port.on('message', (request: SliceRequest) => {
    let reply: SliceReply;
    try {
      reply = answer(request);
    } catch (error) {
      reply = { type: 'failed', id: request.id, error: serializeError(error) };
    }
    port.postMessage(reply);
  });
  function answer(request: SliceRequest): SliceReply {
    switch (request.type) {
      case 'match':
        return {
          type: 'matched',
          id: request.id,
          matches: matchSlice(scratch, request.tokenizeClause, request.rows, request.expressions),
        };
      case 'index':
        held = null;
        indexSlice(scratch, heldTable, request.tokenizeClause, request.rows);
        held = request.key;
        return { type: 'indexed', id: request.id };
      case 'probe': {
        if (held !== request.key)
          throw new Error(
            `slice ${request.key} is not held here (${held === null ? 'none is' : `${held} is`})`,
          );
        const matches = probeSlice(scratch, heldTable, request.expressions);
        held = null;
        scratch.exec(`DROP TABLE ${heldTable}`);
        return { type: 'matched', id: request.id, matches };
      }
    }
  }
  port.postMessage({ type: 'ready' } satisfies SliceReply);
}
