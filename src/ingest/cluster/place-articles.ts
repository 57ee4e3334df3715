/**
 * Puts the archive's unplaced articles into story clusters: each is fingerprinted, looked up by its
 * band keys among the articles placed before it, and placed with assignCluster: joining the most
 * similar same-story candidate's cluster (and merging any other cluster it bridges), or opening its
 * own. Articles are taken in id order, so a copy placed later always meets the earlier ones; the work
 * is resumable, since an article counts as placed only once its placement is stored.
 */
import type { Store } from '../../store/store.ts';
import { assignCluster, clusterIndexKeys } from './assign-cluster.ts';
import { decodeFingerprint, encodeFingerprint } from './fingerprint-codec.ts';
import { type ClusterFingerprint, fingerprintArticle } from './fingerprint.ts';

/** The most candidates weighed per article (the newest): wire copies arrive close together. */
const maxCandidates = 200;

/**
 * Days of articles whose fingerprints stay in the index (by publication date): copies of a wire story
 * appear within days, so older articles are no longer offered as candidates (Store.clusters.pruneIndex).
 */
export const clusterWindowDays = 30;

/** Articles read per batch. */
const batchSize = 200;

/** What a pass did. */
export interface PlacementSummary {
  placed: number;
  /** Placed into an existing cluster. */
  joined: number;
  /** Clusters merged into another because an article told both stories' copies. */
  merged: number;
}

/** Places every article not placed yet (or only those with ids above `afterId`). */
export async function placeUnplacedArticles(
  store: Store,
  options: { afterId?: number; onProgress?: (placed: number) => void } = {},
): Promise<PlacementSummary> {
  const summary: PlacementSummary = { placed: 0, joined: 0, merged: 0 };
  let afterId = options.afterId ?? 0;
  for (;;) {
    const batch = await store.clusters.unplaced(afterId, batchSize);
    if (batch.length === 0) return summary;
    for (const article of batch) {
      const fingerprint = fingerprintArticle(article);
      const bandKeys = clusterIndexKeys(fingerprint);
      const candidates = (await store.clusters.candidates(bandKeys, maxCandidates)).flatMap((candidate) => {
        // A fingerprint of another format version is skipped: it is recomputed when re-placed.
        const decoded: ClusterFingerprint | null = decodeFingerprint(candidate.fingerprint);
        return decoded === null
          ? []
          : [{ clusterId: candidate.clusterId, fingerprint: decoded, source: candidate.sourceId }];
      });
      const assignment = assignCluster({ fingerprint, source: article.sourceId }, candidates);
      const joined = assignment.action === 'join';
      await store.clusters.place({
        articleId: article.id,
        clusterId: joined ? assignment.clusterId : article.id,
        fingerprint: encodeFingerprint(fingerprint),
        bandKeys,
        mergeClusterIds: joined ? assignment.alsoMatchedClusterIds : [],
      });
      summary.placed += 1;
      if (joined) {
        summary.joined += 1;
        summary.merged += assignment.alsoMatchedClusterIds.length;
      }
      afterId = article.id;
    }
    options.onProgress?.(summary.placed);
  }
}
