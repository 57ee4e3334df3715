/**
 * The spelling-variant fold behind name keys: an ASCII romanisation → one skeleton shared by the
 * usual spellings of a Central Asian name.
 *
 * The same name reaches English and Russian text through several romanisations (Russian-based,
 * Uzbek or Kazakh Latin alphabets, French-style, journalistic), and they disagree mostly about
 * vowels and about how to write ж, х, дж, ч and қ. So the skeleton:
 * - writes each consonant sound one way: zh, dzh, dj, j → j; kh, x (Uzbek x), h → h; ch, tch → c;
 *   c elsewhere → k; q, k → k; gh → g; ph → f; w → v;
 * - writes doubled letters once (Abdullah, Abdulla) and drops an h that ends the word after a
 *   vowel (Abdullah = Абдулла);
 * - keeps only where vowels are: a run of vowels (y counts as one: Tokayev = Tokaev) inside the
 *   word becomes `a`; at the end of the word it is dropped (Russian case endings: Ташкента,
 *   Кыргызстану); at the start it keeps one bit, back (o, u → `o`) or not (`a`), so Osh ≠ Ash
 *   while Uzbekistan = Oʻzbekiston.
 * Known merges of different names (tested): names differing only in a vowel (Iran, Irina → arn;
 * Putin, Patin). Known splits of one name: Alexander ≠ Aleksandr (x is read as Uzbek x = kh),
 * Shymkent ≠ Chimkent (different consonants), Jalal-Abad ≠ Jalalabad (see name-key.ts).
 */

const vowelRun = /[aeiouy]+/g;

/** The initial vowel class: `o` when the run's last real vowel is o or u, else `a`. */
function initialVowelClass(run: string): string {
  for (let i = run.length - 1; i >= 0; i--) {
    const vowel = run[i];
    if (vowel !== 'y') return vowel === 'o' || vowel === 'u' ? 'o' : 'a';
  }
  return 'a';
}

/** The skeleton of an ASCII lower-case romanisation (see the file comment for the rules). */
export function latinSkeleton(romanized: string): string {
  const consonants = romanized
    .replace(/zh/g, 'j')
    .replace(/dj/g, 'j')
    .replace(/c(?!h)/g, 'k')
    .replace(/t?ch/g, 'c')
    .replace(/kh|x/g, 'h')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/([aeiouy])h$/, '$1');
  return consonants.replace(vowelRun, (run: string, offset: number) => {
    if (offset === 0) return initialVowelClass(run);
    return offset + run.length === consonants.length ? '' : 'a';
  });
}
