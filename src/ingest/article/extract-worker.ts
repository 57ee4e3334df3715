/**
 * An article extraction worker (extract-in-worker.ts): one worker thread that runs extractArticle on
 * the pages it is sent, one at a time, so Readability's CPU-bound work never holds the thread that
 * serves requests. It says 'ready' once its modules are loaded, so a page's time limit counts
 * extraction only, never the worker's start.
 */
import { parentPort } from 'node:worker_threads';
import { type SerializedError, serializeError } from '../../core/thread-errors.ts';
import {
  type ExtractArticleInput,
  type ExtractArticleOptions,
  type ExtractedArticle,
  extractArticle,
} from './extract-article.ts';

/** A page sent to the worker. */
export interface ExtractRequest {
  id: number;
  input: ExtractArticleInput;
  options: ExtractArticleOptions;
}

/** Messages from the worker. */
export type ExtractReply =
  | { type: 'ready' }
  | { type: 'extracted'; id: number; article: ExtractedArticle }
  | { type: 'failed'; id: number; error: SerializedError };

function reply(request: ExtractRequest): ExtractReply {
  try {
    return { type: 'extracted', id: request.id, article: extractArticle(request.input, request.options) };
  } catch (error) {
    return { type: 'failed', id: request.id, error: serializeError(error) };
  }
}

const port = parentPort;
if (port) {
  port.on('message', (request: ExtractRequest) => port.postMessage(reply(request) satisfies ExtractReply));
  port.postMessage({ type: 'ready' } satisfies ExtractReply);
}
