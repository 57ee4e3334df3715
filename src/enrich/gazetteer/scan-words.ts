/**
 * Words as the gazetteer sees them, in aliases and in article text alike.
 *
 * A word is a maximal run of letters, combining marks and digits, so an alias can only match whole
 * words ("Osh" never matches inside "Oshkosh"). Hyphens and apostrophes split words: "Jalal-Abad" and
 * "Jalal Abad" are the same two words, "Tokayev's" is "Tokayev" and "s", and the Uzbek Latin
 * apostrophes (Oʻ, gʻ, written ʻ ʼ ' ‘ or ’) all behave alike. The modifier-letter block (ʻ ʼ) is
 * Unicode letters, so it is taken out of the word class explicitly.
 */

/** One word of a text: its position (UTF-16 offsets, end exclusive) and its characters. */
export interface WordSpan {
  start: number;
  end: number;
  word: string;
}

// Built at run time: the v flag (set subtraction) is Node 20's but newer than the ES2022 target.
const wordSource = '[[\\p{L}\\p{M}\\p{N}]--[\\u02B0-\\u02FF]]+';

/** A fresh global regular expression over words (each scanner needs its own lastIndex). */
export function createWordPattern(): RegExp {
  return new RegExp(wordSource, 'gv');
}

/** The most characters allowed between two words of one multi-word alias ("Hizb ut - Tahrir"). */
export const maxAliasGap = 4;

const joinableGap = /^[\s\u00A0\u2000-\u200B\u202F\-\u2010-\u2014'`´\u2018\u2019\u02B0-\u02FF]+$/;

const abbreviationGap = /^\.[\s\u00A0]?$/;

/**
 * True when the characters between two words may sit inside one alias: up to maxAliasGap of spaces,
 * hyphens, dashes and apostrophes. Commas, brackets and full stops end a name ("Osh. Islamic…"),
 * except a full stop after a word of up to 3 letters, which is an abbreviation (St. Petersburg, U.S.).
 */
export function isJoinableGap(gap: string, leftWord = ''): boolean {
  if (gap.length <= maxAliasGap && joinableGap.test(gap)) return true;
  return leftWord.length <= 3 && leftWord.length > 0 && abbreviationGap.test(gap);
}

/** Every word of `text`, in order. */
export function splitWords(text: string): WordSpan[] {
  const pattern = createWordPattern();
  const words: WordSpan[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    words.push({ start: match.index, end: match.index + match[0].length, word: match[0] });
  }
  return words;
}
