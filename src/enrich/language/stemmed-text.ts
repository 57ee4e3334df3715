/**
 * A text as the sequence of its word stems, for a full-text column beside the plain text.
 *
 * SQLite's FTS5 `unicode61` tokenizer neither stems nor folds ё, and better-sqlite3 cannot register
 * a JavaScript tokenizer, so the stems are computed here and indexed as their own column: then
 * `задержаны` finds `задержан` and `detained` finds `detain`. Each word is stemmed by its own
 * alphabet (Cyrillic → Russian, Latin → English) whatever the article's language, because news
 * in Russian quotes English names and the reverse; words in other scripts pass through lower-cased.
 */
import { forEachWord } from './split-words.ts';
import { type StemLanguage, stemFolded } from './stem-word.ts';
import { unifyHomoglyphs } from './unify-homoglyphs.ts';

/** Combining marks that NFC may compose into one letter (a decomposed ё is е + U+0308). */
const decomposable = /[\u0300-\u036f]/;

/**
 * The text as space-separated stems, one per word, in order: lower-cased, ё→е folded, Cyrillic
 * words stemmed as Russian, Latin words as English, other words only lower-cased. Words split as
 * FTS5's unicode61 splits them (split-words.ts). A word mixing alphabets goes by the majority,
 * its look-alike letters rewritten ("Kазахстан" with a Latin K stems as "Казахстан"); `language`
 * (the article's, ISO 639-1) decides a word with as many Cyrillic as Latin letters.
 */
export function stemmedText(text: string, language: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  // Folding the whole text once is far cheaper than word by word.
  let folded = text.toLowerCase();
  if (decomposable.test(folded)) folded = folded.normalize('NFC');
  if (folded.includes('ё')) folded = folded.replaceAll('ё', 'е');
  const tie: StemLanguage | null = language === 'ru' || language === 'en' ? language : null;
  const stems: string[] = [];
  forEachWord(folded, ({ start, end, cyrillic, latin }) => {
    let word = folded.slice(start, end);
    const stemLanguage: StemLanguage | null =
      cyrillic > latin ? 'ru' : latin > cyrillic ? 'en' : cyrillic === 0 ? null : tie;
    if (stemLanguage === null) {
      stems.push(word);
      return;
    }
    if (cyrillic > 0 && latin > 0) word = unifyHomoglyphs(word, stemLanguage === 'ru' ? 'cyrillic' : 'latin');
    stems.push(stemFolded(word, stemLanguage));
  });
  return stems.join(' ');
}

/**
 * The stems a search word must match in the stemmed column: the same rules as stemmedText, so
 * both sides agree. A plain word gives one stem; a hyphenated one ("Jalal-Abad") gives its parts'.
 */
export function stemQueryWord(word: string): string {
  return stemmedText(word, 'und');
}
