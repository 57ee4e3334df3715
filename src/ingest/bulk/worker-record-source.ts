/**
 * A RecordSource whose reading, validation and preparation run in a worker thread (import-worker.ts),
 * so a big import uses both cores: one parses and hashes while the other writes to the database.
 */
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, errorStatus } from '../../core/errors.ts';
import type { ImportFormat } from './detect-format.ts';
import type { WorkerInput, WorkerMessage } from './import-worker.ts';
import type { RecordBatch, RecordSource, RecordSourceOptions } from './record-source.ts';

/** A plain module that registers tsx, then loads import-worker.ts. */
const workerUrl = new URL('./import-worker-entry.mjs', import.meta.url);

function toAppError(code: string, message: string): AppError {
  return new AppError(code in errorStatus ? (code as ErrorCode) : 'INTERNAL', message);
}

/** Opens `path` in a new worker thread. Throws AppError for a file that cannot be read at all. */
export async function openRecordSourceInWorker(
  path: string,
  options: RecordSourceOptions,
): Promise<RecordSource> {
  const worker = new Worker(workerUrl, {
    workerData: { path, options } satisfies WorkerInput,
  });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (error) =>
    push({ type: 'failed', code: 'INTERNAL', message: `the import worker failed: ${error.message}` }),
  );
  worker.on('exit', (code) => {
    if (code !== 0)
      push({ type: 'failed', code: 'INTERNAL', message: `the import worker stopped with exit code ${code}` });
  });
  const next = async (): Promise<WorkerMessage> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };

  const opened = await next();
  if (opened.type !== 'opened') {
    await worker.terminate();
    throw opened.type === 'failed'
      ? toAppError(opened.code, opened.message)
      : toAppError('INTERNAL', 'the import worker did not open the file');
  }

  async function* batches(): AsyncGenerator<RecordBatch> {
    try {
      for (;;) {
        const message = await next();
        if (message.type === 'done') return;
        if (message.type === 'failed') throw toAppError(message.code, message.message);
        if (message.type === 'batch') {
          // Acknowledge on taking it, so the worker prepares the next batch while this one is written.
          worker.postMessage('ack');
          yield message.batch;
        }
      }
    } finally {
      await worker.terminate();
    }
  }

  return {
    format: opened.format as ImportFormat,
    encoding: opened.encoding,
    ...(opened.encodingNote ? { encodingNote: opened.encodingNote } : {}),
    totalBytes: opened.totalBytes,
    batches: batches(),
    close: async () => {
      await worker.terminate();
    },
  };
}
