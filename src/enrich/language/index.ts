/**
 * The language layer of enrichment: detection, stemming for the full-text index, and
 * transliteration keys that match a name across Cyrillic and Latin spellings.
 */
export { type DetectedLanguage, detectLanguage, undeterminedLanguage } from './detect-language.ts';
export { looksLikeName } from './looks-like-name.ts';
export { nameKey, phraseKey } from './name-key.ts';
export { type SplitOptions, splitWords } from './split-words.ts';
export { foldWord, type StemLanguage, stemWord } from './stem-word.ts';
export { stemmedText, stemQueryWord } from './stemmed-text.ts';
