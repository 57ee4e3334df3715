/**
 * Story clusters: the same story told by several outlets, grouped by the near-duplicate detector
 * (src/ingest/cluster/). The store keeps each article's fingerprint and band keys and the cluster it
 * was put in; deciding which cluster is the detector's. A cluster's id is the id of an article in it
 * (the one that opened it), so an article alone is simply not in a cluster.
 */

/** An earlier article that shares a band key with a new one. */
export interface StoredClusterCandidate {
  articleId: number;
  clusterId: number;
  sourceId: number;
  /** The fingerprint as the detector encoded it (fingerprint-codec.ts). */
  fingerprint: Uint8Array;
}

/** What to record for one article. */
export interface ClusterPlacement {
  articleId: number;
  /** The cluster it joins, or its own id when it opens one. */
  clusterId: number;
  fingerprint: Uint8Array;
  /** The keys it is found by (none for a text too short to cluster). */
  bandKeys: string[];
  /** Clusters that tell the same story too: their articles move into `clusterId`. */
  mergeClusterIds?: number[];
}

/** An article not placed yet. */
export interface UnplacedArticle {
  id: number;
  sourceId: number;
  title: string;
  text: string;
}

/** One article of a cluster. */
export interface ClusterMember {
  id: number;
  source: string;
  title: string;
  url: string | null;
  publishedAt: string | null;
}

/** How big a cluster is. */
export interface ClusterSize {
  articles: number;
  sources: number;
}

/** The clusters of one archive. */
export interface ClusterStore {
  /** Up to `limit` placed articles with at least one of `bandKeys`, newest id first. */
  candidates(bandKeys: string[], limit: number): Promise<StoredClusterCandidate[]>;
  /** Records the placement (fingerprint, keys, cluster, merges) in one transaction. */
  place(placement: ClusterPlacement): Promise<void>;
  /** Up to `limit` articles with ids above `afterId` that were never placed, in id order. */
  unplaced(afterId: number, limit: number): Promise<UnplacedArticle[]>;
  /**
   * Forgets the fingerprints and band keys of articles published (or, undated, fetched) before
   * `before` (ISO 8601): copies of a story arrive within days, so old ones need not be offered as
   * candidates, and the index stays the size of a few weeks of news. Their clusters stay. Returns
   * how many articles lost their keys.
   */
  pruneIndex(before: string): Promise<number>;
  /** The articles of a cluster, oldest first. */
  members(clusterId: number): Promise<ClusterMember[]>;
  /** Sizes of the given clusters (those that exist). */
  sizes(clusterIds: number[]): Promise<Map<number, ClusterSize>>;
}
