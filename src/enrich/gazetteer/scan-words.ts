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

/** The code point at `at` (one UTF-16 unit, or two for a surrogate pair). */
export function codePointAt(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  return unit >= 0xd800 && unit <= 0xdbff ? text.codePointAt(at)! : unit;
}

/** True for an ASCII letter or digit. */
export function isAsciiWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

const otherWordCodes = new Map<number, boolean>();
const wordCharacter = /^[\p{L}\p{M}\p{N}]$/u;

/** True for a code point that belongs to a word: a letter, mark or digit, but not ʻ ʼ (U+02B0–U+02FF). */
export function isWordCode(code: number): boolean {
  if (code < 0x80) return isAsciiWordCode(code);
  if (code >= 0x0400 && code <= 0x04ff) return code !== 0x0482;
  if (code >= 0x02b0 && code <= 0x02ff) return false;
  let known = otherWordCodes.get(code);
  if (known === undefined) {
    known = wordCharacter.test(String.fromCodePoint(code));
    // Bounded: a hostile text can hold every code point, the memo stays small.
    if (otherWordCodes.size < 10_000) otherWordCodes.set(code, known);
  }
  return known;
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
  const words: WordSpan[] = [];
  let at = 0;
  while (at < text.length) {
    let code = codePointAt(text, at);
    if (!isWordCode(code)) {
      at += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = at;
    while (at < text.length && isWordCode(code)) {
      at += code > 0xffff ? 2 : 1;
      code = at < text.length ? codePointAt(text, at) : 0;
    }
    words.push({ start, end: at, word: text.slice(start, at) });
  }
  return words;
}
