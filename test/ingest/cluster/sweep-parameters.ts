/**
 * The measurement behind the constants in src/ingest/cluster: streams fixture sets through the clustering
 * with other shingle sizes, signature lengths, band rows and thresholds, and prints pairwise precision
 * and recall. Not a test (it takes a minute or two): run it by hand after changing the stories or the
 * algorithm, and update the comments on the constants with what it shows.
 *
 *   node --import tsx test/ingest/cluster/sweep-parameters.ts
 *
 * Besides the committed fixture (generator seed 20250505) it rebuilds the set with other generator seeds,
 * so each setting is judged on several draws of the edits, not one.
 */
import { readFileSync } from 'node:fs';
import { type ClusterRules, defaultClusterRules } from '../../../src/ingest/cluster/assign-cluster.ts';
import { compareFingerprints } from '../../../src/ingest/cluster/assign-cluster.ts';
import { defaultFingerprintShape, fingerprintArticle } from '../../../src/ingest/cluster/fingerprint.ts';
import { normalizeText, shingleHashes, splitWords } from '../../../src/ingest/cluster/minhash.ts';
import { makeArticles, outlets, parseStories, storiesPath } from '../../fixtures/clusters/make-articles.ts';
import { type ClusteringQuality, clusterStream, fingerprintAll } from './cluster-stream.ts';

const generatorSeeds = [20250505, 1, 2, 3, 4, 5];
const orderSeeds = [11, 12, 13];
const stories = readFileSync(storiesPath, 'utf8');
const fixtureSets = generatorSeeds.map((seed) => makeArticles(stories, seed));

interface Setting {
  label: string;
  shingleSize: number;
  signatureLength: number;
  rules: ClusterRules;
  /** Fingerprint the headline and the text together instead of the text alone. */
  withTitle?: boolean;
  /** Merge the clusters a join also matched (alsoMatchedClusterIds). */
  mergeBridged?: boolean;
}

function measure(setting: Setting): string {
  const runs: ClusteringQuality[] = [];
  for (const articles of fixtureSets) {
    const signed = setting.withTitle
      ? articles.map((article) => ({ ...article, text: `${article.title}\n\n${article.text}` }))
      : articles;
    const fingerprints = fingerprintAll(signed, setting);
    for (const seed of orderSeeds)
      runs.push(
        clusterStream(articles, fingerprints, seed, {
          rules: setting.rules,
          mergeBridged: setting.mergeBridged ?? false,
        }).quality,
      );
  }
  const mean = (pick: (q: ClusteringQuality) => number) =>
    runs.reduce((sum, q) => sum + pick(q), 0) / runs.length;
  const min = (pick: (q: ClusteringQuality) => number) => Math.min(...runs.map(pick));
  return [
    setting.label.padEnd(44),
    `P ${mean((q) => q.precision).toFixed(3)} (min ${min((q) => q.precision).toFixed(3)})`,
    `R ${mean((q) => q.recall).toFixed(3)} (min ${min((q) => q.recall).toFixed(3)})`,
    `topic merges ${mean((q) => q.mergedTopicPairs).toFixed(2)}`,
    `candidates/article ${mean((q) => q.candidatesPerArticle).toFixed(2)} (other stories ${mean((q) => q.falseCandidatesPerArticle).toFixed(2)})`,
  ].join('  ');
}

const base: Setting = { label: '', ...defaultFingerprintShape, rules: { ...defaultClusterRules } };
const settings: Setting[] = [
  { ...base, label: 'chosen' },
  { ...base, label: 'chosen, bridged clusters merged', mergeBridged: true },
  { ...base, label: 'title + text', withTitle: true },
];
for (const shingleSize of [2, 4, 5]) settings.push({ ...base, label: `shingle ${shingleSize}`, shingleSize });
for (const [signatureLength, rowsPerBand] of [
  [64, 2],
  [96, 2],
  [126, 3],
  [192, 3],
  [128, 4],
  [256, 4],
] as const) {
  settings.push({
    ...base,
    label: `${signatureLength} hashes, ${rowsPerBand} rows a band`,
    signatureLength,
    rules: { ...base.rules, rowsPerBand },
  });
}
for (const jaccard of [0.2, 0.25, 0.35, 0.4, 0.5]) {
  settings.push({ ...base, label: `jaccard ≥ ${jaccard}`, rules: { ...base.rules, jaccard } });
}
for (const containment of [0.5, 0.7, 1.01]) {
  settings.push({ ...base, label: `containment ≥ ${containment}`, rules: { ...base.rules, containment } });
}
for (const containmentJaccardFloor of [0.1, 0.2]) {
  settings.push({
    ...base,
    label: `containment floor ${containmentJaccardFloor}`,
    rules: { ...base.rules, containmentJaccardFloor },
  });
}
settings.push({
  ...base,
  label: 'same outlet judged like any pair',
  rules: { ...base.rules, sameSourceJaccard: base.rules.jaccard },
});
for (const minWords of [40, 80, 100]) {
  settings.push({ ...base, label: `min words ${minWords}`, rules: { ...base.rules, minWords } });
}

