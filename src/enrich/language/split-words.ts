/**
 * Splits text into words, counting each word's Cyrillic and Latin letters on the way.
 *
 * A word is what SQLite FTS5's unicode61 tokenizer takes for one: a run of letters, digits and
 * combining marks, so hyphens, apostrophes and all punctuation separate words. One hand-written
 * pass with a per-character table is used instead of a Unicode regex: on Cyrillic text the regex
 * cost 0.4 µs a word, most of the stemming budget.
 */
/** One word found in a text: [start, end) and its letters by script. */
export interface WordSpan {
  start: number;
  end: number;
  cyrillic: number;
  latin: number;
}

/** Options for splitWords. */
export interface SplitOptions {
  /**
   * Keep apostrophes (' ’ ‘ ʻ ʼ `) inside a word instead of splitting there, as name keys need for
   * "Oʻzbekiston" and "O'zbekiston". Default false (the FTS tokenizer splits at ASCII ').
   */
  keepApostrophes?: boolean;
}

const wordCharacter = /^[\p{L}\p{M}\p{N}]/u;
const apostrophes = new Set([0x27, 0x2019, 0x2018, 0x02bb, 0x02bc, 0x60]);

/** Per-code cache of "is this a word character" for the slow path: 0 unknown, 1 word, 2 not. */
const classified = new Uint8Array(65536);

/** Word character outside ASCII, Cyrillic and Latin: tested once per code with a Unicode regex. */
function isOtherWordUnit(text: string, index: number, code: number): boolean {
  if (code >= 0xd800 && code <= 0xdfff) {
    // Half of a surrogate pair: decide by the whole code point (Han extensions are letters, emoji are not).
    const high = code <= 0xdbff ? index : index - 1;
    return wordCharacter.test(String.fromCodePoint(text.codePointAt(high) ?? 0));
  }
  let known = classified[code] as number;
  if (known === 0) {
    known = wordCharacter.test(String.fromCharCode(code)) ? 1 : 2;
    classified[code] = known;
  }
  return known === 1;
}

/** 1 for a Latin letter, 2 for a Cyrillic one, 3 for another word character, 0 for a separator. */
function classify(text: string, index: number): number {
  const code = text.charCodeAt(index);
  // The script tests are written out here, not called from script-census.ts: this runs for every
  // character of every article, and the calls cost more than the rest of the loop.
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return 1;
    return code >= 0x30 && code <= 0x39 ? 3 : 0;
  }
  // U+0482 CYRILLIC THOUSANDS SIGN is the one non-letter in the Cyrillic blocks (the rest are letters or marks).
  if (code >= 0x0400 && code <= 0x052f) return code === 0x0482 ? 0 : 2;
  if (
    (code >= 0xc0 && code <= 0x2af && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x1e00 && code <= 0x1eff)
  ) {
    return 1;
  }
  return isOtherWordUnit(text, index, code) ? 3 : 0;
}

/** Calls `visit` for every word of `text`, in order. */
export function forEachWord(text: string, visit: (word: WordSpan) => void, options: SplitOptions = {}): void {
  const keepApostrophes = options.keepApostrophes === true;
  const length = text.length;
  let start = -1;
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < length; i++) {
    const kind = classify(text, i);
    if (kind !== 0) {
      if (start < 0) {
        start = i;
        cyrillic = 0;
        latin = 0;
      }
      if (kind === 1) latin++;
      else if (kind === 2) cyrillic++;
    } else if (start >= 0) {
      if (
        keepApostrophes &&
        i + 1 < length &&
        apostrophes.has(text.charCodeAt(i)) &&
        classify(text, i + 1) !== 0
      ) {
        continue;
      }
      visit({ start, end: i, cyrillic, latin });
      start = -1;
    }
  }
  if (start >= 0) visit({ start, end: length, cyrillic, latin });
}

/** The words of `text`, in order. */
export function splitWords(text: string, options: SplitOptions = {}): string[] {
  const words: string[] = [];
  forEachWord(text, ({ start, end }) => words.push(text.slice(start, end)), options);
  return words;
}
