/**
 * Counts the letters of a text by script: the first, cheap step of language detection.
 */

/** Letters seen in a text, by script. */
export interface ScriptCensus {
  latin: number;
  cyrillic: number;
  /** Letters of any other script (Arabic, Han, Greek, …). */
  other: number;
}

/** The script with the most letters; `none` when the text has no letter at all. */
export type DominantScript = 'latin' | 'cyrillic' | 'other' | 'none';

const otherLetter = /\p{L}/u;

/**
 * True for Latin letters: ASCII, Latin-1, Latin Extended A/B, IPA Extensions (Azerbaijani ə) and
 * Latin Extended Additional.
 */
function isLatinCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return (
    (code >= 0xc0 && code <= 0x2af && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff)
  );
}

/** True for Cyrillic letters and marks, Supplement included (Kazakh, Uzbek, Kyrgyz and Tajik letters are in 0400–04FF). */
function isCyrillicCode(code: number): boolean {
  return code >= 0x0400 && code <= 0x052f && code !== 0x0482;
}

/** Counts the letters of `text` by script (the caller bounds the text; this reads all of it). */
export function countScripts(text: string): ScriptCensus {
  const census: ScriptCensus = { latin: 0, cyrillic: 0, other: 0 };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isLatinCode(code)) census.latin++;
    else if (isCyrillicCode(code)) census.cyrillic++;
    // Below U+0370 only Latin letters, modifier letters (ʻ ʼ) and symbols live; none counts.
    else if (code >= 0x370 && otherLetter.test(text[i] ?? '')) {
      // A surrogate pair (Han extension, emoji) is tested by its high half, which is not \p{L}:
      // such rare letters are undercounted, never overcounted.
      census.other++;
    }
  }
  return census;
}

/** The script with the most letters in the census. */
export function dominantScript(census: ScriptCensus): DominantScript {
  const { latin, cyrillic, other } = census;
  if (latin + cyrillic + other === 0) return 'none';
  if (cyrillic >= latin && cyrillic >= other) return 'cyrillic';
  return latin >= other ? 'latin' : 'other';
}
