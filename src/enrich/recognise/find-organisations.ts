/**
 * Organisations: a capitalised Latin phrase with a head noun, extended through joiners ("State
 * Committee for National Security", "Jamaat Ansarullah"); a Russian run with a head noun ("Жогорку
 * Кенеша") or a place adjective before lowercase words ending in one ("Первомайский районный суд"); a
 * quoted name after a Russian noun for a group ("организации «Таблиги Джамаат»"); an acronym of three
 * to six capitals that names no company form or common thing.
 */
import {
  notNames,
  notOrganisationAcronyms,
  organisationAdjectives,
  organisationHeads,
  organisationJoiners,
  personCues,
  russianOrganisationHead,
  russianOrganisationNouns,
  russianPlaceAdjective,
} from './name-cues.ts';
import {
  allCapitals,
  type CoveredSpan,
  cyrillic,
  type NameOccurrence,
  plainOccurrence,
  type Token,
} from './name-runs.ts';

const romanNumeral = /^[IVXLCM]+$/;
const quotedAfterNoun = /«([^«»\n]{2,60})»/g;

const joinerAhead = / (?:of|for|and|on|the|al|ul|ut|at|wal|ad|an|as|ash|ar)[ -]/y;
const joinedName =
  /^ (of|for|and|on|the|al|ul|ut|at|wal|ad|an|as|ash|ar)[ -]((?:the )?)([\p{Lu}][\p{L}\p{M}'’-]*(?: [\p{Lu}][\p{L}\p{M}'’-]*)*)/u;

export function organisationIn(text: string, whole: Token[]): NameOccurrence | null {
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
      !organisationAdjectives.has(lower)
    );
  };
  while (run.length > 1 && opener(run[0]!)) run = run.slice(1);
  const openedBy = run.length === 1 && opener(run[0]!);
  // A Latin phrase with joiners ("State Committee for National Security"): extend the run through them.
  let end = run.at(-1)!.end;
  const words = run.map((token) => token.text.toLowerCase());
  for (;;) {
    // The cheap test first: most runs are followed by no joiner at all.
    joinerAhead.lastIndex = end;
    if (!joinerAhead.test(text)) break;
    const joined = joinedName.exec(text.slice(end, end + 120));
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

/** Russian quoted names after a noun for a group: организации «Таблиги Джамаат». */
export function quotedOrganisations(text: string, covered: readonly CoveredSpan[]): NameOccurrence[] {
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
