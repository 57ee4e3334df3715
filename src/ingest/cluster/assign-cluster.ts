/**
 * The clustering decision for one new article: join the cluster of the most similar earlier article that
 * tells the same story, or start a new cluster. Pure: the store finds the candidates (the articles that
 * share a band key with the new one) and keeps the cluster ids.
 *
 * Thresholds were measured on test/fixtures/clusters (cluster-quality.test.ts and sweep-parameters.ts):
 * edited copies of one wire story against different stories told with the same places and vocabulary.
 */
import type { ClusterFingerprint } from './fingerprint.ts';
import { bandKeys, estimateJaccard, rowsPerBand } from './minhash.ts';

/**
 * Estimated Jaccard similarity at or above which two articles are one story. Different stories of one
 * topic reached an exact 0.190 on the fixtures; with estimation noise (±0.04) a threshold of 0.25 merged
 * 3.5 such pairs a set (P 0.974) and 0.2 merged 4.5, while 0.3 merged none. Higher thresholds (0.35–0.5)
 * merged none either but lost copies that dropped a paragraph and gained a sign-off (R 0.983 vs 0.987).
 */
export const jaccardThreshold = 0.3;

/**
 * Share of the shorter text's shingles found in the longer one at or above which the shorter is a
 * cut-down copy of the longer (the teaser ending in "..." has a Jaccard of only 0.25–0.5 with the full
 * text). Teasers kept 0.74–1.00 of their shingles in the original even with an intro line; different
 * stories of one topic stayed at or under 0.435 (exact). Without this rule recall fell to 0.959; at 0.5
 * it rose to 0.993, but 0.6 keeps a wider margin over the 0.435 for the estimate's noise.
 */
export const containmentThreshold = 0.6;

/**
 * Containment counts only with at least this Jaccard similarity, so that a short text cannot pass as a
 * copy of a long one on the strength of one shared paragraph (the background paragraph outlets append
 * to every story on a topic): a teaser must be about a fifth of the full text or more. A guard by
 * reasoning: 0.1, 0.15 and 0.2 scored the same on the fixtures.
 */
export const containmentJaccardFloor = 0.15;

/**
 * Two articles from one outlet must be nearly identical (an updated or re-posted story) to join: the
 * outlet's own intro line and sign-off, repeated under every story, gave different stories from one
 * outlet a Jaccard of 0.41–0.62 when their bodies were 20–80 words (the fixtures' longest boilerplate,
 * 41 words; sweep-parameters.ts). The fixture streams have no such short pairs, so there this rule
 * scored the same as none.
 */
export const sameSourceJaccardThreshold = 0.8;

/**
 * Texts of fewer words are never clustered on text alone (too little evidence): the first 40 or 50
 * words of different stories on one topic reached a Jaccard of 0.40 and 0.33, above the threshold; at
 * 60 words, 0.29; at 100, 0.19 (sweep-parameters.ts). Raising the floor costs teasers: recall 0.987
 * at 60, 0.913 at 80, 0.848 at 100 (0.990 at 40). Headline-plus-two-sentences briefs stay single.
 */
export const minClusterWords = 60;

/** The decision's parameters; defaultClusterRules holds the measured values above. */
export interface ClusterRules {
  /** jaccardThreshold, 0–1. */
  jaccard: number;
  /** containmentThreshold, 0–1. */
  containment: number;
  /** containmentJaccardFloor, 0–1. */
  containmentJaccardFloor: number;
  /** sameSourceJaccardThreshold, 0–1. */
  sameSourceJaccard: number;
  /** minClusterWords, ≥ 1. */
  minWords: number;
  /** Signature rows per LSH band (minhash.ts rowsPerBand); must divide the signature length. */
  rowsPerBand: number;
}

/** The rules wirewatch clusters with. */
export const defaultClusterRules: Readonly<ClusterRules> = Object.freeze({
  jaccard: jaccardThreshold,
  containment: containmentThreshold,
  containmentJaccardFloor,
  sameSourceJaccard: sameSourceJaccardThreshold,
  minWords: minClusterWords,
  rowsPerBand,
});

/** How alike two articles' texts are, both estimated from their fingerprints. */
export interface StorySimilarity {
  /** Estimated Jaccard similarity of the two shingle sets (0–1). */
  jaccard: number;
  /** Estimated share of the smaller shingle set found in the larger (0–1). */
  containment: number;
}

/** An earlier article that shares a band key with the new one. */
export interface ClusterCandidate {
  clusterId: string | number;
  fingerprint: ClusterFingerprint;
  /** The outlet (name or id), compared with the new article's. */
  source: string | number;
}

/** The article being placed. */
export interface ClusterSubject {
  fingerprint: ClusterFingerprint;
  source: string | number;
}

