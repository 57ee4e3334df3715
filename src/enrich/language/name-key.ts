/**
 * Transliteration keys: one Latin skeleton for the spellings of a name across Cyrillic and Latin,
 * so Tokayev, Tokaev, Токаев and Тоқаев share the key `takav` and Japarov, Zhaparov, Djaparov and
 * Жапаров share `japarav` (rules in latin-skeleton.ts, romanisation in romanize-word.ts).
 *
 * A key is per word. Hyphens and spaces separate words, as they do for the FTS tokenizer, so
 * "Jalal-Abad" and "Jalal Abad" both key to `jalal abad` and a phrase of keys can be searched like
 * a phrase of words; the solid spelling "Jalalabad" keys differently (`jalalabad`) and needs an
 * alias where it matters. Apostrophes stay inside a word (Oʻzbekiston, O'zbekiston).
 */
import { BoundedCache } from './bounded-cache.ts';
import { latinSkeleton } from './latin-skeleton.ts';
import { romanizeWord } from './romanize-word.ts';
import { forEachWord } from './split-words.ts';

/** Longer "words" are not names (run-together junk): they get no key. */
const longestKeyedWord = 64;

/** Keys of recent words; bounded like the stem caches (see bounded-cache.ts). */
const keys = new BoundedCache<string, string>(50_000);

/** Combining marks that NFC may compose into one letter (a decomposed й is и + U+0306). */
const decomposable = /[\u0300-\u036f]/;

/** The key of one word already split out and lower-cased, with its letters counted by script. */
function keyOfWord(word: string, cyrillic: number, latin: number): string {
  if (word.length > longestKeyedWord) return '';
  // Words with no Cyrillic or Latin letter (digits, Greek, Arabic…) are their own key.
  if (cyrillic === 0 && latin === 0) return word;
  let key = keys.get(word);
  if (key === undefined) {
    key = latinSkeleton(romanizeWord(word, cyrillic > latin ? 'cyrillic' : 'latin'));
    keys.set(word, key);
  }
  return key;
}

/**
 * The keys of every word of `text`, joined by one space, in order (words without a key left out).
 * Use it on both sides: on a name or an article's text when indexing, and on the query.
 */
export function phraseKey(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let lower = text.toLowerCase();
  if (decomposable.test(lower)) lower = lower.normalize('NFC');
  const parts: string[] = [];
  forEachWord(
    lower,
    ({ start, end, cyrillic, latin }) => {
      const key = keyOfWord(lower.slice(start, end), cyrillic, latin);
      if (key !== '') parts.push(key);
    },
    { keepApostrophes: true },
  );
  return parts.join(' ');
}

/**
 * The key of one word (Cyrillic or Latin; other scripts come back lower-cased). Given a hyphenated
 * or multi-word name it returns the phrase key, its words' keys joined by one space.
 */
export function nameKey(word: string): string {
  return phraseKey(word);
}
