/**
 * Posting an alert to a webhook: a JSON body signed with HMAC-SHA256 over the time and the body
 * (`x-wirewatch-signature: t=<unix seconds>,v1=<hex>`, as Stripe and GitHub sign theirs, so a
 * receiver can refuse a forged or replayed call), sent through the ingestion's address guard (no
 * private, loopback or link-local address unless WIREWATCH_ALLOW_PRIVATE allows it, checked after
 * DNS), with a total deadline; a redirect is an answer like any other non-2xx (not followed). The answer's body is read and dropped, up
 * to a small cap.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'undici';
import { compileAllowList } from '../../ingest/fetch/allow-list.ts';
import { classifyFetchError } from '../../ingest/fetch/classify-fetch-error.ts';
import { createGuardedConnector, resolveWithSystem } from '../../ingest/fetch/guarded-connect.ts';

export interface WebhookAnswer {
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  /** `CODE: message` when it did not work (no answer, or a status outside 2xx). */
  error: string | null;
  ms: number;
}

export interface WebhookSender {
  post(url: string, body: string, headers: Record<string, string>): Promise<WebhookAnswer>;
  close(): Promise<void>;
}

export interface WebhookSenderOptions {
  /** CIDR ranges of non-public addresses webhooks may reach (WIREWATCH_ALLOW_PRIVATE). */
  allowPrivate?: readonly string[];
  /** Total time for one post (default 10 s). */
  timeoutMs?: number;
}

/** The signature header's value for `body` signed with `secret` at `time`. */
export function signWebhook(secret: string, body: string, time: Date): string {
  const seconds = Math.floor(time.getTime() / 1000);
  const digest = createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex');
  return `t=${seconds},v1=${digest}`;
}

export function createWebhookSender(options: WebhookSenderOptions = {}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const connectTimeoutMs = Math.min(timeoutMs, 5_000);
  const agent = new Agent({
    connect: createGuardedConnector({
      allowList: compileAllowList(options.allowPrivate ?? []),
      connectTimeoutMs,
      resolveHost: resolveWithSystem,
    }),
  });
  return {
    async post(url, body, headers) {
      const started = performance.now();
      const deadline = AbortSignal.timeout(timeoutMs);
      try {
        const response = await request(url, {
          method: 'POST',
          dispatcher: agent,
          body,
          headers: { 'content-type': 'application/json', 'user-agent': 'wirewatch-webhook', ...headers },
          signal: deadline,
        });
        // Read a little and let the rest go: a receiver's answer is not ours to keep.
        let read = 0;
        for await (const chunk of response.body) {
          read += (chunk as Buffer).length;
          if (read > 64 * 1024) break;
        }
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        return {
          status: response.statusCode,
          error: ok ? null : `FETCH_HTTP_STATUS: the webhook answered ${response.statusCode}`,
          ms: performance.now() - started,
        };
      } catch (error) {
        const failure = classifyFetchError(error, {
          url,
          phase: 'response',
          deadline,
          deadlineMs: timeoutMs,
          connectTimeoutMs,
          callerSignal: undefined,
        });
        return {
          status: null,
          error: `${failure.code}: ${failure.message}`,
          ms: performance.now() - started,
        };
      }
    },
    close: () => agent.close(),
  };
}
