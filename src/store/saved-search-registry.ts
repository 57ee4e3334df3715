/** The SavedSearchStore of both stores: one set of SQL through the store's SqlRunner (see subscription-registry.ts). */
import { AppError } from '../core/errors.ts';
import { auditStep } from './account-registry.ts';
import type { AuditNote } from './accounts.ts';
import { MatchPassRegistry } from './match-pass-registry.ts';
import type {
  DigestSchedule,
  InboxEntry,
  NewSavedSearch,
  NewSavedSearchSecrets,
  SavedSearch,
  SavedSearchChanges,
  SavedSearchHit,
  SavedSearchPage,
  SavedSearchStore,
  UpdatedSavedSearch,
} from './saved-searches.ts';
import { createWebhookSecret } from './saved-searches.ts';
import type { SqlStep } from './subscription-registry.ts';

interface SavedSearchRow {
  id: number;
  owner_id: number;
  owner_name: string;
  name: string;
  query: string;
  shared: number;
  webhook_url: string | null;
  digest: DigestSchedule;
  created_at: string;
  last_run_at: string | null;
  matched_up_to: number | string;
  hits: number | string;
  alerts: number | string;
  unread_hits: number | string;
}

/**
 * Whose read state a statement reads: the user given as its parameter, or (NULL) the search's owner.
 * Read state is per reader (hit_reads); saved_search_hits.read_at is no longer used (migration 12).
 */
const reader = 'coalesce(?, s.owner_id)';

/** Its first parameter is the reader (see `reader`). */
const selectSearches = `SELECT s.id, s.owner_id, u.name AS owner_name, s.name, s.query, s.shared, s.webhook_url,
  s.digest, s.created_at, s.last_run_at, s.matched_up_to,
  (SELECT count(*) FROM saved_search_hits h WHERE h.saved_search_id = s.id) AS hits,
  (SELECT count(*) FROM saved_search_hits h WHERE h.saved_search_id = s.id AND h.alert = 1) AS alerts,
  (SELECT count(*) FROM saved_search_hits h WHERE h.saved_search_id = s.id AND h.alert = 1
     AND NOT EXISTS (SELECT 1 FROM hit_reads r WHERE r.user_id = ${reader}
       AND r.saved_search_id = h.saved_search_id AND r.article_id = h.article_id)) AS unread_hits
FROM saved_searches s JOIN users u ON u.id = s.owner_id`;

function toSavedSearch(row: SavedSearchRow): SavedSearch {
  return {
    id: Number(row.id),
    ownerId: Number(row.owner_id),
    ownerName: row.owner_name,
    name: row.name,
    query: row.query,
    shared: Number(row.shared) === 1,
    webhookUrl: row.webhook_url,
    digest: row.digest,
    createdAt: row.created_at,
    lastRunAt: row.last_run_at,
    matchedUpTo: Number(row.matched_up_to),
    hits: Number(row.hits),
    alerts: Number(row.alerts),
    unreadHits: Number(row.unread_hits),
  };
}

interface HitRow {
  saved_search_id: number | string;
  article_id: number | string;
  story_id: number | string | null;
  alert: number;
  why: string;
  found_at: string;
  read_at: string | null;
}

/**
 * Hits with their search's name and when the reader read them, for the inbox, the digest and a
 * search's hits; its first parameter is the reader (see `reader`).
 */
const selectHits = `SELECT h.saved_search_id, s.name AS saved_search_name, h.article_id, h.story_id, h.alert, h.why,
  h.found_at, r.read_at
FROM saved_search_hits h JOIN saved_searches s ON s.id = h.saved_search_id
LEFT JOIN hit_reads r ON r.user_id = ${reader} AND r.saved_search_id = h.saved_search_id AND r.article_id = h.article_id`;

