/**
 * The names the gazetteer lacks: people, organisations and places found in an article's text by
 * what the words are (az's readings: given name, surname, patronymic, place — see morphology.ts) and
 * by what surrounds them (titles, head nouns, prepositions — see name-cues.ts).
 *
 * - A person is a run of two or three capitalised words holding a given name and a surname (or a
 *   patronymic) in either order, or one to three capitalised words right after a title or role
 *   ("Interior Minister Ulan Niyazbekov", "блогера Токтосунова"), the last a surname.
 * - An organisation is a capitalised phrase with a head noun ("State Committee for National
 *   Security", "Jamaat Ansarullah"), a quoted name after a Russian noun for a group ("организации
 *   «Таблиги Джамаат»"), or an acronym of three to six capitals.
 * - A place is a capitalised Russian word that az reads as a place after a preposition or a word for
 *   a settlement ("в Шамалды-Сае", "селе Кок-Жар"), or an English one after "village of" or before
 *   "village" / "district".
 * Words the gazetteer already matched are left to it (`covered`). Russian names are given in their
 * dictionary form (Токтосунова → Токтосунов), so case forms and the Latin spelling share one key.
 */
import { nameKey, phraseKey } from '../language/index.ts';
import type { Morphology, WordReading } from './morphology.ts';
import {
  notNames,
  notOrganisationAcronyms,
  organisationHeads,
  organisationJoiners,
  personCues,
  placeCuesAfter,
  placeCuesBefore,
  placeOf,
  russianOrganisationHead,
  russianOrganisationNouns,
  russianPlaceAdjective,
  russianPlaceNoun,
  surnameEnding,
} from './name-cues.ts';

/** A kind of name. */
export type RecognisedType = 'person' | 'organisation' | 'place';

/** One name found at one place in the text. */
export interface NameOccurrence {
  type: RecognisedType;
  /** The name as the archive files it: given name and surname, in their dictionary form. */
  name: string;
  /** Transliteration key of `name`: the same for every spelling and case form. */
  key: string;
  /** A person named by the surname alone (after a title): linked to a fuller name when one is known. */
  surnameOnly: boolean;
  /** Key of the surname, for people. */
  surnameKey?: string;
  start: number;
  end: number;
  surface: string;
}

/** A span of text already matched to the gazetteer. */
export interface CoveredSpan {
  start: number;
  end: number;
}

