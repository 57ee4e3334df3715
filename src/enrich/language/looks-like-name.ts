/**
 * Whether a search word should also be matched by its transliteration key.
 */

/** A capitalised Cyrillic or Latin word: letters (with marks), inner hyphens or apostrophes. */
const nameShape = /^[\p{Lu}](?:[\p{L}\p{M}]|['’ʻʼ-](?=\p{L}))*$/u;
const nonNameLetter = /[^\p{Script=Latin}\p{Script=Cyrillic}\p{M}'’ʻʼ-]/u;
const letter = /\p{L}/gu;

/**
 * True for a capitalised Latin or Cyrillic word of at least three letters ("Tokayev", "Токаев",
 * "Jalal-Abad", "Oʻzbekiston", also acronyms such as "ГКНБ"). Kept simple on purpose: it decides
 * when a plain search word is also looked up by its key, where a false positive costs one
 * extra match and a false negative loses the cross-script hit.
 */
export function looksLikeName(word: string): boolean {
  if (typeof word !== 'string' || word.length < 3 || word.length > 64) return false;
  if (!nameShape.test(word) || nonNameLetter.test(word)) return false;
  return (word.match(letter)?.length ?? 0) >= 3;
}
