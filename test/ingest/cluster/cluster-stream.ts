/**
 * Clusters a fixture set the way ingest will: articles arrive one at a time in a seeded shuffled order,
 * each is looked up in the band index of those before it and placed with assignCluster, then indexed.
 * Scored by pairs: of the pairs put in one cluster, how many should be (precision), and of the pairs
 * that should be, how many were (recall).
 */
import { readFileSync } from 'node:fs';
import {
  type ClusterRules,
  assignCluster,
  clusterIndexKeys,
  defaultClusterRules,
} from '../../../src/ingest/cluster/assign-cluster.ts';
import {
  type ClusterFingerprint,
  type FingerprintShape,
  defaultFingerprintShape,
  fingerprintArticle,
} from '../../../src/ingest/cluster/fingerprint.ts';
import { type FixtureArticle, articlesPath } from '../../fixtures/clusters/make-articles.ts';

/** The committed fixture set. */
export function readFixtureArticles(path = articlesPath): FixtureArticle[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as FixtureArticle);
}

/** Pairwise scores of one clustering. */
export interface ClusteringQuality {
  precision: number;
  recall: number;
  /** Pairs that should share a cluster. */
  expectedPairs: number;
  /** Pairs put in one cluster. */
  predictedPairs: number;
  /** Pairs put in one cluster that should be. */
  correctPairs: number;
  /** Pairs of different stories of one topic put in one cluster (the hard negatives). */
  mergedTopicPairs: number;
  /** Pairs of different stories of one topic in the set. */
  topicPairs: number;
  /** Candidates looked at per article (articles sharing a band key with it). */
  candidatesPerArticle: number;
  /** Candidates that belonged to another story, per article. */
  falseCandidatesPerArticle: number;
}

/** The order articles arrive in: a Fisher–Yates shuffle driven by mulberry32(seed). */
export function shuffledOrder(count: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The fingerprints of the articles, in the same order. */
export function fingerprintAll(
  articles: readonly FixtureArticle[],
  shape: Readonly<FingerprintShape> = defaultFingerprintShape,
): ClusterFingerprint[] {
  return articles.map((article) => fingerprintArticle(article, shape));
}

/**
 * Streams the articles in `seed` order through assignCluster; the predicted cluster of each and the
 * scores. With `mergeBridged`, the clusters a join also matched are merged into the joined one (what a
 * store may do with alsoMatchedClusterIds); without, clusters only ever grow by joins.
 */
export function clusterStream(
  articles: readonly FixtureArticle[],
  fingerprints: readonly ClusterFingerprint[],
  seed: number,
  {
    rules = defaultClusterRules,
    mergeBridged = false,
  }: { rules?: Readonly<ClusterRules>; mergeBridged?: boolean } = {},
): { clusters: number[]; quality: ClusteringQuality } {
  const index = new Map<string, number[]>();
  const clusters = new Array<number>(articles.length).fill(-1);
  let candidates = 0;
  let falseCandidates = 0;
  for (const i of shuffledOrder(articles.length, seed)) {
    const keys = clusterIndexKeys(fingerprints[i]!, rules);
    const found = new Set<number>();
    for (const key of keys) for (const j of index.get(key) ?? []) found.add(j);
    candidates += found.size;
    for (const j of found) if (articles[j]!.cluster !== articles[i]!.cluster) falseCandidates++;
    const assignment = assignCluster(
      { fingerprint: fingerprints[i]!, source: articles[i]!.source },
      [...found].map((j) => ({
        clusterId: clusters[j]!,
        fingerprint: fingerprints[j]!,
        source: articles[j]!.source,
      })),
      rules,
    );
    // A new cluster takes the id of the article that opened it, as the store will do.
    clusters[i] = assignment.action === 'join' ? assignment.clusterId : i;
    if (assignment.action === 'join' && mergeBridged) {
      const bridged = new Set(assignment.alsoMatchedClusterIds);
      for (let j = 0; j < clusters.length; j++)
        if (bridged.has(clusters[j]!)) clusters[j] = assignment.clusterId;
    }
    for (const key of keys) index.set(key, [...(index.get(key) ?? []), i]);
  }
  const quality = scorePairs(articles, clusters);
  quality.candidatesPerArticle = candidates / articles.length;
  quality.falseCandidatesPerArticle = falseCandidates / articles.length;
  return { clusters, quality };
}

/** Pairwise precision and recall of `clusters` against the fixture labels. */
export function scorePairs(
  articles: readonly FixtureArticle[],
  clusters: readonly number[],
): ClusteringQuality {
  let expectedPairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  let topicPairs = 0;
  let mergedTopicPairs = 0;
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const expected = articles[i]!.cluster === articles[j]!.cluster;
      const predicted = clusters[i] === clusters[j];
      if (expected) expectedPairs++;
      if (predicted) predictedPairs++;
      if (expected && predicted) correctPairs++;
      if (!expected && articles[i]!.topic === articles[j]!.topic) {
        topicPairs++;
        if (predicted) mergedTopicPairs++;
      }
    }
  }
  return {
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: expectedPairs === 0 ? 1 : correctPairs / expectedPairs,
    expectedPairs,
    predictedPairs,
    correctPairs,
    mergedTopicPairs,
    topicPairs,
    candidatesPerArticle: 0,
    falseCandidatesPerArticle: 0,
  };
}
