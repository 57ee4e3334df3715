import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type ClusterCandidate,
  assignCluster,
  clusterIndexKeys,
  compareFingerprints,
  containmentThreshold,
  isSameStory,
  jaccardThreshold,
  minClusterWords,
} from './assign-cluster.ts';
import { type ClusterFingerprint, fingerprintArticle } from './fingerprint.ts';
import { bandKeys } from './minhash.ts';

// Invented text in the register of the archive.
const story = [
  'A Kyrgyz border guard was wounded on Sunday evening in an exchange of fire with Tajik servicemen near the village of Ak-Sai in Batken region, the Border Service said.',
  'According to the service, the incident began when Tajik guards tried to install a camera on a disputed section of the road. Kyrgyz guards asked them to stop, and an argument followed.',
  'A 24-year-old sergeant was hit in the shoulder and taken to hospital in Batken, where doctors said his life was not in danger.',
  'The shooting stopped after about forty minutes, when commanders of both sides met at the checkpoint and agreed to pull back their units.',
  'The Foreign Ministry summoned the Tajik charge d’affaires and handed him a note of protest, saying it expected Dushanbe to punish those responsible.',
  'Tajikistan’s Border Troops gave a different account. In a statement posted late on Sunday, they said Kyrgyz soldiers had fired first after residents threw stones at a Tajik patrol. No Tajik casualties were reported.',
  'Residents of nearby villages said they heard gunfire for more than half an hour and sheltered in basements with their children. Classes at the local school were moved online for two days.',
  'The two countries share a border of about 970 kilometres, much of which was never fully demarcated after the collapse of the Soviet Union, and disputes over water, roads and pasture have repeatedly turned violent.',
];
const otherStory = [
  'Government delegations of Kyrgyzstan and Tajikistan agreed on the line of a further 24 kilometres of their border at talks in Batken that ended on Wednesday, the Cabinet said.',
  'The section runs between the village of Ak-Sai and the Tajik village of Vorukh and includes the road where border guards of the two countries have clashed.',
  'The head of the Kyrgyz delegation said the agreement showed that disputes could be settled at the negotiating table, and that pastures would be open to both sides.',
  'The talks were held under tight security, and a hotline between commanders at the checkpoint was restored.',
];
const original = story.join('\n\n');

function sign(text: string): ClusterFingerprint {
  return fingerprintArticle({ text });
}

function candidate(clusterId: number, text: string, source = 'Steppe Wire'): ClusterCandidate {
  return { clusterId, fingerprint: sign(text), source };
}

