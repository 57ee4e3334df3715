/**
 * People: a run of two or three capitalised words holding a given name and a surname (or patronymic)
 * in either order — or a given name az does not know before a surname of the region's shape — or one
 * to three words after a title or role, the last a surname; a surname alone joins the person named in
 * full elsewhere in the text. Russian names are given in their dictionary form, a woman's surname in
 * its feminine form.
 */
import { nameKey, phraseKey } from '../language/index.ts';
import type { Morphology, WordReading } from './morphology.ts';
import { personCues, surnameEnding } from './name-cues.ts';
import {
  allCapitals,
  cyrillic,
  isNameWord,
  lowerWordBefore,
  type NameOccurrence,
  type Token,
} from './name-runs.ts';

const looksLikeSurname = (word: string, reading: WordReading) =>
  reading.surname >= 0.3 || (word.length >= 5 && surnameEnding.test(word.toLowerCase()));
const looksLikePatronymic = (word: string, reading: WordReading) =>
  reading.patronymic >= 0.5 || /(?:ovich|evich|ович|евич|овна|евна|ugli|o['’ʻ]g['’ʻ]li)$/i.test(word);

/** Surname endings that are hardly ever anything else: -ov/-ev(a), -uly, -kyzy, -zoda, -zade. */
const strongSurname =
  /(?:[^aeiouаеёиоуыэюя](?:ov|ev|ova|eva|yev|yeva|iev|ieva|ов|ев|ёв|ова|ева|ову|еву|овым|евым|овой|евой)|uly|uli|kyzy|qizi|zoda|zade|zada|улы|уулу|кызы|зода|заде)$/;
/** A word that reads as no place and no organisation (a given name az may not know). */
const isPlainNameWord = (reading: WordReading) => reading.place < 0.5 && reading.organisation < 0.5;

const hasNameReading = (word: string, reading: WordReading) =>
  reading.givenName >= 0.5 || looksLikeSurname(word, reading) || looksLikePatronymic(word, reading);

/** A Russian surname's dictionary form for a woman: Абдыкалыков → Абдыкалыкова (az gives the man's). */
function forWoman(surname: string): string {
  return /(?:ов|ев|ёв|ин|ын)$/.test(surname) ? `${surname}а` : surname;
}

/** The dictionary form of a Russian name word (as a surname when it is one), capitalised; a Latin word as written. */
export function nameForm(word: string, reading: WordReading, asSurname = false): string {
  if (!cyrillic.test(word)) return word;
  const lemma = (asSurname ? reading.surnameLemma : undefined) ?? reading.lemma;
  return lemma.charAt(0).toUpperCase() + lemma.slice(1);
}

export function personIn(text: string, whole: Token[], morphology: Morphology): NameOccurrence | null {
  // Capitalised titles lead the run in English ("Interior Minister Ulan Niyazbekov"): they are the cue.
  let lead = 0;
  while (
    lead < whole.length &&
    (personCues.has(whole[lead]!.text.toLowerCase()) || !isNameWord(whole[lead]!))
  )
    lead++;
  // So does a capitalised word that is no name at all, at a sentence start ("Говорит Бакыт Токтосунов").
  while (whole.length - lead > 2 && !hasNameReading(whole[lead]!.text, morphology.read(whole[lead]!.text)))
    lead++;
  const run = whole.slice(lead);
  const words = run.filter(isNameWord);
  if (words.length === 0 || words.length > 4 || words.length !== run.length) return null;
  if (words.some((token) => allCapitals.test(token.text))) return null;
  // One word alone is a person only after a title: without one, say nothing before reading it (most
  // capitalised words are sentence openers, and a dictionary reading costs a tenth of a millisecond).
  if (words.length === 1 && lead === 0 && !personCues.has(lowerWordBefore(text, whole[0]!.start)))
    return null;
  const readings = words.map((token) => morphology.read(token.text));
  const given = readings.findIndex((reading) => reading.givenName >= 0.5);
  let surname = -1;
  for (let i = words.length - 1; i >= 0; i--) {
    if (i !== given && looksLikeSurname(words[i]!.text, readings[i]!)) {
      surname = i;
      break;
    }
  }
  const cue =
    whole.slice(0, lead).some((token) => personCues.has(token.text.toLowerCase())) ||
    personCues.has(lowerWordBefore(text, whole[0]!.start));
  const fullName =
    words.length >= 2 &&
    words.length <= 3 &&
    given >= 0 &&
    surname >= 0 &&
    words.every((token, i) => i === given || i === surname || looksLikePatronymic(token.text, readings[i]!));
  if (fullName) {
    let surnameForm = nameForm(words[surname]!.text, readings[surname]!, true);
    if (readings[given]!.feminine && cyrillic.test(surnameForm)) surnameForm = forWoman(surnameForm);
    const display = `${nameForm(words[given]!.text, readings[given]!)} ${surnameForm}`;
    return personOccurrence(text, run, display, surnameForm, false);
  }
  // Given names az does not know (Kubanychbek, Нурлыбек) before a surname of the region's shape
  // (Ormonaliev, Серикбайулы), a patronymic between: "Ержана Маратовича Кожахметова".
  const last = words.length - 1;
  const regional =
    words.length >= 2 &&
    words.length <= 3 &&
    strongSurname.test(words[last]!.text.toLowerCase()) &&
    isPlainNameWord(readings[0]!) &&
    words.slice(1, last).every((token, i) => looksLikePatronymic(token.text, readings[i + 1]!));
  if (regional) {
    const surnameForm = nameForm(words[last]!.text, readings[last]!, true);
    const display = `${nameForm(words[0]!.text, readings[0]!)} ${surnameForm}`;
    return personOccurrence(text, run, display, surnameForm, false);
  }
  // A known given name before another capitalised Latin word that is no place: "Aliya Seitkali".
  if (words.length === 2 && given === 0 && isPlainNameWord(readings[1]!) && !cyrillic.test(words[1]!.text)) {
    return personOccurrence(text, run, `${words[0]!.text} ${words[1]!.text}`, words[1]!.text, false);
  }
  if (!cue || words.length > 3) return null;
  if (!looksLikeSurname(words[last]!.text, readings[last]!)) return null;
  const surnameForm = nameForm(words[last]!.text, readings[last]!, true);
  if (words.length === 1) return personOccurrence(text, run, surnameForm, surnameForm, true);
  const first = nameForm(words[0]!.text, readings[0]!);
  return personOccurrence(text, run, `${first} ${surnameForm}`, surnameForm, false);
}