function toHit(row: HitRow): SavedSearchHit {
  return {
    savedSearchId: Number(row.saved_search_id),
    articleId: Number(row.article_id),
    storyId: row.story_id === null ? null : Number(row.story_id),
    alert: Number(row.alert) === 1,
    why: row.why,
    foundAt: row.found_at,
    readAt: row.read_at,
  };
}

function toInboxEntry(row: HitRow & { saved_search_name: string }): InboxEntry {
  return { ...toHit(row), savedSearchName: row.saved_search_name };
}

/**
 * The saved searches and what they found; what is sent for them (webhook deliveries, digest claims)
 * is DeliveryRegistry's part of the same contract.
 */
export class SavedSearchRegistry extends MatchPassRegistry implements SavedSearchStore {
  async add(
    search: NewSavedSearch & Partial<NewSavedSearchSecrets>,
    audit: AuditNote,
    now = new Date(),
  ): Promise<SavedSearch> {
    const taken = await this.runner.all<{ id: number }>({
      sql: 'SELECT id FROM saved_searches WHERE owner_id = ? AND name = ?',
      params: [search.ownerId, search.name],
    });
    if (taken.length > 0)
      throw new AppError(
        'WATCH_EXISTS',
        `there is already a saved search called "${search.name}" of that user`,
      );
    const rows = await this.runner.atomically<{ id: number }>([
      auditStep(audit, now.toISOString()),
      {
        // A new search alerts about what arrives from now on: it starts matched up to the newest article.
        sql: `INSERT INTO saved_searches (owner_id, name, query, shared, webhook_url, webhook_secret, feed_key, digest, created_at, matched_up_to)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM articles)) RETURNING id`,
        params: [
          search.ownerId,
          search.name,
          search.query,
          search.shared ? 1 : 0,
          search.webhookUrl,
          search.webhookSecret ?? null,
          search.feedKey ?? null,
          search.digest,
          now.toISOString(),
        ],
      },
    ]);
    return (await this.get(Number(rows[0]!.id)))!;
  }

  async list(
    options: { visibleTo?: number; readerId?: number; page?: SavedSearchPage } = {},
  ): Promise<SavedSearch[]> {
    const readerId = options.readerId ?? options.visibleTo ?? null;
    const visible = options.visibleTo === undefined ? '' : ' WHERE s.owner_id = ? OR s.shared = 1';
    // The id last: owner and name are unique together, but the two stores may collate names apart,
    // and a page must never repeat or skip a search.
    let sql = `${selectSearches}${visible} ORDER BY u.name, s.name, s.id`;
    const params: unknown[] = [readerId, ...(options.visibleTo === undefined ? [] : [options.visibleTo])];
    if (options.page !== undefined) {
      sql += ' LIMIT ? OFFSET ?';
      params.push(
        Math.min(Math.max(1, Math.trunc(options.page.limit)), 1_000),
        Math.max(0, Math.trunc(options.page.offset ?? 0)),
      );
    }
    const rows = await this.runner.all<SavedSearchRow>({ sql, params });
    return rows.map(toSavedSearch);
  }

