/**
 * The import worker thread: reads, validates and prepares a file's records (record-source.ts) and
 * posts them in batches, so that parsing and hashing on one core overlap the database writes on the
 * other. At most `maxBatchesInFlight` batches wait unacknowledged, which bounds memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors.ts';
import { openRecordSource, type RecordSourceOptions } from './record-source.ts';

/** Messages from the worker to the importing thread. */
export type WorkerMessage =
  | { type: 'opened'; format: string; encoding: string; encodingNote?: string; totalBytes: number }
  | { type: 'batch'; batch: import('./record-source.ts').RecordBatch }
  | { type: 'done' }
  | { type: 'failed'; code: string; message: string };

/** What the worker is started with. */
export interface WorkerInput {
  path: string;
  options: RecordSourceOptions;
}

/** Batches posted but not yet acknowledged, at most. */
export const maxBatchesInFlight = 2;

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: 'ack') => {
    if (message !== 'ack') return;
    inFlight--;
    wake?.();
    wake = null;
  });
  try {
    const source = await openRecordSource(input.path, input.options);
    const { format, encoding, encodingNote, totalBytes } = source;
    port.postMessage({
      type: 'opened',
      format,
      encoding,
      ...(encodingNote ? { encodingNote } : {}),
      totalBytes,
    } satisfies WorkerMessage);
    for await (const batch of source.batches) {
      while (inFlight >= maxBatchesInFlight) await new Promise<void>((resolve) => (wake = resolve));
      inFlight++;
      port.postMessage({ type: 'batch', batch } satisfies WorkerMessage);
    }
    port.postMessage({ type: 'done' } satisfies WorkerMessage);
  } catch (error) {
    const failure =
      error instanceof AppError
        ? { code: error.code, message: error.message }
        : { code: 'INTERNAL', message: `the import worker failed: ${(error as Error).message}` };
    port.postMessage({ type: 'failed', ...failure } satisfies WorkerMessage);
  } finally {
    port.close();
  }
}

if (parentPort) await run(parentPort, workerData as WorkerInput);
