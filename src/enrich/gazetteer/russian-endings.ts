/**
 * The Russian case-ending rule: how a Cyrillic alias word also matches its inflected forms.
 *
 * Russian declines names: Токаев, Токаева, Токаеву, Токаевым, о Токаеве; Ошская область, в Ошской
 * области; Исламское государство, Исламского государства. The rule, kept deliberately small:
 *
 * 1. An alias word is *inflectable* when it is Cyrillic, at least `minRussianStem` letters long, not
 *    written in capitals (ГКНБ, ИГИЛ, МВД are abbreviations and do not decline) and not part of a
 *    short alias (see isShortAlias: Ош is listed with its case forms instead).
 * 2. Its stem drops one final ending: a two-letter adjective ending (-ый -ий -ой -ая -яя -ое -ее -ые
 *    -ие) or else one final vowel, soft sign or й (-а -я -о -е -ы -и -ь -й), as long as the stem keeps
 *    `minRussianStem` letters. Consonant-final words are their own stem (Токаев, Бишкек, район).
 * 3. A text word matches when it is the stem followed by one of `russianCaseEndings` (the empty
 *    ending included). The list holds noun and adjective case endings only; it leaves out -ов/-ев so
 *    that surnames (Токаев) never lose their suffix, and anything longer than three letters.
 * 4. (Applied by the matcher.) When the alias word is capitalised, an inflected text word must be too,
 *    so the common noun "кита" (a whale's) is not China's "Китая".
 */

/**
 * The fewest letters a Russian stem keeps: 3, so суд (in "Верховный суд РК") declines to суда and
 * Хива to Хиве, while one- and two-letter stems never match a stray word.
 */
export const minRussianStem = 3;

/** The endings a text word may carry after an alias stem, the empty ending first. */
export const russianCaseEndings: ReadonlySet<string> = new Set([
  '',
  'а',
  'я',
  'у',
  'ю',
  'е',
  'и',
  'ы',
  'о',
  'ь',
  'й',
  'ой',
  'ей',
  'ом',
  'ем',
  'ою',
  'ею',
  'ам',
  'ям',
  'ах',
  'ях',
  'ью',
  'ий',
  'ый',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ую',
  'юю',
  'ых',
  'их',
  'ым',
  'им',
  'ами',
  'ями',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
]);

const longestEnding = 3;
const adjectiveEndings = ['ый', 'ий', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие'];
const finalLetters = new Set(['а', 'я', 'о', 'е', 'ы', 'и', 'ь', 'й']);

/** The stem of an inflectable alias word (folded, lower case), per rule 2. */
export function russianAliasStem(folded: string): string {
  const last2 = folded.slice(-2);
  if (adjectiveEndings.includes(last2) && folded.length - 2 >= minRussianStem) return folded.slice(0, -2);
  if (finalLetters.has(folded.slice(-1)) && folded.length - 1 >= minRussianStem) return folded.slice(0, -1);
  return folded;
}

/** The listed endings as numbers (their letters' codes packed), so testing one builds no string. */
const endingCodes = new Set([...russianCaseEndings].filter((ending) => ending !== '').map(endingCode));

function endingCode(ending: string): number {
  let code = 0;
  for (let index = 0; index < ending.length; index += 1) code = code * 0x1_0000 + ending.charCodeAt(index);
  return code + ending.length * 0x1_0000_0000_0000;
}

/** The stems a folded Cyrillic text word may stand for: itself and itself minus each listed ending. */
export function russianStemCandidates(folded: string): string[] {
  const candidates = [folded];
  let code = 0;
  for (let cut = 1; cut <= longestEnding && folded.length - cut >= minRussianStem; cut += 1) {
    const letter = folded.charCodeAt(folded.length - cut);
    code += letter * 0x1_0000 ** (cut - 1);
    if (endingCodes.has(code + cut * 0x1_0000_0000_0000)) candidates.push(folded.slice(0, -cut));
  }
  return candidates;
}