const capitalisedWord = /[\p{Lu}][\p{L}\p{M}]*(?:['’ʻʼ-][\p{L}\p{M}]+)*/gu;
const cyrillic = /[\u0400-\u04FF]/;
const allCapitals = /^[\p{Lu}]{3,6}$/u;
const romanNumeral = /^[IVXLCM]+$/;
const previousWord = /([\p{L}\p{M}'’-]+)[\s\u00a0]*$/u;
const nextWord = /^[\s\u00a0]*([\p{L}\p{M}'’-]+)/u;
const quotedAfterNoun = /«([^«»\n]{2,60})»/g;
/** Words joined into one run: a space or a no-break space, nothing else. */
const runGap = /^[ \u00a0]$/;

interface Token {
  start: number;
  end: number;
  text: string;
}

/** Every name occurrence of `text` outside `covered` (sorted, non-overlapping), in order. */
export function recogniseNames(
  text: string,
  morphology: Morphology,
  covered: readonly CoveredSpan[] = [],
  options: { headline?: boolean } = {},
): NameOccurrence[] {
  // A headline in title case ("Court Jails Five for Spreading Leaflets") capitalises every word:
  // capitals say nothing there, and the article's text names the same people in sentence case.
  if (options.headline === true && isTitleCase(text)) return [];
  const occurrences: NameOccurrence[] = [];
  const alone: Token[] = [];
  for (const run of capitalisedRuns(text, covered).flatMap((whole) => splitRun(text, whole))) {
    const found =
      personIn(text, run, morphology) ?? organisationIn(text, run) ?? placeIn(text, run, morphology);
    if (found !== null) occurrences.push(found);
    else if (run.length === 1) alone.push(run[0]!);
  }
  occurrences.push(...surnamesAlone(text, alone, occurrences, morphology));
  occurrences.push(...quotedOrganisations(text, covered));
  occurrences.sort((a, b) => a.start - b.start);
  // A phrase extended through joiners may reach into what the gazetteer matched: the gazetteer's.
  const outside = occurrences.filter(
    (occurrence) => !covered.some((span) => span.start < occurrence.end && occurrence.start < span.end),
  );
  return linkSurnames(dropOverlaps(outside));
}

/** A capitalised word alone that is the surname of a person named in full in the text ("Toktosunov denied…"). */
function surnamesAlone(
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
  return alone.flatMap((token) => {
    if (!isNameWord(token)) return [];
    const surname = nameForm(token.text, morphology.read(token.text), true);
    return surnames.has(nameKey(surname)) ? [personOccurrence(text, [token], surname, surname, true)] : [];
  });
}

const longWord = /[\p{L}][\p{L}\p{M}'’-]{3,}/gu;

/** True for a headline most of whose words of four letters or more are capitalised. */
function isTitleCase(text: string): boolean {
  const words = text.match(longWord) ?? [];
  if (words.length < 3) return false;
  const capitalised = words.filter((word) => word[0] !== word[0]!.toLowerCase()).length;
  return capitalised / words.length >= 0.6;
}

/** Runs of capitalised words joined by single spaces, cut where the gazetteer matched. */
function capitalisedRuns(text: string, covered: readonly CoveredSpan[]): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  let coveredIndex = 0;
  capitalisedWord.lastIndex = 0;
  for (let found = capitalisedWord.exec(text); found !== null; found = capitalisedWord.exec(text)) {
    const token = { start: found.index, end: found.index + found[0].length, text: found[0] };
    while (coveredIndex < covered.length && covered[coveredIndex]!.end <= token.start) coveredIndex++;
    const isCovered = coveredIndex < covered.length && covered[coveredIndex]!.start < token.end;
    const last = run.at(-1);
    if (isCovered || last === undefined || !runGap.test(text.slice(last.end, token.start))) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (!isCovered) run.push(token);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Russian runs hold several names side by side ("Депутат Жогорку Кенеша Гульбарчын Абдыкалыкова",
 * "села Чоркух Исфаринского района"): a run ends after an organisation's head noun, and a place
 * adjective before a place noun ("Исфаринского района") stands alone.
 */
function splitRun(text: string, run: Token[]): Token[][] {
  if (run.length < 2 || !cyrillic.test(run[0]!.text)) return [run];
  const parts: Token[][] = [];
  let part: Token[] = [];
  for (const token of run) {
    const lower = token.text.toLowerCase();
    const placeAdjective =
      russianPlaceAdjective.test(lower) &&
      russianPlaceNoun.test(/^ ([а-яё]+)/.exec(text.slice(token.end, token.end + 20))?.[1] ?? '');
    if (placeAdjective && part.length > 0) {
      parts.push(part);
      part = [];
    }
    part.push(token);
    if (russianOrganisationHead.test(lower) || placeAdjective) {
      parts.push(part);
      part = [];
    }
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** Capitalised words that are no name alone but begin organisations' names: "Supreme Court", "State Committee". */
const nameAdjectives = new Set([
  'state',
  'national',
  'supreme',
  'interior',
  'foreign',
  'defence',
  'defense',
  'justice',
  'emergency',
  'border',
  'central',
  'islamic',
  'soviet',
  'western',
  'eastern',
  'northern',
  'southern',
  'internet',
]);

const isNameWord = (token: Token) => !notNames.has(token.text.toLowerCase()) && token.text.length >= 2;
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
function nameForm(word: string, reading: WordReading, asSurname = false): string {
  if (!cyrillic.test(word)) return word;
  const lemma = (asSurname ? reading.surnameLemma : undefined) ?? reading.lemma;
  return lemma.charAt(0).toUpperCase() + lemma.slice(1);
}

function lowerWordBefore(text: string, start: number): string {
  return previousWord.exec(text.slice(Math.max(0, start - 40), start))?.[1]?.toLowerCase() ?? '';
}

function personIn(text: string, whole: Token[], morphology: Morphology): NameOccurrence | null {
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

function organisationIn(text: string, whole: Token[]): NameOccurrence | null {
  let run = whole;
  if (run.length === 1 && allCapitals.test(run[0]!.text) && !romanNumeral.test(run[0]!.text)) {
    if (notOrganisationAcronyms.has(run[0]!.text)) return null;
    return plainOccurrence('organisation', text, run[0]!.start, run[0]!.end);
  }
  if (cyrillic.test(run[0]!.text)) return russianOrganisationIn(text, run);
  // A sentence's first word is no part of the name: "Officers of the State Committee…" (but "Supreme Court" is).
  const opener = (token: Token) => {
    const lower = token.text.toLowerCase();
    return (
      token.text !== 'The' &&
      notNames.has(lower) &&
      !organisationHeads.has(lower) &&
      !nameAdjectives.has(lower)
    );
  };
  while (run.length > 1 && opener(run[0]!)) run = run.slice(1);
  const openedBy = run.length === 1 && opener(run[0]!);
  // A Latin phrase with joiners ("State Committee for National Security"): extend the run through them.
  let end = run.at(-1)!.end;
  const words = run.map((token) => token.text.toLowerCase());
  for (;;) {
    const joined =
      /^ (of|for|and|on|the|al|ul|ut|at|wal|ad|an|as|ash|ar)[ -]((?:the )?)([\p{Lu}][\p{L}\p{M}'’-]*(?: [\p{Lu}][\p{L}\p{M}'’-]*)*)/u.exec(
        text.slice(end, end + 120),
      );
    if (joined === null || !organisationJoiners.has(joined[1]!)) break;
    words.push(...joined[3]!.toLowerCase().split(' '));
    end += joined[0].length;
  }
  if (words.length > 8 || !words.some((word) => organisationHeads.has(word))) return null;
  let start = run[0]!.start;
  if (openedBy) {
    // "Officers of the State Committee…": the name starts at the first capital after the opener.
    const first = /[\p{Lu}]/u.exec(text.slice(run[0]!.end, end));
    if (first === null) return null;
    words.shift();
    start = run[0]!.end + first.index;
    if (words.filter((word) => word !== 'the').length < 2) return null;
    return plainOccurrence('organisation', text, start, end);
  }
  if (words.length - (run[0]!.text === 'The' ? 1 : 0) < 2) return null;
  if (run[0]!.text === 'The') start = run[1]?.start ?? start;
  return plainOccurrence('organisation', text, start, end);
}

/**
 * A Russian organisation: a capitalised run with a head noun ("Жогорку Кенеша"), or a capitalised
 * word with lowercase words up to a head noun ("Первомайский районный суд", "Андижанский областной суд").
 */
function russianOrganisationIn(text: string, whole: Token[]): NameOccurrence | null {
  let run = whole;
  while (
    run.length > 1 &&
    (personCues.has(run[0]!.text.toLowerCase()) || notNames.has(run[0]!.text.toLowerCase()))
  )
    run = run.slice(1);
  if (run.length >= 2 && run.some((token) => russianOrganisationHead.test(token.text.toLowerCase())))
    return plainOccurrence('organisation', text, run[0]!.start, run.at(-1)!.end);
  if (run.length !== 1 || !russianPlaceAdjective.test(run[0]!.text.toLowerCase())) return null;
  // Up to three lowercase words after the adjective, the last a head noun: "районный суд".
  const words = /^((?: [а-яё]+){1,3})/.exec(text.slice(run[0]!.end, run[0]!.end + 60))?.[1]?.split(' ') ?? [];
  let length = 0;
  for (const word of words.slice(1)) {
    length += 1 + word.length;
    if (russianOrganisationHead.test(word))
      return plainOccurrence('organisation', text, run[0]!.start, run[0]!.end + length);
  }
  return null;
}

function placeIn(text: string, run: Token[], morphology: Morphology): NameOccurrence | null {
  const before = lowerWordBefore(text, run[0]!.start);
  const after = nextWord.exec(text.slice(run.at(-1)!.end, run.at(-1)!.end + 30))?.[1]?.toLowerCase() ?? '';
  if (run.length > 3 || run.some((token) => !isNameWord(token))) return null;
  if (cyrillic.test(run[0]!.text)) {
    const noun = /^ ([а-яё]+)/.exec(text.slice(run.at(-1)!.end, run.at(-1)!.end + 20))?.[1] ?? '';
    if (
      run.length === 1 &&
      russianPlaceAdjective.test(run[0]!.text.toLowerCase()) &&
      russianPlaceNoun.test(noun)
    )
      return plainOccurrence('place', text, run[0]!.start, run[0]!.end + 1 + noun.length);
    if (run.length !== 1 || !placeCuesBefore.has(before)) return null;
    const reading = morphology.read(run[0]!.text);
    const settlementNoun = !['в', 'во', 'из', 'под', 'около', 'близ', 'возле', 'через'].includes(before);
    if (reading.place < 0.5 && !settlementNoun) return null;
    if (reading.givenName >= 0.5 || reading.surname >= 0.5) return null;
    const name = reading.place >= 0.5 ? nameForm(run[0]!.text, reading) : run[0]!.text;
    return { ...plainOccurrence('place', text, run[0]!.start, run[0]!.end), name, key: phraseKey(name) };
  }
  const ofBefore = placeOf.test(text.slice(Math.max(0, run[0]!.start - 30), run[0]!.start).toLowerCase());
  if (!ofBefore && !placeCuesAfter.has(after)) return null;
  return plainOccurrence('place', text, run[0]!.start, run.at(-1)!.end);
}

/** Russian quoted names after a noun for a group: организации «Таблиги Джамаат». */
function quotedOrganisations(text: string, covered: readonly CoveredSpan[]): NameOccurrence[] {
  const found: NameOccurrence[] = [];
  quotedAfterNoun.lastIndex = 0;
  for (let match = quotedAfterNoun.exec(text); match !== null; match = quotedAfterNoun.exec(text)) {
    const start = match.index + 1;
    const end = start + match[1]!.length;
    if (!russianOrganisationNouns.test(text.slice(Math.max(0, match.index - 30), match.index).toLowerCase()))
      continue;
    if (covered.some((span) => span.start < end && start < span.end)) continue;
    if (!/^[\p{Lu}\d]/u.test(match[1]!)) continue;
    found.push(plainOccurrence('organisation', text, start, end));
  }
  return found;
}

function plainOccurrence(type: RecognisedType, text: string, start: number, end: number): NameOccurrence {
  const surface = text.slice(start, end);
  return { type, name: surface, key: phraseKey(surface), surnameOnly: false, start, end, surface };
}

/** Keeps the first of overlapping occurrences (they are sorted by start). */
function dropOverlaps(occurrences: NameOccurrence[]): NameOccurrence[] {
  const kept: NameOccurrence[] = [];
  for (const occurrence of occurrences) {
    const last = kept.at(-1);
    if (last !== undefined && occurrence.start < last.end) continue;
    if (occurrence.key === '') continue;
    kept.push(occurrence);
  }
  return kept;
}

/** A surname alone ("Toktosunov said") names the person named in full elsewhere in the text. */
function linkSurnames(occurrences: NameOccurrence[]): NameOccurrence[] {
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
