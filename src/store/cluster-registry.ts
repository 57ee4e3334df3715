/**
 * The ClusterStore of both stores, one set of SQL run through each store's SqlRunner (as
 * subscription-registry.ts). Fingerprints are BLOB on SQLite and bytea on PostgreSQL; both drivers
 * give them back as Buffers.
 */
import type {
  ClusterMember,
  ClusterPlacement,
  ClusterSize,
  ClusterStore,
  StoredClusterCandidate,
  UnplacedArticle,
} from './clusters.ts';
import type { SqlRunner, SqlStep } from './subscription-registry.ts';

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** The ClusterStore over `runner`. */
export class ClusterRegistry implements ClusterStore {
  constructor(private readonly runner: SqlRunner) {}

  async candidates(bandKeys: string[], limit: number): Promise<StoredClusterCandidate[]> {
    if (bandKeys.length === 0) return [];
    const rows = await this.runner.all<{
      article_id: number;
      cluster_id: number;
      source_id: number;
      fingerprint: Uint8Array;
    }>({
      sql: `SELECT a.id AS article_id, a.cluster_id, a.source_id, f.signature AS fingerprint
            FROM articles a JOIN article_signatures f ON f.article_id = a.id
            WHERE a.id IN (SELECT article_id FROM article_bands WHERE band_key IN (${placeholders(bandKeys.length)}))
              AND a.cluster_id IS NOT NULL
            ORDER BY a.id DESC LIMIT ?`,
      params: [...bandKeys, limit],
    });
    return rows.map((row) => ({
      articleId: row.article_id,
      clusterId: row.cluster_id,
      sourceId: row.source_id,
      fingerprint: row.fingerprint,
    }));
  }

  async place(placement: ClusterPlacement): Promise<void> {
    const { articleId, clusterId } = placement;
    const steps: SqlStep[] = [
      { sql: 'DELETE FROM article_signatures WHERE article_id = ?', params: [articleId] },
      {
        sql: 'INSERT INTO article_signatures (article_id, signature) VALUES (?, ?)',
        params: [articleId, Buffer.from(placement.fingerprint)],
      },
      { sql: 'DELETE FROM article_bands WHERE article_id = ?', params: [articleId] },
    ];
    if (placement.bandKeys.length > 0) {
      steps.push({
        sql: `INSERT INTO article_bands (band_key, article_id) VALUES ${placement.bandKeys.map(() => '(?, ?)').join(', ')}`,
        params: placement.bandKeys.flatMap((key) => [key, articleId]),
      });
    }
    const merged = (placement.mergeClusterIds ?? []).filter((id) => id !== clusterId);
    if (merged.length > 0) {
      steps.push({
        sql: `UPDATE articles SET cluster_id = ? WHERE cluster_id IN (${placeholders(merged.length)})`,
        params: [clusterId, ...merged],
      });
    }
    steps.push({ sql: 'UPDATE articles SET cluster_id = ? WHERE id = ?', params: [clusterId, articleId] });
    await this.runner.atomically(steps);
  }

  async unplaced(afterId: number, limit: number): Promise<UnplacedArticle[]> {
    const rows = await this.runner.all<{ id: number; source_id: number; title: string; text: string }>({
      sql: `SELECT a.id, a.source_id, a.title, a.text FROM articles a
            WHERE a.cluster_id IS NULL AND a.id > ?
            ORDER BY a.id LIMIT ?`,
      params: [afterId, limit],
    });
    return rows.map((row) => ({ id: row.id, sourceId: row.source_id, title: row.title, text: row.text }));
  }

  async pruneIndex(before: string): Promise<number> {
    // Through the signatures (a few weeks of articles once pruning runs), not the whole archive.
    const old = `SELECT f.article_id FROM article_signatures f JOIN articles a ON a.id = f.article_id
                 WHERE coalesce(a.published_at, a.fetched_at) < ?`;
    const pruned = await this.runner.atomically<{ article_id: number }>([
      { sql: `DELETE FROM article_bands WHERE article_id IN (${old})`, params: [before] },
      // Bands first: they are found through the signatures. One row per article comes back.
      {
        sql: `DELETE FROM article_signatures WHERE article_id IN (${old}) RETURNING article_id`,
        params: [before],
      },
    ]);
    return pruned.length;
  }

  async members(clusterId: number): Promise<ClusterMember[]> {
    if (!Number.isSafeInteger(clusterId) || clusterId < 1) return [];
    const rows = await this.runner.all<{
      id: number;
      source: string;
      title: string;
      url: string | null;
      published_at: string | null;
    }>({
      sql: `SELECT a.id, s.name AS source, a.title, a.url, a.published_at
            FROM articles a JOIN sources s ON s.id = a.source_id
            WHERE a.cluster_id = ? ORDER BY a.published_at, a.id`,
      params: [clusterId],
    });
    return rows.map((row) => ({
      id: row.id,
      source: row.source,
      title: row.title,
      url: row.url,
      publishedAt: row.published_at,
    }));
  }

  async sizes(clusterIds: number[]): Promise<Map<number, ClusterSize>> {
    const ids = [...new Set(clusterIds.filter((id) => Number.isSafeInteger(id) && id > 0))];
    if (ids.length === 0) return new Map();
    const rows = await this.runner.all<{ cluster_id: number; articles: number; sources: number }>({
      sql: `SELECT cluster_id, count(*) AS articles, count(DISTINCT source_id) AS sources
            FROM articles WHERE cluster_id IN (${placeholders(ids.length)}) GROUP BY cluster_id`,
      params: ids,
    });
    return new Map(rows.map((row) => [row.cluster_id, { articles: row.articles, sources: row.sources }]));
  }
}