function personOccurrence(
  text: string,
  run: Token[],
  name: string,
  surname: string,
  surnameOnly: boolean,
): NameOccurrence {
  const start = run[0]!.start;
  const end = run.at(-1)!.end;
  return {
    type: 'person',
    name,
    key: phraseKey(name),
    surnameOnly,
    surnameKey: nameKey(surname),
    start,
    end,
    surface: text.slice(start, end),
  };
}

/** A capitalised word alone that is the surname of a person named in full in the text ("Toktosunov denied…"). */
export function surnamesAlone(
  text: string,
  alone: Token[],
  found: NameOccurrence[],
  morphology: Morphology,
): NameOccurrence[] {
  const surnames = new Set(
    found.flatMap((occurrence) =>
      occurrence.type === 'person' && !occurrence.surnameOnly && occurrence.surnameKey !== undefined
        ? [occurrence.surnameKey]
        : [],
    ),
  );
  if (surnames.size === 0) return [];
  // A lone capitalised word is most often a sentence opener, and reading one the dictionary has not
  // seen costs a tenth of a millisecond. A Latin word is its own surname form, so its key decides
  // without a reading; a Cyrillic word's dictionary form changes only its ending, so its key must
  // begin as some surname's key does before it is read.
  const openings = new Set([...surnames].map(keyOpening));
  return alone.flatMap((token) => {
    if (!isNameWord(token)) return [];
    const written = nameKey(token.text);
    if (!cyrillic.test(token.text)) {
      return surnames.has(written) ? [personOccurrence(text, [token], token.text, token.text, true)] : [];
    }
    if (!openings.has(keyOpening(written))) return [];
    const surname = nameForm(token.text, morphology.read(token.text), true);
    return surnames.has(nameKey(surname)) ? [personOccurrence(text, [token], surname, surname, true)] : [];
  });
}

/** The first two characters of a key: what an ending never changes. */
const keyOpening = (key: string) => key.slice(0, 2);

/** A surname alone ("Toktosunov said") names the person named in full elsewhere in the text. */
export function linkSurnames(occurrences: NameOccurrence[]): NameOccurrence[] {
  const fullBySurname = new Map<string, NameOccurrence>();
  for (const occurrence of occurrences) {
    if (occurrence.type === 'person' && !occurrence.surnameOnly && occurrence.surnameKey !== undefined)
      fullBySurname.set(occurrence.surnameKey, occurrence);
  }
  return occurrences.map((occurrence) => {
    if (!occurrence.surnameOnly || occurrence.surnameKey === undefined) return occurrence;
    const full = fullBySurname.get(occurrence.surnameKey);
    return full === undefined
      ? occurrence
      : { ...occurrence, name: full.name, key: full.key, surnameOnly: false };
  });
}
