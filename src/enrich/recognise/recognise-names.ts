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
import { organisationIn, quotedOrganisations } from './find-organisations.ts';
import { linkSurnames, personIn, surnamesAlone } from './find-people.ts';
import { placeIn } from './find-places.ts';
import type { Morphology } from './morphology.ts';
import {
  type CoveredSpan,
  capitalisedRuns,
  isTitleCase,
  type NameOccurrence,
  splitRun,
  type Token,
} from './name-runs.ts';

export type { CoveredSpan, NameOccurrence, RecognisedType } from './name-runs.ts';

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