/**
 * What to do with the new article. A join also names the other clusters that had a candidate telling
 * the same story: the new article bridges them (two copies that did not match each other arrived first
 * and opened two clusters). Merging them is the store's choice; on the fixtures it lifted mean recall
 * from 0.987 to 0.996 (worst arrival order 0.953 → 0.977), precision staying 1.000.
 */
export type ClusterAssignment<C extends ClusterCandidate> =
  | {
      action: 'join';
      clusterId: C['clusterId'];
      candidate: C;
      similarity: StorySimilarity;
      /** Other clusters with a same-story candidate, without repeats, lowest id first. */
      alsoMatchedClusterIds: C['clusterId'][];
    }
  | { action: 'new'; reason: 'too-short' | 'no-match' };

/** Jaccard and containment of two fingerprints. Containment follows from |A ∩ B| = J(|A| + |B|) / (1 + J). */
export function compareFingerprints(a: ClusterFingerprint, b: ClusterFingerprint): StorySimilarity {
  const jaccard = estimateJaccard(a.signature, b.signature);
  const smaller = Math.min(a.shingleCount, b.shingleCount);
  if (smaller === 0) return { jaccard, containment: 0 };
  const shared = (jaccard * (a.shingleCount + b.shingleCount)) / (1 + jaccard);
  return { jaccard, containment: Math.min(1, shared / smaller) };
}

/** True when the similarity says one story (the rules above); `sameSource` when both come from one outlet. */
export function isSameStory(
  similarity: StorySimilarity,
  sameSource: boolean,
  rules: Readonly<ClusterRules> = defaultClusterRules,
): boolean {
  if (sameSource) return similarity.jaccard >= rules.sameSourceJaccard;
  if (similarity.jaccard >= rules.jaccard) return true;
  return similarity.jaccard >= rules.containmentJaccardFloor && similarity.containment >= rules.containment;
}

/** True when the fingerprint has enough text to be clustered (minClusterWords). */
export function isClusterable(
  fingerprint: ClusterFingerprint,
  rules: Readonly<ClusterRules> = defaultClusterRules,
): boolean {
  return fingerprint.wordCount >= rules.minWords;
}

/**
 * The band keys to index the article under and to look its candidates up by; none for a text too short
 * to cluster, so it is neither matched nor offered as a candidate.
 */
export function clusterIndexKeys(
  fingerprint: ClusterFingerprint,
  rules: Readonly<ClusterRules> = defaultClusterRules,
): string[] {
  return isClusterable(fingerprint, rules) ? bandKeys(fingerprint.signature, rules.rowsPerBand) : [];
}

/**
 * Joins the cluster of the candidate most similar to `article` (highest Jaccard, then containment, then
 * lowest cluster id, so the answer does not depend on the order the store returns candidates in) among
 * those that tell the same story; otherwise the article starts a new cluster.
 */
export function assignCluster<C extends ClusterCandidate>(
  article: ClusterSubject,
  candidates: Iterable<C>,
  rules: Readonly<ClusterRules> = defaultClusterRules,
): ClusterAssignment<C> {
  if (!isClusterable(article.fingerprint, rules)) return { action: 'new', reason: 'too-short' };
  let best: { candidate: C; similarity: StorySimilarity } | null = null;
  const matchedClusterIds = new Set<C['clusterId']>();
  for (const candidate of candidates) {
    if (!isClusterable(candidate.fingerprint, rules)) continue;
    const similarity = compareFingerprints(article.fingerprint, candidate.fingerprint);
    if (!isSameStory(similarity, candidate.source === article.source, rules)) continue;
    matchedClusterIds.add(candidate.clusterId);
    if (best === null || isBetterMatch(candidate, similarity, best.candidate, best.similarity)) {
      best = { candidate, similarity };
    }
  }
  if (best === null) return { action: 'new', reason: 'no-match' };
  const clusterId = best.candidate.clusterId;
  matchedClusterIds.delete(clusterId);
  const alsoMatchedClusterIds = [...matchedClusterIds].sort(compareIds);
  return { action: 'join', clusterId, ...best, alsoMatchedClusterIds };
}

function isBetterMatch(
  candidate: ClusterCandidate,
  similarity: StorySimilarity,
  other: ClusterCandidate,
  otherSimilarity: StorySimilarity,
): boolean {
  if (similarity.jaccard !== otherSimilarity.jaccard) return similarity.jaccard > otherSimilarity.jaccard;
  if (similarity.containment !== otherSimilarity.containment) {
    return similarity.containment > otherSimilarity.containment;
  }
  return compareIds(candidate.clusterId, other.clusterId) < 0;
}

/** Numbers by value, anything else by its string form. */
function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
