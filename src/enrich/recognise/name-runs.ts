/**
 * What the recogniser works on: the name occurrences it reports, and the runs of capitalised words
 * it reads them from — split where the gazetteer already matched, where a Russian organisation's
 * head noun ends one name and a place adjective starts another — with the small helpers the people,
 * organisation and place rules share.
 */
import { phraseKey } from '../language/index.ts';
import { notNames, russianOrganisationHead, russianPlaceAdjective, russianPlaceNoun } from './name-cues.ts';

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

export interface Token {
  start: number;
  end: number;
  text: string;
}

const capitalisedWord = /[\p{Lu}][\p{L}\p{M}]*(?:['’ʻʼ-][\p{L}\p{M}]+)*/gu;
/** An acronym: three to six capitals (ГКНБ, OSCE). */
export const allCapitals = /^[\p{Lu}]{3,6}$/u;
export const cyrillic = /[\u0400-\u04FF]/;
const wordCharacter = /[\p{L}\p{M}'’-]/u;
const blank = /\s/;
/** Words joined into one run: a space or a no-break space, nothing else. */
const runGap = /^[ \u00a0]$/;

const longWord = /[\p{L}][\p{L}\p{M}'’-]{3,}/gu;

/** True for a headline most of whose words of four letters or more are capitalised. */
export function isTitleCase(text: string): boolean {
  const words = text.match(longWord) ?? [];
  if (words.length < 3) return false;
  const capitalised = words.filter((word) => word[0] !== word[0]!.toLowerCase()).length;
  return capitalised / words.length >= 0.6;
}

/** Runs of capitalised words joined by single spaces, cut where the gazetteer matched. */
export function capitalisedRuns(text: string, covered: readonly CoveredSpan[]): Token[][] {
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
export function splitRun(text: string, run: Token[]): Token[][] {
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

export const isNameWord = (token: Token) => !notNames.has(token.text.toLowerCase()) && token.text.length >= 2;

/**
 * The word right before `start` (across white space only), lower-cased; '' when punctuation comes
 * first. Scanned backwards by hand: an end-anchored regex over a slice cost more than the rest of
 * the recogniser together.
 */
export function lowerWordBefore(text: string, start: number): string {
  let end = start;
  const limit = Math.max(0, start - 40);
  while (end > limit && blank.test(text[end - 1]!)) end--;
  let begin = end;
  while (begin > limit && wordCharacter.test(text[begin - 1]!)) begin--;
  return text.slice(begin, end).toLowerCase();
}

export function plainOccurrence(
  type: RecognisedType,
  text: string,
  start: number,
  end: number,
): NameOccurrence {
  const surface = text.slice(start, end);
  return { type, name: surface, key: phraseKey(surface), surnameOnly: false, start, end, surface };
}
