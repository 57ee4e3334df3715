/**
 * The SubscriptionStore of both stores: one set of SQL, with `?` placeholders, run through a small
 * runner each store provides (SQLite's connection, PostgreSQL's pool). The two schemas differ only
 * in column types (ISO text and integers on SQLite, timestamptz and bigint on PostgreSQL, which the
 * pool reads back as the same ISO strings and numbers), so the statements are shared as they are.
 */
import { AppError } from '../core/errors.ts';
import { auditStep } from './account-registry.ts';
import { slugifySourceName } from './prepare-article.ts';
import {
  defaultIntervalMinutes,
  type FetchLogEntry,
  type FetchOutcome,
  maxKeptWarnings,
  type NewSubscription,
  type Subscription,
  type SubscriptionAudit,
  type SubscriptionStore,
} from './subscriptions.ts';

/** One statement and its parameters. */
export interface SqlStep {
  sql: string;
  params: unknown[];
}

/** What the registry needs of a store's connection. */
export interface SqlRunner {
  /** Which SQL the connection speaks, for the few expressions the two spell differently (dates). */
  readonly dialect: 'sqlite' | 'postgres';
  /** The rows of one statement. */
  all<T>(step: SqlStep): Promise<T[]>;
  /** Runs the steps in one transaction, in order; gives the rows of the last one. */
  atomically<T>(steps: SqlStep[]): Promise<T[]>;
}

/** The longest feed URL accepted (browsers cope with a few thousand characters; feeds need far fewer). */
const maxUrlLength = 2048;

interface SubscriptionRow {
  id: number;
  feed_url: string;
  site_url: string | null;
  title: string | null;
  source_id: number;
  source_name: string;
  interval_minutes: number;
  created_at: string;
  etag: string | null;
  last_modified: string | null;
  last_fetch_at: string | null;
  last_success_at: string | null;
  last_status: number | null;
  last_error: string | null;
  consecutive_failures: number;
  failing_since: string | null;
  next_fetch_at: string;
  article_count: number;
  last_warnings: string | null;
}

interface FetchLogRow {
  id: number;
  subscription_id: number;
  started_at: string;
  finished_at: string;
  http_status: number | null;
  not_modified: number;
  items_seen: number;
  new_articles: number;
  error_code: string | null;
  error_message: string | null;
  warnings: string | null;
}

const selectSubscriptions = `SELECT sub.id, sub.feed_url, sub.site_url, sub.title, sub.source_id,
  s.name AS source_name, sub.interval_minutes, sub.created_at, sub.etag, sub.last_modified,
  sub.last_fetch_at, sub.last_success_at, sub.last_status, sub.last_error, sub.consecutive_failures,
  sub.failing_since, sub.next_fetch_at, sub.last_warnings,
  (SELECT count(*) FROM articles a WHERE a.source_id = sub.source_id) AS article_count
FROM subscriptions sub JOIN sources s ON s.id = sub.source_id`;

function rowToSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    feedUrl: row.feed_url,
    siteUrl: row.site_url,
    title: row.title,
    sourceId: row.source_id,
    sourceName: row.source_name,
    intervalMinutes: row.interval_minutes,
    createdAt: row.created_at,
    etag: row.etag,
    lastModified: row.last_modified,
    lastFetchAt: row.last_fetch_at,
    lastSuccessAt: row.last_success_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    failingSince: row.failing_since,
    nextFetchAt: row.next_fetch_at,
    articleCount: row.article_count,
    lastWarnings: splitWarnings(row.last_warnings),
  };
}

function rowToLogEntry(row: FetchLogRow): FetchLogEntry {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    httpStatus: row.http_status,
    notModified: row.not_modified === 1,
    itemsSeen: row.items_seen,
    newArticles: row.new_articles,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    warnings: splitWarnings(row.warnings),
  };
}

/** Warnings as stored: one a line (a warning's own line breaks become spaces), the first maxKeptWarnings. */
function joinWarnings(warnings: string[] | undefined): string | null {
  if (warnings === undefined || warnings.length === 0) return null;
  const kept = warnings
    .slice(0, maxKeptWarnings)
    .map((warning) => warning.replace(/\s+/g, ' ').slice(0, 1000));
  if (warnings.length > maxKeptWarnings) kept.push(`… and ${warnings.length - maxKeptWarnings} more`);
  return kept.join('\n');
}

function splitWarnings(stored: string | null): string[] {
  return stored === null || stored === '' ? [] : stored.split('\n');
}

