/**
 * Which alphabet a single word is written in, deciding which stemmer or transliteration applies.
 */
import { isCyrillicCode, isLatinCode } from './script-census.ts';

/** The alphabet of one word: Cyrillic, Latin, or anything else (digits only, Greek, Arabic, …). */
export type WordScript = 'cyrillic' | 'latin' | 'other';

/**
 * The script most of the word's letters are in. A word mixing alphabets (a Latin "K" typed inside
 * a Russian word, a common slip and a common spoofing trick) goes by the majority; an exact tie
 * goes to `tieBreak`.
 */
export function wordScript(word: string, tieBreak: WordScript = 'other'): WordScript {
  let cyrillic = 0;
  let latin = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (isCyrillicCode(code)) cyrillic++;
    else if (isLatinCode(code)) latin++;
  }
  if (cyrillic > latin) return 'cyrillic';
  if (latin > cyrillic) return 'latin';
  return cyrillic === 0 ? 'other' : tieBreak;
}
