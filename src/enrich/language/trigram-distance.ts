/**
 * franc's trigram language models, scored without franc's per-call overhead.
 *
 * franc (wooorm/franc) is accurate on Kazakh, Kyrgyz, Uzbek and Tajik as well as English and
 * Russian, but `francAll` costs 0.3–1 ms per article on this machine, almost all of it in building
 * the text's trigram list through `trigram-utils` (regex cleaning, string slicing, sorting) and in
 * testing ~30 script regexes. Detection must cost well under 0.2 ms per article, so this file keeps
 * franc's data and franc's distance (the sum, over the text's distinct trigrams, of |count − rank − 1|,
 * or 300 for a trigram the language's model lacks) and computes it with each character mapped to a
 * small alphabet index, trigrams found through two flat lookup tables (no hashing), and the models
 * held as a sparse table (each trigram lists only the languages whose model has it: most trigrams
 * are in a few models).
 * `trigram-distance.test.ts` checks the result against franc itself.
 */
import { data } from 'franc/data.js';

/** franc's penalty for a text trigram that a language's model does not contain. */
const missingPenalty = 300;

/** Alphabet indexes take 7 bits (0 = not in any model). */
const alphabetLimit = 127;
const alphabetSize = alphabetLimit + 1;

/** One candidate language and its distance from the text; smaller is closer. */
export interface LanguageDistance {
  /** ISO 639-3 code, as franc names its models. */
  language: string;
  /**
   * franc's distance less the penalty of trigrams no candidate model contains (the same amount for
   * every language, so the order and the differences between languages are franc's).
   */
  distance: number;
}

/** The models of one script's candidate languages, ready for scoring. */
export interface ScriptModels {
  readonly languages: readonly string[];
  /** Character code → alphabet index (1…127); 0 for characters no model uses. */
  readonly alphabet: Uint8Array;
  /** Letter pair (first · 128 + second) → its block in `rowOfTrigram`, or -1 when no model has the pair. */
  readonly pairBlock: Int32Array;
  /** rowOfTrigram[block · 128 + third]: the trigram's row in the tables below, or -1. */
  readonly rowOfTrigram: Int32Array;
  /** Row r's entries are [rowStart[r], rowStart[r + 1]) in entryLanguage / entryRank. */
  readonly rowStart: Int32Array;
  /** Index into `languages` of each entry. */
  readonly entryLanguage: Uint8Array;
  /** The trigram's rank in that language's model (0 = most frequent). */
  readonly entryRank: Int16Array;
  /** Scratch counts per row, zeroed again after each text. */
  readonly counts: Int32Array;
}

/** Builds the scoring tables for the named franc models of one script (`Latin`, `Cyrillic`, …). */
export function buildScriptModels(script: string, languages: readonly string[]): ScriptModels {
  const models = data[script];
  if (models === undefined) throw new Error(`trigram-distance: franc has no models for script ${script}`);
  const alphabet = new Uint8Array(65536);
  let letters = 0;
  const pack = (trigram: string): number => {
    let key = 0;
    for (let i = 0; i < 3; i++) {
      const code = trigram.charCodeAt(i);
      if (alphabet[code] === 0) {
        if (++letters > alphabetLimit)
          throw new Error(`trigram-distance: ${script} models use too many letters`);
        alphabet[code] = letters;
      }
      key = key * alphabetSize + (alphabet[code] as number);
    }
    return key;
  };
  const rows = new Map<number, number>();
  const modelTrigrams = languages.map((language) => {
    const model = models[language];
    if (model === undefined)
      throw new Error(`trigram-distance: franc has no ${script} model for ${language}`);
    const keys = model.split('|').map(pack);
    for (const key of keys) if (!rows.has(key)) rows.set(key, rows.size);
    return keys;
  });
  if (languages.length > 255) throw new Error('trigram-distance: at most 255 languages per script');
  const perRow: { language: number; rank: number }[][] = Array.from({ length: rows.size }, () => []);
  modelTrigrams.forEach((keys, language) => {
    keys.forEach((key, rank) => {
      perRow[rows.get(key) as number]?.push({ language, rank });
    });
  });
  const rowStart = new Int32Array(rows.size + 1);
  const entries = perRow.flat();
  const entryLanguage = new Uint8Array(entries.length);
  const entryRank = new Int16Array(entries.length);
  let next = 0;
  perRow.forEach((row, index) => {
    rowStart[index] = next;
    for (const entry of row) {
      entryLanguage[next] = entry.language;
      entryRank[next] = entry.rank;
      next++;
    }
  });
  rowStart[rows.size] = next;
  const pairBlock = new Int32Array(alphabetSize * alphabetSize).fill(-1);
  let blocks = 0;
  for (const key of rows.keys()) {
    const pair = Math.floor(key / alphabetSize);
    if (pairBlock[pair] === -1) pairBlock[pair] = blocks++;
  }
  const rowOfTrigram = new Int32Array(blocks * alphabetSize).fill(-1);
  for (const [key, row] of rows) {
    rowOfTrigram[
      (pairBlock[Math.floor(key / alphabetSize)] as number) * alphabetSize + (key % alphabetSize)
    ] = row;
  }
  const counts = new Int32Array(rows.size);
  return {
    languages: [...languages],
    alphabet,
    pairBlock,
    rowOfTrigram,
    rowStart,
    entryLanguage,
    entryRank,
    counts,
  };
}

