/**
 * The languages detection chooses among, per script, and the letters that rule some of them out.
 *
 * Trigram distances on a headline-length text are noisy ("Tokayev visits Moscow today" is closest
 * to Spanish, "Президент України…" to Bulgarian). Letters settle much of that cheaply: a language
 * whose text (almost) always shows one of its own letters is left out when none appears, and, in a
 * short text only, one that never uses a letter is left out when it appears (a long article may
 * quote a name in another alphabet: Kyrgyz text citing "Тоқаев"). On a full article the markers are
 * present and the trigrams decide as franc would; on a short text this leans toward the languages
 * that need no special letters, English and Russian, which is the better guess for this archive.
 */

/** A candidate language and its letter rules (lower case). */
export interface Candidate {
  /** ISO 639-3 code of franc's model. */
  readonly code: string;
  /** Letters of which at least one must appear; empty: no requirement. */
  readonly requires: string;
  /** Letters of which none may appear in a short text; empty: no exclusion. */
  readonly excludedBy: string;
}

function candidate(code: string, requires = '', excludedBy = ''): Candidate {
  return { code, requires, excludedBy };
}

/** Cyrillic-script candidates: Russian, the Central Asian languages, and the neighbours franc confuses with them. */
export const cyrillicCandidates: readonly Candidate[] = [
  candidate('rus'),
  candidate('kaz', 'әғқңөұүһі'),
  candidate('kir', 'ңөү', 'әғқұһіўҳҷӣӯ'),
  candidate('uzn', 'ўғқҳ', 'ыщ'),
  candidate('tgk', 'ғӣқӯҳҷ', 'ы'),
  // Bulgarian writes ъ as a vowel in almost every sentence and has no ы or э.
  candidate('bul', 'ъ', 'ыэё'),
  candidate('ukr', 'іїєґ', 'ыэёъ'),
  candidate('bel', 'іў', 'иъщ'),
  candidate('srp', 'јљњћђџ', 'ыэёъщ'),
  candidate('mkd', 'јљњѓќѕџ', 'ыэёъщ'),
  candidate('tat', 'әөүҗңһ'),
  candidate('tuk', 'әҗңөү'),
  candidate('azj', 'әғјҝөүһҹ'),
  candidate('khk', 'өү'),
];

/** Latin-script candidates: English, Uzbek and Turkic neighbours, and the main European languages. */
export const latinCandidates: readonly Candidate[] = [
  candidate('eng'),
  // Uzbek writes oʻ and gʻ in most sentences, with ʻ or, commonly, an apostrophe.
  candidate('uzn', "ʻʼ'’‘`"),
  candidate('tur', 'ışğçöü', 'əäňý'),
  candidate('azj', 'əışğçöü'),
  candidate('tuk', 'äňýžşçöü'),
  candidate('deu', 'äöüß'),
  candidate('fra', 'éèêàâçôûîëïùœ'),
  candidate('spa', 'ñáéíóú¿¡'),
  candidate('por', 'ãõçáéíóúâêôà'),
  candidate('ita', 'àèéìòù'),
  candidate('nld'),
  candidate('pol', 'ąćęłńóśźż'),
  candidate('ces', 'ěščřžýáíéůúťďň'),
  candidate('slk', 'áäčďéíĺľňóôŕšťúýž'),
  candidate('ron', 'ăâîșțşţ'),
  candidate('hun', 'őűáéíóöüú'),
  candidate('swe', 'åäö'),
  candidate('dan', 'æøå'),
  candidate('nob', 'æøå'),
  candidate('fin', 'äö'),
  candidate('hrv', 'čćđšž'),
  candidate('slv', 'čšž'),
  candidate('lit', 'ąčęėįšųūž'),
  candidate('lvs', 'āčēģīķļņšūž'),
  candidate('ekk', 'äöõüšž'),
  candidate('als', 'ëç'),
  candidate('cat', 'àèéíïòóúç'),
  candidate('ind'),
];

/**
 * The candidates whose letter rules `present` satisfies; `present[code]` is non-zero for every
 * character code that occurs in the (lower-cased) text. `short` applies the exclusions too.
 */
export function admissibleCandidates(
  candidates: readonly Candidate[],
  present: Uint8Array,
  short: boolean,
): Candidate[] {
  const occurs = (letters: string): boolean => {
    for (let i = 0; i < letters.length; i++) if (present[letters.charCodeAt(i)] !== 0) return true;
    return false;
  };
  return candidates.filter(
    (entry) =>
      (entry.requires === '' || occurs(entry.requires)) &&
      (!short || entry.excludedBy === '' || !occurs(entry.excludedBy)),
  );
}
