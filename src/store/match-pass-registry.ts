/**
 * What a matching pass reads and records (match-saved-searches.ts): which searches are behind the
 * newest article, what the new articles bring to their stories, a search's earlier hits of a story,
 * and the pass's hits and positions written at once. Part of the saved-search registry of both stores
 * (SavedSearchRegistry extends it), as the deliveries are (DeliveryRegistry, which this extends).
 */
import { isOutletType } from '../core/outlet-types.ts';
import { DeliveryRegistry } from './delivery-registry.ts';
import type { NewHit, SearchToMatch, StoryFacts } from './saved-searches.ts';
import type { SqlStep } from './subscription-registry.ts';

export class MatchPassRegistry extends DeliveryRegistry {
  async behind(upTo: number): Promise<SearchToMatch[]> {
    const rows = await this.runner.all<{
      id: number | string;
      name: string;
      query: string;
      matched_up_to: number | string;
      webhook_url: string | null;
    }>({
      sql: 'SELECT id, name, query, matched_up_to, webhook_url FROM saved_searches WHERE matched_up_to < ? ORDER BY matched_up_to, id',
      params: [upTo],
    });
    return rows.map((row) => ({
      id: Number(row.id),
      name: row.name,
      query: row.query,
      matchedUpTo: Number(row.matched_up_to),
      webhookUrl: row.webhook_url,
    }));
  }

  async highestArticleId(): Promise<number> {
    const rows = await this.runner.all<{ n: number | string }>({
      sql: 'SELECT coalesce(max(id), 0) AS n FROM articles',
      params: [],
    });
    return Number(rows[0]?.n ?? 0);
  }

  async storyFacts(range: { after: number; upTo: number }): Promise<Map<number, StoryFacts>> {
    const params = [range.after, range.upTo];
    const articles = await this.runner.all<{
      id: number | string;
      cluster_id: number | string | null;
      outlet_type: string | null;
    }>({
      sql: `SELECT a.id, a.cluster_id, s.outlet_type FROM articles a JOIN sources s ON s.id = a.source_id
            WHERE a.id > ? AND a.id <= ? ORDER BY a.id`,
      params,
    });
    const facts = new Map<number, StoryFacts>(
      articles.map((row) => [
        Number(row.id),
        {
          storyId: row.cluster_id === null ? null : Number(row.cluster_id),
          places: [],
          numbers: [],
          outletType: isOutletType(row.outlet_type) ? row.outlet_type : null,
        },
      ]),
    );
    const places = await this.runner.all<{ article_id: number | string; name: string }>({
      sql: `SELECT m.article_id, e.name FROM article_entities m JOIN entities e ON e.id = m.entity_id
            WHERE m.article_id > ? AND m.article_id <= ? AND e.type = 'place'`,
      params,
    });
    for (const row of places) facts.get(Number(row.article_id))?.places.push(row.name);
    const numbers = await this.runner.all<{ article_id: number | string; count: number | string }>({
      sql: 'SELECT article_id, count FROM article_events WHERE article_id > ? AND article_id <= ? AND count IS NOT NULL',
      params,
    });
    for (const row of numbers) facts.get(Number(row.article_id))?.numbers.push(Number(row.count));
    return facts;
  }

  async storyHits(savedSearchId: number, storyId: number): Promise<number[]> {
    // By the articles' story as it stands, not the story id the hit was recorded with: stories
    // merge, and a copied archive is clustered anew. The story's few articles first (articles_cluster;
    // CROSS JOIN keeps SQLite to that order), then each one's hit by key, never the search's hits.
    const rows = await this.runner.all<{ article_id: number | string }>({
      sql: `SELECT h.article_id FROM articles a CROSS JOIN saved_search_hits h
            WHERE a.cluster_id = ? AND h.saved_search_id = ? AND h.article_id = a.id
            ORDER BY h.article_id`,
      params: [storyId, savedSearchId],
    });
    return rows.map((row) => Number(row.article_id));
  }

  async recordPass(
    entries: { savedSearchId: number; hits: NewHit[]; upTo: number; webhook: boolean }[],
    now = new Date(),
  ): Promise<void> {
    if (entries.length === 0) return;
    const at = now.toISOString();
    // A pass can hold thousands of hits and a position per search: a few statements over JSON lists,
    // not one statement each.
    const postgres = this.runner.dialect === 'postgres';
    /** The rows of a JSON array parameter, each `j.value` an array. */
    const list = postgres ? 'jsonb_array_elements(CAST(? AS jsonb)) AS j(value)' : 'json_each(?) AS j';
    /** Element `index` of a row: a number (ids, flags; JSON null stays NULL) or text. */
    const item = (index: number, type: 'number' | 'text' = 'number') =>
      postgres && type === 'number' ? `CAST(j.value->>${index} AS bigint)` : `j.value->>${index}`;
    const hits = entries.flatMap(({ savedSearchId, hits }) =>
      hits.map((hit) => [savedSearchId, hit.articleId, hit.storyId, hit.alert ? 1 : 0, hit.why]),
    );
    const alerts = entries.flatMap(({ savedSearchId, hits, webhook }) =>
      webhook ? hits.map((hit) => [savedSearchId, hit.articleId]) : [],
    );
    const positions = new Map<number, number[]>();
    for (const { savedSearchId, upTo } of entries) {
      const ids = positions.get(upTo);
      if (ids === undefined) positions.set(upTo, [savedSearchId]);
      else ids.push(savedSearchId);
    }
    const steps: SqlStep[] = [];
    if (hits.length > 0)
      steps.push({
        sql: `INSERT INTO saved_search_hits (saved_search_id, article_id, story_id, alert, why, found_at)
              SELECT ${item(0)}, ${item(1)}, ${item(2)}, ${item(3)}, ${item(4, 'text')}, ?
              FROM ${list} WHERE true
              ON CONFLICT (saved_search_id, article_id) DO NOTHING`,
        params: [at, JSON.stringify(hits)],
      });
    // Each alert of a search with a webhook is queued for it, once: from the hit as stored, so a
    // redone pass (its hits already there) queues nothing the first did not; and only while the
    // search still has its webhook, read in this transaction (one removed while the pass ran would
    // otherwise leave a delivery nobody sends).
    if (alerts.length > 0)
      steps.push({
        sql: `INSERT INTO deliveries (saved_search_id, article_id, channel, why, state, attempts, next_attempt_at, created_at)
              SELECT h.saved_search_id, h.article_id, 'webhook', h.why, 'pending', 0, h.found_at, h.found_at
              FROM ${list}
              JOIN saved_search_hits h ON h.saved_search_id = ${item(0)} AND h.article_id = ${item(1)}
              JOIN saved_searches s ON s.id = h.saved_search_id AND s.webhook_url IS NOT NULL
              WHERE h.alert = 1
              ON CONFLICT (saved_search_id, article_id, channel) DO NOTHING`,
        params: [JSON.stringify(alerts)],
      });
    for (const [upTo, ids] of positions)
      steps.push({
        sql: `UPDATE saved_searches SET matched_up_to = ?, last_run_at = ?
              WHERE id IN (SELECT ${item(0)} FROM ${list}) AND matched_up_to < ?`,
        params: [upTo, at, JSON.stringify(ids.map((id) => [id])), upTo],
      });
    await this.runner.atomically(steps);
  }
}
