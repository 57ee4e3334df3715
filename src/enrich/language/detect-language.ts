/**
 * The language of an article: ISO 639-1 code and a confidence, from at most its first 1,000 characters.
 *
 * Steps: count letters by script (no letters, or too few → `und`); for Latin or Cyrillic text,
 * keep the candidate languages whose letter rules the text satisfies (language-candidates.ts)
 * and rank them by franc's trigram distance (trigram-distance.ts); for any other script ask franc
 * itself. Mixed-script text is judged by its dominant script, so a Russian article quoting English
 * names is Russian. Cost is bounded by the sample, whatever the article's length.
 */
import { francAll } from 'franc';
import {
  admissibleCandidates,
  type Candidate,
  cyrillicCandidates,
  latinCandidates,
} from './language-candidates.ts';
import { toIso6391 } from './language-codes.ts';
import { countScripts, dominantScript } from './script-census.ts';
import { buildScriptModels, rankLanguages, type ScriptModels } from './trigram-distance.ts';

/** A detected language. */
export interface DetectedLanguage {
  /** ISO 639-1 code (`en`, `ru`, `kk`, `uz`, `ky`, `tg`, …), or `und` when undetermined. */
  code: string;
  /**
   * 0 for `und`; otherwise in (0, 1], the product of how much text was seen (full from 200 letters
   * of the dominant script) and how clearly the best language beat the runner-up (full when its
   * trigram distance is 4 points per letter lower). A heuristic for ordering and thresholds, not a probability.
   */
  confidence: number;
}

/** The code for text whose language cannot be told. */
export const undeterminedLanguage = 'und';

/**
 * Characters examined: enough for franc's trigrams to be reliable (all test articles are told with
 * full confidence from it), few enough that detection stays near 50 µs and 5 MB costs no more.
 */
const sampleLength = 1000;

/** Other scripts go to franc as it is, which costs more per character: a shorter sample. */
const otherScriptSampleLength = 500;

/** Below this many letters of the dominant script the text is too short to tell (franc's own floor is 10). */
const minimumLetters = 12;

/** Texts with fewer letters are "short": letter exclusions apply and confidence is scaled down. */
const fullEvidenceLetters = 200;

/** A lead of this much trigram distance per letter over the runner-up counts as a clear decision. */
const clearMarginPerLetter = 4;

/**
 * The languages this archive expects (ISO 639-3). A candidate that is not expected and has no
 * letter of its own to show for itself (Dutch, Indonesian) starts this much trigram distance
 * behind: two missing trigrams' worth. On a headline that settles near-ties the expected way
 * ("Rahmon met Putin in Dushanbe" is otherwise Dutch); on an article, where distances run to tens
 * of thousands, it changes nothing.
 */
const expectedLanguages = new Set(['eng', 'rus', 'kaz', 'kir', 'uzn', 'tgk']);
const unmarkedPenalty = 600;

/** A fresh result each time, so no caller can alter another's. */
function undetermined(): DetectedLanguage {
  return { code: undeterminedLanguage, confidence: 0 };
}

const models = new Map<string, ScriptModels>();

/** franc's models for a script's candidates, built on first use (a few milliseconds). */
function modelsFor(script: 'Latin' | 'Cyrillic', candidates: readonly Candidate[]): ScriptModels {
  let built = models.get(script);
  if (built === undefined) {
    built = buildScriptModels(
      script,
      candidates.map((entry) => entry.code),
    );
    models.set(script, built);
  }
  return built;
}

/** Scratch flags of which characters occur in the sample; reset after each call. */
const present = new Uint8Array(65536);

/** Two decimals; never 0 for a detected language (0 means `und`). */
function roundConfidence(value: number): number {
  return Math.max(0.01, Math.round(Math.min(1, value) * 100) / 100);
}

/** Detects the language of `text` (see the file comment); never throws, whatever the input. */
export function detectLanguage(text: string): DetectedLanguage {
  if (typeof text !== 'string' || text.length === 0) return undetermined();
  const sample = text.length > sampleLength ? text.slice(0, sampleLength) : text;
  const census = countScripts(sample);
  const script = dominantScript(census);
  if (script === 'none') return undetermined();
  const letters = census[script];
  if (letters < minimumLetters) return undetermined();
  const evidence = Math.min(1, letters / fullEvidenceLetters);
  if (script === 'other') return detectOtherScript(sample.slice(0, otherScriptSampleLength), evidence);

  const lower = sample.toLowerCase();
  const touched: number[] = [];
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code >= 0x80 && present[code] === 0) {
      present[code] = 1;
      touched.push(code);
    }
  }
  const all = script === 'cyrillic' ? cyrillicCandidates : latinCandidates;
  const admissible = admissibleCandidates(all, present, letters < fullEvidenceLetters);
  for (const code of touched) present[code] = 0;

  const penalties = new Map(
    admissible.map((entry) => [
      entry.code,
      entry.requires === '' && !expectedLanguages.has(entry.code) ? unmarkedPenalty : 0,
    ]),
  );
  const ranking = rankLanguages(lower, modelsFor(script === 'cyrillic' ? 'Cyrillic' : 'Latin', all))
    .filter((entry) => penalties.has(entry.language))
    .map((entry) => ({ ...entry, distance: entry.distance + (penalties.get(entry.language) ?? 0) }))
    .sort((a, b) => a.distance - b.distance);
  const best = ranking[0];
  if (best === undefined) return undetermined();
  const code = toIso6391(best.language);
  if (code === null) return undetermined();
  const runnerUp = ranking[1];
  const separation =
    runnerUp === undefined ? 1 : (runnerUp.distance - best.distance) / letters / clearMarginPerLetter;
  return { code, confidence: roundConfidence(evidence * Math.min(1, separation)) };
}

/** Text in Arabic, Han, Greek… script: franc decides (it knows which languages share each script). */
function detectOtherScript(sample: string, evidence: number): DetectedLanguage {
  const [best, runnerUp] = francAll(sample, { minLength: 1 });
  if (best === undefined || best[0] === undeterminedLanguage) return undetermined();
  const code = toIso6391(best[0]);
  if (code === null) return undetermined();
  // franc's scores are 1 for the best and fall toward 0; 0.1 below the best is a clear lead.
  const separation = runnerUp === undefined ? 1 : (best[1] - runnerUp[1]) / 0.1;
  return { code, confidence: roundConfidence(evidence * Math.min(1, separation)) };
}