  async count(options: { visibleTo?: number; ownerId?: number } = {}): Promise<number> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.visibleTo !== undefined) {
      where.push('(owner_id = ? OR shared = 1)');
      params.push(options.visibleTo);
    }
    if (options.ownerId !== undefined) {
      where.push('owner_id = ?');
      params.push(options.ownerId);
    }
    const rows = await this.runner.all<{ n: number | string }>({
      sql: `SELECT count(*) AS n FROM saved_searches${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params,
    });
    return Number(rows[0]?.n ?? 0);
  }

  async get(id: number, options: { readerId?: number } = {}): Promise<SavedSearch | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const rows = await this.runner.all<SavedSearchRow>({
      sql: `${selectSearches} WHERE s.id = ?`,
      params: [options.readerId ?? null, id],
    });
    return rows[0] ? toSavedSearch(rows[0]) : null;
  }

  async inbox(userId: number, options: { limit?: number; unreadOnly?: boolean } = {}): Promise<InboxEntry[]> {
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 500);
    const rows = await this.runner.all<HitRow & { saved_search_name: string }>({
      sql: `${selectHits}
            WHERE h.alert = 1 AND (s.owner_id = ? OR s.shared = 1)${options.unreadOnly ? ' AND r.read_at IS NULL' : ''}
            ORDER BY h.found_at DESC, h.saved_search_id DESC, h.article_id DESC LIMIT ?`,
      params: [userId, userId, limit],
    });
    return rows.map(toInboxEntry);
  }

  async alertsBetween(from: string, to: string, options: { userId?: number } = {}): Promise<InboxEntry[]> {
    const visible = options.userId === undefined ? '' : ' AND (s.owner_id = ? OR s.shared = 1)';
    const rows = await this.runner.all<HitRow & { saved_search_name: string }>({
      sql: `${selectHits}
            WHERE h.alert = 1 AND h.found_at >= ? AND h.found_at < ?${visible}
            ORDER BY s.name, s.id, h.found_at, h.article_id LIMIT 10000`,
      params: [options.userId ?? null, from, to, ...(options.userId === undefined ? [] : [options.userId])],
    });
    return rows.map(toInboxEntry);
  }

  async markRead(
    userId: number,
    hits: { savedSearchId: number; articleId: number }[] | 'all',
    now = new Date(),
  ): Promise<number> {
    // A row of this reader's per alert read; one already there stays as it was (first read kept).
    const insert = `INSERT INTO hit_reads (user_id, saved_search_id, article_id, read_at)
      SELECT ?, h.saved_search_id, h.article_id, ? FROM saved_search_hits h
      WHERE h.alert = 1 AND h.saved_search_id IN (SELECT id FROM saved_searches WHERE owner_id = ? OR shared = 1)`;
    const conflict = 'ON CONFLICT (user_id, saved_search_id, article_id) DO NOTHING RETURNING article_id';
    const at = now.toISOString();
    const steps: SqlStep[] =
      hits === 'all'
        ? [{ sql: `${insert} ${conflict}`, params: [userId, at, userId] }]
        : hits.map((hit) => ({
            sql: `${insert} AND h.saved_search_id = ? AND h.article_id = ? ${conflict}`,
            params: [userId, at, userId, hit.savedSearchId, hit.articleId],
          }));
    if (steps.length === 0) return 0;
    let changed = 0;
    // One statement each, so every one's RETURNING is counted (atomically gives only the last's rows).
    for (const step of steps) changed += (await this.runner.all(step)).length;
    return changed;
  }

  async feedKeyOf(id: number): Promise<string | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const rows = await this.runner.all<{ feed_key: string | null }>({
      sql: 'SELECT feed_key FROM saved_searches WHERE id = ?',
      params: [id],
    });
    return rows[0]?.feed_key ?? null;
  }

  async listHits(
    savedSearchId: number,
    options: { limit?: number; alertsOnly?: boolean; readerId?: number; before?: number } = {},
  ): Promise<SavedSearchHit[]> {
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 1_000);
    const before = options.before === undefined ? null : Math.trunc(options.before);
    const rows = await this.runner.all<HitRow>({
      sql: `${selectHits}
            WHERE h.saved_search_id = ?${options.alertsOnly ? ' AND h.alert = 1' : ''}${before === null ? '' : ' AND h.article_id < ?'}
            ORDER BY h.article_id DESC LIMIT ?`,
      params: [options.readerId ?? null, savedSearchId, ...(before === null ? [] : [before]), limit],
    });
    return rows.map(toHit);
  }

  async update(
    id: number,
    changes: SavedSearchChanges,
    audit: AuditNote,
    now = new Date(),
  ): Promise<UpdatedSavedSearch | null> {
    const current = await this.get(id);
    if (current === null) return null;
    if (changes.name !== undefined && changes.name !== current.name) {
      const taken = await this.runner.all<{ id: number }>({
        sql: 'SELECT id FROM saved_searches WHERE owner_id = ? AND name = ? AND id <> ?',
        params: [current.ownerId, changes.name, id],
      });
      if (taken.length > 0)
        throw new AppError(
          'WATCH_EXISTS',
          `there is already a saved search called "${changes.name}" of that user`,
        );
    }
    const at = now.toISOString();
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      params.push(value);
    };
    if (changes.name !== undefined) set('name', changes.name);
    // matched_up_to stays: a new query applies to what is ingested from now on, never back-filled.
    if (changes.query !== undefined) set('query', changes.query);
    if (changes.shared !== undefined) set('shared', changes.shared ? 1 : 0);
    if (changes.digest !== undefined) set('digest', changes.digest);
    // The secret is decided in the statement, from the row as it is: a webhook without one (new, or
    // saved without) gets `secret`, as does one asked to rotate; a removed webhook loses its secret.
    const secret = createWebhookSecret();
    const rotate = changes.rotateSecret === true;
    if (changes.webhookUrl === null) sets.push('webhook_url = NULL', 'webhook_secret = NULL');
    else if (changes.webhookUrl !== undefined) {
      set('webhook_url', changes.webhookUrl);
      sets.push(
        rotate
          ? 'webhook_secret = ?'
          : 'webhook_secret = CASE WHEN webhook_secret IS NULL THEN ? ELSE webhook_secret END',
      );
      params.push(secret);
    } else if (rotate) {
      sets.push('webhook_secret = CASE WHEN webhook_url IS NULL THEN webhook_secret ELSE ? END');
      params.push(secret);
    }
    // Deliveries still pending when the webhook goes have nowhere to go: failed, saying why and when,
    // so they stay visible with the others instead of waiting for ever (dueDeliveries skips them).
    const abandonReason = `not sent: the webhook was removed from the saved search at ${at}`;
    const steps: SqlStep[] = [auditStep(audit, at)];
    if (sets.length > 0)
      steps.push({
        sql: `UPDATE saved_searches SET ${sets.join(', ')} WHERE id = ?`,
        params: [...params, id],
      });
    if (changes.webhookUrl === null)
      steps.push({
        sql: `UPDATE deliveries SET state = 'failed', last_error = ? WHERE saved_search_id = ? AND state = 'pending'`,
        params: [abandonReason, id],
      });
    const [outcome] = await this.runner.atomically<{
      webhook_secret: string | null;
      abandoned: number | string;
    }>([
      ...steps,
      {
        sql: `SELECT s.webhook_secret,
                (SELECT count(*) FROM deliveries d WHERE d.saved_search_id = s.id AND d.state = 'failed'
                   AND d.last_error = ?) AS abandoned
              FROM saved_searches s WHERE s.id = ?`,
        params: [abandonReason, id],
      },
    ]);
    const search = await this.get(id);
    if (search === null || outcome === undefined) return null;
    return {
      ...search,
      newWebhookSecret: outcome.webhook_secret === secret ? secret : null,
      abandonedDeliveries: Number(outcome.abandoned),
    };
  }

  async remove(id: number, audit: AuditNote): Promise<boolean> {
    if ((await this.get(id)) === null) return false;
    const rows = await this.runner.atomically<{ id: number }>([
      auditStep(audit, new Date().toISOString()),
      { sql: 'DELETE FROM hit_reads WHERE saved_search_id = ?', params: [id] },
      { sql: 'DELETE FROM saved_search_hits WHERE saved_search_id = ?', params: [id] },
      {
        sql: 'DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE saved_search_id = ?)',
        params: [id],
      },
      { sql: 'DELETE FROM deliveries WHERE saved_search_id = ?', params: [id] },
      { sql: 'DELETE FROM saved_searches WHERE id = ? RETURNING id', params: [id] },
    ]);
    return rows.length === 1;
  }
}
