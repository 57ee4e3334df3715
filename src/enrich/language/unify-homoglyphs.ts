/**
 * Rewrites the look-alike letters of a mixed-alphabet word into the word's main alphabet.
 *
 * "Kазахстан" with a Latin K, or "Tokаyev" with a Cyrillic а, is a typing slip or a deliberate
 * spoof; either way the reader sees "Казахстан" and a search for it should find the article.
 * Only lower-case letters that look the same in both alphabets are rewritten.
 */

const latinToCyrillic: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  i: 'і',
};

const cyrillicToLatin: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(latinToCyrillic).map(([latin, cyrillic]) => [cyrillic, latin]),
);

/** `word` (lower case) with look-alikes of the other alphabet rewritten into `target`'s. */
export function unifyHomoglyphs(word: string, target: 'cyrillic' | 'latin'): string {
  const table = target === 'cyrillic' ? latinToCyrillic : cyrillicToLatin;
  let unified = '';
  for (const character of word) unified += table[character] ?? character;
  return unified;
}
