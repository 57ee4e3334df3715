/**
 * The folded form of a whole alias: its words folded and joined by one space. Two aliases that fold
 * alike ("Hizb ut-Tahrir", "hizb-ut-tahrir") are the same alias to the matcher, so the gazetteer
 * allows each folded form once.
 */
import { foldWord } from './fold-word.ts';
import { splitWords } from './scan-words.ts';

/** The words of an alias as written. */
export function aliasWords(alias: string): string[] {
  return splitWords(alias).map((span) => span.word);
}

/** The folded form of an alias ("Jalal-Abad" → "jalal abad", "Тоқаев" → "тоқаев"). */
export function foldAlias(alias: string): string {
  return aliasWords(alias).map(foldWord).join(' ');
}

/** How many letters and digits an alias has (IS has 2, KNB 3); short aliases match case-sensitively. */
export function countAliasLetters(alias: string): number {
  return aliasWords(alias).reduce((total, word) => total + word.length, 0);
}

/** Aliases of this many letters or fewer match only as written, case included ("IS", never "is"). */
export const shortAliasLetters = 3;

/** True for an alias that matches only with its exact case (see shortAliasLetters). */
export function isShortAlias(alias: string): boolean {
  return countAliasLetters(alias) <= shortAliasLetters;
}