/** Exact Jaccard and containment (smaller set in the larger) of two sorted shingle sets. */
function exactSimilarity(a: Uint32Array, b: Uint32Array): { jaccard: number; containment: number } {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return {
    jaccard: union === 0 ? 1 : shared / union,
    containment: shared / Math.max(1, Math.min(a.length, b.length)),
  };
}

/**
 * The exact similarities behind the thresholds, on the committed fixture: every copy against its
 * original, teasers (truncated copies) against theirs, and different stories of one topic.
 */
function exactPairs(withTitle: boolean): void {
  const articles = fixtureSets[0]!;
  const shingles = articles.map((article) =>
    shingleHashes(
      splitWords(normalizeText(withTitle ? `${article.title}\n\n${article.text}` : article.text)),
    ),
  );
  const copies: number[] = [];
  const teaserContainment: number[] = [];
  let topicJaccard = 0;
  let topicContainment = 0;
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const [a, b] = [articles[i]!, articles[j]!];
      const similarity = exactSimilarity(shingles[i]!, shingles[j]!);
      if (a.cluster === b.cluster && a.id.endsWith('/0')) {
        copies.push(similarity.jaccard);
        if (b.edits.some((edit) => edit.startsWith('truncate')))
          teaserContainment.push(similarity.containment);
      } else if (a.cluster !== b.cluster && a.topic === b.topic) {
        topicJaccard = Math.max(topicJaccard, similarity.jaccard);
        topicContainment = Math.max(topicContainment, similarity.containment);
      }
    }
  }
  copies.sort((x, y) => x - y);
  teaserContainment.sort((x, y) => x - y);
  process.stdout.write(
    `\nexact, ${withTitle ? 'title + text' : 'text'}: copy vs original Jaccard min ${copies[0]!.toFixed(3)} ` +
      `median ${copies[Math.floor(copies.length / 2)]!.toFixed(3)}; teaser containment ` +
      `${teaserContainment[0]!.toFixed(2)}–${teaserContainment.at(-1)!.toFixed(2)}; different stories of one topic: ` +
      `Jaccard ≤ ${topicJaccard.toFixed(3)}, containment ≤ ${topicContainment.toFixed(3)}\n`,
  );
}

/**
 * Why short texts are not clustered: the highest Jaccard between the first `words` words of two
 * different stories on one topic, and between two different stories' first words wrapped in the same
 * outlet's intro line and sign-off (the longest boilerplate in the fixtures), by length.
 */
function shortTextEvidence(): void {
  const parsed = parseStories(stories);
  const caspian = outlets.en.find((outlet) => outlet.intro !== null && outlet.signOff.length > 140)!;
  process.stdout.write(`\nshort texts (Jaccard estimated with 1,024 hashes), outlet ${caspian.name}:\n`);
  for (const words of [20, 30, 40, 50, 60, 80, 100]) {
    let topicLeads = 0;
    let sharedBoilerplate = 0;
    for (const a of parsed) {
      for (const b of parsed) {
        if (a === b || a.language !== 'en' || b.language !== 'en') continue;
        const leadA = a.paragraphs.join(' ').split(' ').slice(0, words).join(' ');
        const leadB = b.paragraphs.join(' ').split(' ').slice(0, words).join(' ');
        const sign = (text: string) =>
          fingerprintArticle({ text }, { shingleSize: 3, signatureLength: 1024 });
        if (a.topic === b.topic) {
          topicLeads = Math.max(topicLeads, compareFingerprints(sign(leadA), sign(leadB)).jaccard);
        }
        const wrap = (lead: string) => `${caspian.intro} ${lead} ${caspian.signOff}`;
        const boilerplate = compareFingerprints(sign(wrap(leadA)), sign(wrap(leadB))).jaccard;
        sharedBoilerplate = Math.max(sharedBoilerplate, boilerplate);
      }
    }
    process.stdout.write(
      `  first ${String(words).padStart(3)} words: same-topic stories ≤ ${topicLeads.toFixed(2)}, any two stories + one outlet's boilerplate ≤ ${sharedBoilerplate.toFixed(2)}\n`,
    );
  }
}

process.stdout.write(
  `${fixtureSets.length} fixture sets of ${fixtureSets[0]!.length} articles, ${orderSeeds.length} orders each\n`,
);
for (const setting of settings) process.stdout.write(`${measure(setting)}\n`);
exactPairs(false);
exactPairs(true);
shortTextEvidence();