/** Reused buffer for a text's letters (franc itself reads at most 2,048 characters). */
const scratch = new Uint8Array(2050);

/** JavaScript's \s set, which franc (through collapse-white-space and trim) folds to one space. */
function isWhiteSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Distances from `text` to every language of `models`, closest first, as franc computes them.
 * The text is cleaned as franc cleans it: ASCII punctuation and digits (U+0021–U+0040) and white
 * space become single spaces, the ends are trimmed, letters lower-cased, one space pads each end.
 * The caller bounds the text (franc reads at most 2,048 characters).
 */
export function rankLanguages(text: string, models: ScriptModels): LanguageDistance[] {
  const lower = text.toLowerCase();
  const { alphabet, pairBlock, rowOfTrigram, counts, rowStart, entryLanguage, entryRank, languages } = models;
  const space = alphabet[0x20] as number;
  // Pass 1: ' ' + clean(text) + ' ' as alphabet indexes (0 for a character no model uses).
  // An unusually long text gets a buffer of its own rather than growing the shared one for good.
  const letters = lower.length + 2 <= scratch.length ? scratch : new Uint8Array(lower.length + 2);
  let length = 0;
  let pendingSpace = true;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if ((code >= 0x21 && code <= 0x40) || isWhiteSpace(code)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) letters[length++] = space;
    pendingSpace = false;
    letters[length++] = alphabet[code] as number;
  }
  if (length > 0) letters[length++] = space;
  // Pass 2: count the trigrams some model has; a trigram with an unknown character has none.
  const seen: number[] = [];
  for (let i = 0; i + 2 < length; i++) {
    const first = letters[i] as number;
    const second = letters[i + 1] as number;
    const third = letters[i + 2] as number;
    if (first === 0 || second === 0 || third === 0) continue;
    const block = pairBlock[first * alphabetSize + second] as number;
    if (block < 0) continue;
    const row = rowOfTrigram[block * alphabetSize + third] as number;
    if (row < 0) continue;
    if (counts[row] === 0) seen.push(row);
    counts[row] = (counts[row] as number) + 1;
  }

  // Every seen trigram costs every language the full penalty, less what the models that have it save.
  const savings = new Float64Array(languages.length);
  for (const row of seen) {
    const count = counts[row] as number;
    counts[row] = 0;
    const end = rowStart[row + 1] as number;
    for (let e = rowStart[row] as number; e < end; e++) {
      const difference = count - (entryRank[e] as number) - 1;
      const language = entryLanguage[e] as number;
      savings[language] =
        (savings[language] as number) + missingPenalty - (difference < 0 ? -difference : difference);
    }
  }
  const everyMissing = seen.length * missingPenalty;
  const distances: LanguageDistance[] = [];
  for (let l = 0; l < languages.length; l++) {
    distances.push({ language: languages[l] as string, distance: everyMissing - (savings[l] as number) });
  }
  return distances.sort((a, b) => a.distance - b.distance);
}
