/**
 * Sentence boundaries in news text, English and Russian, with offsets.
 *
 * A boundary is end punctuation (. ! ? …), optional closing quotes or brackets, white space, then a capital,
 * digit or opening quote; or a blank line. A full stop after an abbreviation (Mr., U.S., т.е., г. Ош) or an
 * initial (K. Tokayev) is not one. Input is expected with markup already masked (see maskMarkup).
 */

/** A sentence's span in the text: `text.slice(start, end)`, trimmed of white space. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Longest sentence kept whole; longer runs without a boundary (tables, number dumps) are cut, so work stays bounded. */
export const maxSentenceLength = 1_500;

const boundary = /[.!?…]+["'»”’)\]]*(?=\s)|\n[^\S\n]*\n/g;
const opensSentencePunctuation = new Set(['"', "'", '«', '“', '‘', '(', '[', '—', '–', '-']);
const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'maj',
  'gov',
  'sen',
  'rep',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'vs',
  'no',
  'nos',
  'vol',
  'fig',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'u.s',
  'u.k',
  'u.n',
  'e.g',
  'i.e',
  'approx',
  'dept',
  'est',
  'mt',
  'ft',
  'т.е',
  'т.к',
  'т.д',
  'т.п',
  'т.н',
  'др',
  'пр',
  'ул',
  'им',
  'ст',
  'чел',
  'млн',
  'млрд',
  'тыс',
  'руб',
  'долл',
  'обл',
  'пос',
  'с',
  'д',
  'ген',
  'полк',
  'проф',
  'акад',
  'зам',
  'см',
  'напр',
  'р-н',
  'пгт',
  'корр',
]);
/** "г." and "гг." abbreviate both город (a city follows) and год (a sentence may end): only the year reading ends one. */
const yearAbbreviations = new Set(['г', 'гг']);

/** The sentences of `text`, in order, each trimmed and non-empty. */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  boundary.lastIndex = 0;
  for (let found = boundary.exec(text); found !== null; found = boundary.exec(text)) {
    const end = found.index + found[0].length;
    if (found[0][0] !== '\n' && !endsSentence(text, found.index, end)) continue;
    pushSpan(text, start, end, spans);
    start = end;
  }
  pushSpan(text, start, text.length, spans);
  return spans;
}

function endsSentence(text: string, punctuationAt: number, end: number): boolean {
  let next = end;
  while (next < text.length && isSpace(text.charCodeAt(next))) next++;
  if (next >= text.length || !opensSentence(text[next]!)) return false;
  if (text[punctuationAt] !== '.' || text[punctuationAt + 1] === '.') return true;
  const word = wordBefore(text, punctuationAt);
  if (word.length === 1 && /\p{Lu}/u.test(word)) return false; // an initial: "K. Tokayev"
  const key = word.toLowerCase();
  if (yearAbbreviations.has(key))
    return /\d{4}\s*$/.test(text.slice(Math.max(0, punctuationAt - 8), punctuationAt - word.length));
  return !abbreviations.has(key);
}

/** A capital, a digit or an opening quote, bracket or dash: what a new sentence starts with. */
function opensSentence(character: string): boolean {
  if (character >= '0' && character <= '9') return true;
  if (opensSentencePunctuation.has(character)) return true;
  return character !== character.toLowerCase();
}

/** White space as \s reads it, tested by code without a regex (this runs once per character around boundaries). */
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The letters, dots and hyphens just before `at`: "U.S", "т.е", "Mr", "р-н". */
function wordBefore(text: string, at: number): string {
  let from = at;
  while (from > 0 && from > at - 12 && isWordCharacter(text[from - 1]!)) from--;
  return text.slice(from, at).replace(/^[.-]+/, '');
}

/** A letter (Latin or Cyrillic, the scripts abbreviations are read in), a dot or a hyphen. */
function isWordCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return (
    code === 46 ||
    code === 45 ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x400 && code <= 0x4ff)
  );
}

function pushSpan(text: string, from: number, to: number, spans: SentenceSpan[]): void {
  let start = from;
  let end = to;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  while (end - start > maxSentenceLength) {
    // No boundary for too long: cut at the last space before the limit (or at the limit in a spaceless run).
    const space = text.lastIndexOf(' ', start + maxSentenceLength);
    const cut = space > start + maxSentenceLength / 2 ? space : start + maxSentenceLength;
    spans.push({ start, end: cut });
    start = cut;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
  }
  if (end > start) spans.push({ start, end });
}