/** An absolute http(s) URL, or SUBSCRIPTION_INVALID saying what is wrong with it. */
function checkFeedUrl(value: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError(
      'SUBSCRIPTION_INVALID',
      `"${trimmed}" is not an absolute URL (https://outlet.example/feed.xml)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('SUBSCRIPTION_INVALID', `${trimmed}: only http and https feeds can be followed`);
  if (url.username || url.password)
    throw new AppError(
      'SUBSCRIPTION_INVALID',
      `${url.host}: a feed URL must not carry a user name or password`,
    );
  url.hash = '';
  const href = url.href;
  if (href.length > maxUrlLength)
    throw new AppError(
      'SUBSCRIPTION_INVALID',
      `the feed URL is ${href.length} characters long; at most ${maxUrlLength}`,
    );
  return href;
}

/** An audit entry's detail: the source a feed is filed under (its name cut to 200 characters), then more. */
function describeFeed(sourceName: string, more: string, via: string | undefined): string {
  const name = sourceName.length > 200 ? `${sourceName.slice(0, 199)}…` : sourceName;
  return [`source "${name}"`, more, ...(via === undefined || via === '' ? [] : [via.slice(0, 300)])].join(
    ', ',
  );
}

/** The SubscriptionStore over `runner`. */
export class SubscriptionRegistry implements SubscriptionStore {
  constructor(private readonly runner: SqlRunner) {}

  async add(
    input: NewSubscription,
    now: Date = new Date(),
    audit?: SubscriptionAudit,
  ): Promise<{ subscription: Subscription; created: boolean }> {
    const feedUrl = checkFeedUrl(input.feedUrl);
    const sourceName = input.sourceName.replace(/\s+/g, ' ').trim();
    const slug = slugifySourceName(sourceName);
    if (slug === '')
      throw new AppError(
        'SUBSCRIPTION_INVALID',
        `${feedUrl}: the source name "${input.sourceName}" has no letters or digits`,
      );
    const interval = input.intervalMinutes ?? defaultIntervalMinutes;
    if (!Number.isInteger(interval) || interval < 1 || interval > 7 * 24 * 60)
      throw new AppError(
        'SUBSCRIPTION_INVALID',
        `${feedUrl}: the interval must be 1 to 10080 minutes, not ${interval}`,
      );
    const existing = await this.findByUrl(feedUrl);
    if (existing !== null) return { subscription: existing, created: false };
    const at = now.toISOString();
    try {
      await this.runner.atomically([
        {
          sql: 'INSERT INTO sources (name, slug, created_at) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING',
          params: [sourceName, slug, at],
        },
        ...(audit === undefined
          ? []
          : [
              auditStep(
                {
                  actor: audit.actor,
                  action: 'source.add',
                  target: feedUrl,
                  detail: describeFeed(sourceName, `every ${interval} min`, audit.via),
                },
                at,
              ),
            ]),
        {
          // VALUES, not INSERT … SELECT: PostgreSQL takes each parameter's type from its column there.
          sql: `INSERT INTO subscriptions (feed_url, site_url, title, source_id, interval_minutes, created_at,
                  consecutive_failures, next_fetch_at)
                VALUES (?, ?, ?, (SELECT id FROM sources WHERE slug = ?), ?, ?, 0, ?)`,
          params: [feedUrl, input.siteUrl ?? null, input.title ?? null, slug, interval, at, at],
        },
      ]);
    } catch (error) {
      // Another writer followed the URL between the look-up and the insert: the unique feed URL
      // refused this one and the whole transaction (audit entry included) rolled back.
      const raced = await this.findByUrl(feedUrl);
      if (raced !== null) return { subscription: raced, created: false };
      throw error;
    }
    const added = await this.findByUrl(feedUrl);
    if (added === null)
      throw new AppError('SUBSCRIPTION_NOT_FOUND', `${feedUrl} was removed as it was being followed`);
    return { subscription: added, created: true };
  }

  private async findByUrl(feedUrl: string): Promise<Subscription | null> {
    const rows = await this.runner.all<SubscriptionRow>({
      sql: `${selectSubscriptions} WHERE sub.feed_url = ?`,
      params: [feedUrl],
    });
    return rows[0] ? rowToSubscription(rows[0]) : null;
  }

  async list(): Promise<Subscription[]> {
    const rows = await this.runner.all<SubscriptionRow>({
      sql: `${selectSubscriptions} ORDER BY s.name, sub.feed_url`,
      params: [],
    });
    return rows.map(rowToSubscription);
  }

  async get(id: number): Promise<Subscription | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const rows = await this.runner.all<SubscriptionRow>({
      sql: `${selectSubscriptions} WHERE sub.id = ?`,
      params: [id],
    });
    return rows[0] ? rowToSubscription(rows[0]) : null;
  }

  async remove(id: number, audit?: SubscriptionAudit, now: Date = new Date()): Promise<boolean> {
    if (!Number.isSafeInteger(id) || id < 1) return false;
    const steps: SqlStep[] = [];
    if (audit !== undefined) {
      const subscription = await this.get(id);
      if (subscription === null) return false;
      const at = now.toISOString();
      const time = this.runner.dialect === 'postgres' ? 'CAST(? AS timestamptz)' : '?';
      const articles =
        subscription.articleCount === 1 ? '1 article' : `${subscription.articleCount} articles`;
      steps.push(
        // The row is locked first (on PostgreSQL a removal racing this one waits here, then finds no
        // row), so the entry below is written only when this call is the one that removes the feed.
        { sql: 'UPDATE subscriptions SET interval_minutes = interval_minutes WHERE id = ?', params: [id] },
        {
          sql: `INSERT INTO audit_log (at, actor, action, target, detail)
                SELECT ${time}, ?, 'source.remove', ?, ? WHERE EXISTS (SELECT 1 FROM subscriptions WHERE id = ?)`,
          params: [
            at,
            audit.actor,
            subscription.feedUrl,
            describeFeed(subscription.sourceName, `#${id}, its ${articles} kept`, audit.via),
            id,
          ],
        },
      );
    }
    const removed = await this.runner.atomically<{ id: number }>([
      ...steps,
      { sql: 'DELETE FROM fetch_log WHERE subscription_id = ?', params: [id] },
      { sql: 'DELETE FROM subscriptions WHERE id = ? RETURNING id', params: [id] },
    ]);
    return removed.length === 1;
  }

  async due(now: Date, limit: number): Promise<Subscription[]> {
    const rows = await this.runner.all<SubscriptionRow>({
      sql: `${selectSubscriptions} WHERE sub.next_fetch_at <= ? ORDER BY sub.next_fetch_at, sub.id LIMIT ?`,
      params: [now.toISOString(), limit],
    });
    return rows.map(rowToSubscription);
  }

  async recordFetch(outcome: FetchOutcome): Promise<Subscription> {
    const warnings = joinWarnings(outcome.warnings);
    const sets = ['last_fetch_at = ?', 'last_status = ?', 'next_fetch_at = ?', 'last_warnings = ?'];
    const params: unknown[] = [outcome.startedAt, outcome.httpStatus, outcome.nextFetchAt, warnings];
    if (outcome.error === null) {
      sets.push(
        'last_error = NULL',
        'last_success_at = ?',
        'consecutive_failures = 0',
        'failing_since = NULL',
      );
      params.push(outcome.finishedAt);
    } else {
      sets.push(
        'last_error = ?',
        'consecutive_failures = consecutive_failures + 1',
        'failing_since = coalesce(failing_since, ?)',
      );
      params.push(`${outcome.error.code}: ${outcome.error.message}`, outcome.startedAt);
    }
    for (const [column, value] of [
      ['etag', outcome.etag],
      ['last_modified', outcome.lastModified],
      ['title', outcome.title],
      ['site_url', outcome.siteUrl],
    ] as const) {
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(value);
    }
    if ((await this.get(outcome.subscriptionId)) === null)
      throw new AppError(
        'SUBSCRIPTION_NOT_FOUND',
        `no subscription ${outcome.subscriptionId} (removed while it was fetched?)`,
      );
    await this.runner.atomically([
      {
        sql: `UPDATE subscriptions SET ${sets.join(', ')} WHERE id = ?`,
        params: [...params, outcome.subscriptionId],
      },
      {
        sql: `INSERT INTO fetch_log (subscription_id, started_at, finished_at, http_status, not_modified,
                items_seen, new_articles, error_code, error_message, warnings)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          outcome.subscriptionId,
          outcome.startedAt,
          outcome.finishedAt,
          outcome.httpStatus,
          outcome.notModified ? 1 : 0,
          outcome.itemsSeen,
          outcome.newArticles,
          outcome.error?.code ?? null,
          outcome.error?.message ?? null,
          warnings,
        ],
      },
    ]);
    const subscription = await this.get(outcome.subscriptionId);
    if (subscription === null)
      throw new AppError(
        'SUBSCRIPTION_NOT_FOUND',
        `no subscription ${outcome.subscriptionId} (removed while it was fetched)`,
      );
    return subscription;
  }

  async fetchLog(subscriptionId: number, limit: number): Promise<FetchLogEntry[]> {
    const rows = await this.runner.all<FetchLogRow>({
      sql: `SELECT id, subscription_id, started_at, finished_at, http_status, not_modified, items_seen,
              new_articles, error_code, error_message, warnings
            FROM fetch_log WHERE subscription_id = ? ORDER BY id DESC LIMIT ?`,
      params: [subscriptionId, limit],
    });
    return rows.map(rowToLogEntry);
  }
}
