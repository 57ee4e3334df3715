/**
 * The sending side of the SavedSearchStore, for both stores through the SqlRunner: webhook
 * deliveries and their attempts, and the claims that make each user's daily digest go out once.
 * SavedSearchRegistry extends it with the searches and their hits.
 */
import type { Delivery, DeliveryAttempt, DeliveryState, DigestSend, DueDelivery } from './saved-searches.ts';
import { staleDigestClaimMs } from './saved-searches.ts';
import type { SqlRunner } from './subscription-registry.ts';

interface DeliveryRow {
  id: number | string;
  saved_search_id: number | string;
  saved_search_name: string;
  article_id: number | string;
  channel: 'webhook';
  why: string;
  state: DeliveryState;
  attempts: number | string;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const selectDeliveries = `SELECT d.id, d.saved_search_id, s.name AS saved_search_name, d.article_id, d.channel, d.why,
  d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.created_at, d.sent_at
FROM deliveries d JOIN saved_searches s ON s.id = d.saved_search_id`;

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: Number(row.id),
    savedSearchId: Number(row.saved_search_id),
    savedSearchName: row.saved_search_name,
    articleId: Number(row.article_id),
    channel: row.channel,
    why: row.why,
    state: row.state,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export class DeliveryRegistry {
  constructor(protected readonly runner: SqlRunner) {}

  async dueDeliveries(now: Date, limit: number): Promise<DueDelivery[]> {
    const rows = await this.runner.all<
      DeliveryRow & { webhook_url: string; webhook_secret: string | null; query: string }
    >({
      sql: `${selectDeliveries.replace('FROM deliveries d', ', s.webhook_url, s.webhook_secret, s.query FROM deliveries d')}
            WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND s.webhook_url IS NOT NULL
            ORDER BY d.next_attempt_at, d.id LIMIT ?`,
      params: [now.toISOString(), limit],
    });
    return rows.map((row) => ({
      ...toDelivery(row),
      webhookUrl: row.webhook_url,
      webhookSecret: row.webhook_secret ?? '',
      query: row.query,
    }));
  }

  async recordAttempt(
    deliveryId: number,
    attempt: DeliveryAttempt,
    next: { state: DeliveryState; nextAttemptAt: string },
  ): Promise<void> {
    await this.runner.atomically([
      {
        sql: 'INSERT INTO delivery_attempts (delivery_id, at, status, error, ms) VALUES (?, ?, ?, ?, ?)',
        params: [deliveryId, attempt.at, attempt.status, attempt.error, Math.round(attempt.ms)],
      },
      {
        sql: `UPDATE deliveries SET attempts = attempts + 1, state = ?, next_attempt_at = ?, last_status = ?,
                last_error = ?, sent_at = ? WHERE id = ?`,
        params: [
          next.state,
          next.nextAttemptAt,
          attempt.status,
          attempt.error,
          next.state === 'sent' ? attempt.at : null,
          deliveryId,
        ],
      },
    ]);
  }

  async listDeliveries(savedSearchId: number, limit = 50): Promise<Delivery[]> {
    const rows = await this.runner.all<DeliveryRow>({
      sql: `${selectDeliveries} WHERE d.saved_search_id = ? ORDER BY d.id DESC LIMIT ?`,
      params: [savedSearchId, Math.min(Math.max(1, Math.trunc(limit)), 1_000)],
    });
    return rows.map(toDelivery);
  }

  async attemptsOf(deliveryId: number): Promise<DeliveryAttempt[]> {
    const rows = await this.runner.all<{
      at: string;
      status: number | null;
      error: string | null;
      ms: number | string;
    }>({
      sql: 'SELECT at, status, error, ms FROM delivery_attempts WHERE delivery_id = ? ORDER BY id',
      params: [deliveryId],
    });
    return rows.map((row) => ({
      at: row.at,
      status: row.status === null ? null : Number(row.status),
      error: row.error,
      ms: Number(row.ms),
    }));
  }

  async claimDigest(userId: number, day: string, now = new Date()): Promise<boolean> {
    // One statement: the conflicting row is locked (PostgreSQL) or the database is (SQLite) while
    // the WHERE is checked, so of two senders taking over the same stale claim only one gets a row.
    const staleBefore = new Date(now.getTime() - staleDigestClaimMs).toISOString();
    const rows = await this.runner.atomically<{ user_id: number }>([
      {
        sql: `INSERT INTO digest_sends (user_id, day, state, at) VALUES (?, ?, 'sending', ?)
              ON CONFLICT (user_id, day) DO UPDATE SET state = 'sending', at = excluded.at, error = NULL
              WHERE digest_sends.state = 'failed' OR (digest_sends.state = 'sending' AND digest_sends.at < ?)
              RETURNING user_id`,
        params: [userId, day, now.toISOString(), staleBefore],
      },
    ]);
    return rows.length === 1;
  }

  async finishDigest(userId: number, day: string, error: string | null, now = new Date()): Promise<void> {
    await this.runner.atomically([
      {
        sql: `UPDATE digest_sends SET state = ?, at = ?, error = ? WHERE user_id = ? AND day = ? AND state = 'sending'`,
        params: [error === null ? 'sent' : 'failed', now.toISOString(), error, userId, day],
      },
    ]);
  }

  async digestSend(userId: number, day: string): Promise<DigestSend | null> {
    const rows = await this.runner.all<{ state: DigestSend['state']; at: string; error: string | null }>({
      sql: 'SELECT state, at, error FROM digest_sends WHERE user_id = ? AND day = ?',
      params: [userId, day],
    });
    return rows[0] ? { state: rows[0].state, at: rows[0].at, error: rows[0].error } : null;
  }
}
