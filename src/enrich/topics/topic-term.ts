/**
 * Topic terms: plain words and phrases, never regular expressions. A word may end in `*` to stand for
 * any ending (a stem: `задерж*` matches задержан, задержали; `terror*` matches terrorism). Terms are
 * checked, then escaped into a pattern, so a rule file cannot make the matcher slow or unsafe.
 */
import { lowercaseSameLength, wordLetters } from '../events/word-pattern.ts';

/** Longest term, in characters. */
export const maxTermLength = 80;
/** Most words in one term. */
export const maxTermWords = 6;
/** Letters a stem must keep before its `*`: shorter stems match too much ("ар*"). */
export const minStemLetters = 3;

const regexLike = /[\\^$|?+()[\]{}]/;
const allowed = /^[\p{L}\p{M}\p{N} '’.&*-]+$/u;

/** Why `term` cannot be used, or undefined when it is fine. */
export function checkTerm(term: string): string | undefined {
  const trimmed = term.trim();
  if (trimmed === '') return 'is empty';
  if (trimmed.length > maxTermLength) return `is longer than ${maxTermLength} characters`;
  if (regexLike.test(trimmed))
    return 'looks like a regular expression; terms are plain words: a word, a phrase, or a stem ending in *';
  if (!allowed.test(trimmed))
    return 'may hold only letters, digits, spaces, hyphens, apostrophes, dots, & and a final *';
  const words = trimmed.split(/\s+/);
  if (words.length > maxTermWords) return `has more than ${maxTermWords} words`;
  for (const word of words) {
    const star = word.indexOf('*');
    if (star >= 0 && star !== word.length - 1) return `puts * inside "${word}"; it may only end a word`;
    if (star >= 0 && countLetters(word) < minStemLetters)
      return `has the stem "${word}", shorter than ${minStemLetters} letters`;
    if (countLetters(word) === 0 && !/\d/.test(word)) return `has "${word}", which has no letter or digit`;
  }
  return undefined;
}

/** A term in the matcher's form: lowercase, ё as е, curly apostrophes straight (as normalizeForTerms does to text). */
export function normalizeTerm(term: string): string {
  return normalizeForTerms(term.trim().replace(/\s+/g, ' '));
}

/** Text folded for matching without changing its length (offsets stay valid): lowercase, ё → е, ’ → '. */
export function normalizeForTerms(text: string): string {
  return lowercaseSameLength(text).replace(/ё/g, 'е').replace(/’/g, "'");
}

/**
 * The regex source of a checked, normalised term: its words apart by white space or quotes ("операции
 * «Мехр»", 'Operation "Jusan"'), a hyphen also matching a space or nothing (counter-terrorism).
 */
export function termSource(normalized: string): string {
  return normalized
    .split(' ')
    .map((word) => {
      const stem = word.endsWith('*');
      const body = (stem ? word.slice(0, -1) : word)
        .split('-')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[-\\s]?');
      return stem ? `${body}[${wordLetters}]*` : body;
    })
    .join('[\\s«»"“”„]+');
}

function countLetters(word: string): number {
  return (word.match(/\p{L}/gu) ?? []).length;
}
