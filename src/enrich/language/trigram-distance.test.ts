import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { francAll } from 'franc';
import { buildScriptModels, rankLanguages } from './trigram-distance.ts';

const cyrillic = ['rus', 'ukr', 'bel', 'bul', 'kaz', 'kir', 'tgk', 'uzn', 'tat', 'mkd'];
const latin = ['eng', 'uzn', 'tur', 'deu', 'fra', 'spa', 'nld', 'pol', 'ind'];

// Invented texts: one per language family the archive meets, plus noise.
const texts: { text: string; script: 'Cyrillic' | 'Latin'; only: string[] }[] = [
  {
    script: 'Latin',
    only: latin,
    text: 'Police in the capital said on Monday that three men had been detained after a search of a warehouse, where officers found weapons and leaflets. A court will decide on their arrest this week.',
  },
  {
    script: 'Cyrillic',
    only: cyrillic,
    text: 'В понедельник полиция столицы сообщила о задержании трёх мужчин после обыска на складе, где были найдены оружие и листовки. Суд решит вопрос об их аресте на этой неделе.',
  },
  {
    script: 'Cyrillic',
    only: cyrillic,
    text: 'Қазақстан Республикасының Үкіметі бүгін елдің экономикалық дамуы туралы мәселелерді талқылады және министрлерге бірқатар тапсырмалар берді.',
  },
  {
    script: 'Latin',
    only: latin,
    text: 'Oʻzbekiston Respublikasi hukumati bugun mamlakat iqtisodiyotini rivojlantirish masalalarini koʻrib chiqdi va vazirlarga topshiriqlar berdi.',
  },
  { script: 'Latin', only: latin, text: 'qwx zzv kkp lorem ipsum 12 34 !!! x y z' },
];

describe('rankLanguages', () => {
  for (const { text, script, only } of texts) {
    it(`ranks as franc does: ${text.slice(0, 30)}…`, () => {
      const ours = rankLanguages(text, buildScriptModels(script, only));
      const theirs = francAll(text, { only });
      assert.equal(ours[0]?.language, theirs[0]?.[0]);
      // franc normalises: score = 1 − (d − dmin) / (len·300 − dmin), and our distances leave out
      // a constant (trigrams no model has). Ratios of distances from the best cancel both.
      const best = ours[0]?.distance ?? 0;
      const spread = (ours[1]?.distance ?? 0) - best;
      const francSpread = 1 - (theirs[1]?.[1] ?? 0);
      assert.ok(spread > 0 && francSpread > 0);
      const francScore = new Map(theirs);
      assert.equal(francScore.size, ours.length);
      for (const { language, distance } of ours) {
        const ratio = (distance - best) / spread;
        const francRatio = (1 - (francScore.get(language) ?? Number.NaN)) / francSpread;
        assert.ok(Math.abs(ratio - francRatio) < 1e-9, `${language}: ${ratio} vs ${francRatio}`);
      }
    });
  }

  it('gives every language the same distance for text without letters', () => {
    const ranking = rankLanguages('123 456 — !!!', buildScriptModels('Latin', latin));
    assert.ok(ranking.every((entry) => entry.distance === 0));
  });

  it('refuses a script or language franc has no model for', () => {
    assert.throws(() => buildScriptModels('Klingon', ['eng']), /no models for script Klingon/);
    assert.throws(() => buildScriptModels('Latin', ['xxx']), /no Latin model for xxx/);
  });
});