describe('assignCluster', () => {
  it('joins the cluster of a lightly edited copy from another outlet', () => {
    const copy = `BISHKEK (Pamir Herald) — ${original.replace('wounded', 'injured').replace(story[3]!, '')}\n\nFollow Pamir Herald on Telegram.`;
    const result = assignCluster({ fingerprint: sign(copy), source: 'Pamir Herald' }, [
      candidate(2, otherStory.join('\n\n')),
      candidate(1, original),
    ]);
    assert.equal(result.action, 'join');
    assert.equal(result.action === 'join' && result.clusterId, 1);
  });

  it('joins a teaser cut off with "..." through containment, though its Jaccard is low', () => {
    const words = original.split(' ');
    const teaser = `${words.slice(0, Math.round(words.length * 0.3)).join(' ')}...\n\nRead more on our website.`;
    const similarity = compareFingerprints(sign(teaser), sign(original));
    assert.ok(similarity.jaccard < jaccardThreshold, `premise: Jaccard ${similarity.jaccard}`);
    assert.ok(similarity.containment >= containmentThreshold, `containment ${similarity.containment}`);
    const result = assignCluster({ fingerprint: sign(teaser), source: 'Oxus Bulletin' }, [
      candidate(1, original),
    ]);
    assert.equal(result.action === 'join' && result.clusterId, 1);
  });

  it('keeps a different story told with the same places and words apart', () => {
    const result = assignCluster({ fingerprint: sign(otherStory.join('\n\n')), source: 'Pamir Herald' }, [
      candidate(1, original),
    ]);
    assert.deepEqual(result, { action: 'new', reason: 'no-match' });
  });

  it('joins the most similar of several matching candidates', () => {
    const copy = original.replace(story[4]!, '');
    const distant = original.replace(story[1]!, '').replace(story[2]!, '');
    const result = assignCluster({ fingerprint: sign(copy), source: 'Tien Shan Times' }, [
      candidate(5, distant),
      candidate(9, original),
    ]);
    assert.equal(result.action === 'join' && result.clusterId, 9);
  });

  it('names the other clusters a new article also matches, so the store can merge them', () => {
    const head = story.slice(0, 6).join('\n\n');
    const tail = story.slice(4).join('\n\n');
    assert.equal(assignCluster({ fingerprint: sign(tail), source: 'A' }, [candidate(1, head)]).action, 'new');
    const result = assignCluster({ fingerprint: sign(original), source: 'Pamir Herald' }, [
      candidate(4, head),
      candidate(2, tail),
      candidate(4, head, 'Oxus Bulletin'),
      candidate(7, otherStory.join('\n\n')),
    ]);
    assert.equal(result.action === 'join' && result.clusterId, 4);
    assert.deepEqual(result.action === 'join' && result.alsoMatchedClusterIds, [2]);
  });

  it('does not cluster texts under minClusterWords, even identical ones', () => {
    const brief = story[0]!;
    assert.ok(brief.split(' ').length < minClusterWords);
    const result = assignCluster({ fingerprint: sign(brief), source: 'Pamir Herald' }, [candidate(1, brief)]);
    assert.deepEqual(result, { action: 'new', reason: 'too-short' });
    assert.deepEqual(clusterIndexKeys(sign(brief)), []);
    const longResult = assignCluster({ fingerprint: sign(original), source: 'Pamir Herald' }, [
      candidate(1, brief),
    ]);
    assert.equal(longResult.action, 'new', 'a short candidate is not joined either');
  });

  it('does not join two stories of one outlet on the strength of its intro line and sign-off', () => {
    const intro = 'This article was first published by Steppe Wire and is republished with permission.';
    const signOff =
      'Have a tip about this story? Write to the Caspian Ledger newsroom. Our reporting on security in Central Asia is funded by readers like you: subscribe today.';
    const first = `${intro}\n\n${story[0]}\n\n${signOff}`;
    const second = `${intro}\n\n${otherStory[0]}\n\n${signOff}`;
    const similarity = compareFingerprints(sign(first), sign(second));
    assert.ok(
      isSameStory(similarity, false),
      `premise: boilerplate alone passes (Jaccard ${similarity.jaccard})`,
    );
    const result = assignCluster({ fingerprint: sign(second), source: 'Caspian Ledger' }, [
      candidate(1, first, 'Caspian Ledger'),
    ]);
    assert.deepEqual(result, { action: 'new', reason: 'no-match' });
  });

  it('still joins a re-posted story of the same outlet', () => {
    const result = assignCluster(
      { fingerprint: sign(`${original}\n\nUpdated at 21:40.`), source: 'Steppe Wire' },
      [candidate(1, original, 'Steppe Wire')],
    );
    assert.equal(result.action, 'join');
  });

  it('answers the same whatever order the candidates come in', () => {
    const texts = [
      original,
      original.replace(story[4]!, ''),
      original.replace(story[1]!, ''),
      otherStory.join(' '),
    ];
    const pool = texts.flatMap((text, i) => [
      candidate(10 + i, text),
      candidate(20 + i, text, 'Oxus Bulletin'),
    ]);
    const article = { fingerprint: sign(original.replace(story[2]!, '')), source: 'Pamir Herald' };
    const expected = assignCluster(article, pool);
    assert.equal(expected.action, 'join');
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: pool.length }), (shuffled) => {
        const result = assignCluster(article, shuffled);
        return (
          result.action === 'join' && expected.action === 'join' && result.clusterId === expected.clusterId
        );
      }),
      { seed: 7, numRuns: 50 },
    );
  });
});

describe('compareFingerprints', () => {
  it('estimates containment of a text in a longer one that includes it', () => {
    const part = story.slice(0, 3).join(' ');
    const similarity = compareFingerprints(sign(part), sign(original));
    assert.ok(similarity.containment > 0.85, `containment ${similarity.containment}`);
    assert.ok(similarity.jaccard < similarity.containment);
  });

  it('gives no containment when a text has no shingles', () => {
    assert.deepEqual(compareFingerprints(sign(''), sign('')), { jaccard: 1, containment: 0 });
  });
});

describe('clusterIndexKeys', () => {
  it('are the band keys of a long enough text', () => {
    const fingerprint = sign(original);
    assert.deepEqual(clusterIndexKeys(fingerprint), bandKeys(fingerprint.signature));
  });
});
