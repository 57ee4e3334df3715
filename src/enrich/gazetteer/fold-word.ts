/**
 * The folded form of one word, the form gazetteer aliases and article words are compared in.
 *
 * Folding is lower case, ё → е (Russian prints ё rarely and inconsistently), and Latin diacritics
 * removed (Türkmenistan, Aşgabat, Qoʻqon as people type them without the marks). Cyrillic words keep
 * their letters: й, ў, қ, ҳ, ӣ are distinct letters, not decorated ones.
 */

/** Latin letters with diacritics (Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional) or loose combining marks. */
const decoratedLatin = /[\u00C0-\u024F\u1E00-\u1EFF]|\p{M}/u;
const combiningMarks = /[\u0300-\u036F]/g;
const cyrillicLetter = /[\u0400-\u04FF]/;

/** `word` with ё → е and Ё → Е, case kept (for comparisons that must respect case). */
export function foldYo(word: string): string {
  return word.includes('ё') || word.includes('Ё') ? word.replaceAll('ё', 'е').replaceAll('Ё', 'Е') : word;
}

/** The folded form of one word: lower case, ё → е, Latin diacritics dropped. */
export function foldWord(word: string): string {
  let folded = word.toLowerCase();
  if (folded.includes('ё')) folded = folded.replaceAll('ё', 'е');
  if (!decoratedLatin.test(folded)) return folded;
  // A Cyrillic word only gets its marks composed (и + breve is й); a Latin one loses them.
  if (cyrillicLetter.test(folded)) return folded.normalize('NFC').replaceAll('ё', 'е');
  return folded.normalize('NFD').replace(combiningMarks, '').normalize('NFC');
}

/** True when the word holds a Cyrillic letter (the Russian case-ending rule applies only to those). */
export function isCyrillicWord(word: string): boolean {
  return cyrillicLetter.test(word);
}

/** True when the word starts with an upper-case letter (Токаев, Tokayev, ГКНБ). */
export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** True when the word is written in capitals only (an abbreviation such as ГКНБ or ISIL). */
export function isAllCapitals(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}
