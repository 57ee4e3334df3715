/**
 * Sending the queued webhook deliveries. Each alert a saved search with a webhook finds is queued
 * once (the store's unique key per search, article and channel: never sent twice); a pass takes what
 * is due, posts it signed (webhook-sender.ts), and records the attempt with the delivery's new state
 * in one transaction: sent on a 2xx answer; otherwise tried again after 1, 2, 4… minutes, at most 6
 * hours apart, until `maxAttempts` (12: about a day and a half of trying) and then marked failed.
 * Every attempt stays listed (`wirewatch watch deliveries`), so a failing endpoint is visible, and
 * an endpoint that hangs costs one deadline per attempt, never the ingest.
 */

import type { DueDelivery } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';
import { signWebhook, type WebhookSender } from './webhook-sender.ts';

export const defaultMaxAttempts = 12;
const firstRetryMs = 60_000;
const longestRetryMs = 6 * 3_600_000;
/** Deliveries posted at once in a pass (each may wait its whole deadline). */
const parallelPosts = 4;

/** How long after failed attempt number `attempts` the next one is made. */
export function retryDelay(attempts: number): number {
  return Math.min(longestRetryMs, firstRetryMs * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryPass {
  due: number;
  sent: number;
  retrying: number;
  failed: number;
}

/** The JSON a webhook receives for one alert. */
export async function webhookBody(store: Store, delivery: DueDelivery): Promise<string> {
  const article = await store.getArticle(delivery.articleId);
  return JSON.stringify({
    event: 'alert',
    delivery_id: delivery.id,
    saved_search: { id: delivery.savedSearchId, name: delivery.savedSearchName, query: delivery.query },
    why: delivery.why,
    article:
      article === null
        ? { id: delivery.articleId, removed: true }
        : {
            id: article.id,
            title: article.title,
            url: article.url,
            source: article.source,
            published_at: article.publishedAt,
            lead: article.text.slice(0, 300),
          },
  });
}

export async function deliverDueWebhooks(
  store: Store,
  sender: WebhookSender,
  options: { now?: () => Date; limit?: number; maxAttempts?: number } = {},
): Promise<DeliveryPass> {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const due = await store.savedSearches.dueDeliveries(now(), options.limit ?? 100);
  const pass: DeliveryPass = { due: due.length, sent: 0, retrying: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const delivery = due[next++]!;
      const body = await webhookBody(store, delivery);
      const at = now();
      const answer = await sender.post(delivery.webhookUrl, body, {
        'x-wirewatch-signature': signWebhook(delivery.webhookSecret, body, at),
        'x-wirewatch-delivery': String(delivery.id),
        'x-wirewatch-event': 'alert',
      });
      const attempts = delivery.attempts + 1;
      const state = answer.error === null ? 'sent' : attempts >= maxAttempts ? 'failed' : 'pending';
      await store.savedSearches.recordAttempt(
        delivery.id,
        { at: at.toISOString(), status: answer.status, error: answer.error, ms: answer.ms },
        {
          state,
          nextAttemptAt: new Date(
            at.getTime() + (state === 'pending' ? retryDelay(attempts) : 0),
          ).toISOString(),
        },
      );
      if (state === 'sent') pass.sent += 1;
      else if (state === 'failed') pass.failed += 1;
      else pass.retrying += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelPosts, due.length) }, worker));
  return pass;
}

/** One line about a pass for logs; null when nothing was due. */
export function describeDeliveryPass(pass: DeliveryPass): string | null {
  if (pass.due === 0) return null;
  return `webhooks: ${pass.sent} sent, ${pass.retrying} to retry, ${pass.failed} given up (of ${pass.due} due)`;
}
