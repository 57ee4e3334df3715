/**
 * All the terms of all topic rules compiled into one matcher: one regex pass over the text finds every
 * place a term starts; terms that match at the same place inside a longer one ("terror*" inside "terrorist
 * attack") are found from a cache keyed by the matched text, and scanning resumes one character on so
 * terms inside a phrase are found too.
 */
import { wordLetters } from '../events/word-pattern.ts';
import { normalizeForTerms, termSource } from './topic-term.ts';

/** A term's first occurrence: as the text wrote it, and where. */
export interface TermHit {
  surface: string;
  at: number;
}

/** The terms found in a text, by term id. */
export type TermHits = Map<number, TermHit>;

/** Finds the terms in a text. */
export interface TermMatcher {
  /** The ids (indexes into the compiled terms) of the terms found, each with its first occurrence as written. */
  findTerms(text: string): TermHits;
}

/** Characters scanned at most; past this the text is not read (a news article is far shorter). */
export const maxScannedChars = 200_000;
/** Term occurrences read at most per text; the scan stops there (a text made of one term repeated). */
export const maxOccurrences = 20_000;
/** Matched texts remembered with the terms they stand for; the cache is emptied when full. */
const maxCachedTexts = 20_000;

/** Compiles normalised, checked terms (see topic-term.ts) into one matcher. */
export function createTermMatcher(terms: readonly string[]): TermMatcher {
  const sources = terms.map(termSource);
  const anchored = sources.map((source) => new RegExp(`^(?:${source})(?![${wordLetters}])`));
  // Longest terms first, so the scanner reports the longest term starting at a place (a phrase is always
  // longer than a stem that matches its first word; a stem's source, not its term, is the long one).
  const order = terms.map((_, index) => index).sort((a, b) => terms[b]!.length - terms[a]!.length);
  const alternation = [...new Set(order.map((index) => sources[index]!))].join('|');
  // The leading non-letter is consumed instead of a lookbehind: several times faster in V8.
  const scanner =
    terms.length === 0
      ? null
      : new RegExp(`(?:^|[^${wordLetters}])(${alternation})(?![${wordLetters}])`, 'g');
  // For a matched text: each term that matches its start, with the length it matches.
  const cache = new Map<string, [id: number, length: number][]>();
  const termsOf = (matched: string): [number, number][] => {
    let found = cache.get(matched);
    if (found === undefined) {
      found = anchored.flatMap((pattern, id): [number, number][] => {
        const match = pattern.exec(matched);
        return match === null ? [] : [[id, match[0].length]];
      });
      if (cache.size >= maxCachedTexts) cache.clear();
      cache.set(matched, found);
    }
    return found;
  };
  return {
    findTerms(text) {
      const hits: TermHits = new Map();
      if (scanner === null || text.length === 0) return hits;
      const bounded = text.length > maxScannedChars ? text.slice(0, maxScannedChars) : text;
      const normalized = normalizeForTerms(bounded);
      scanner.lastIndex = 0;
      let occurrences = 0;
      for (let found = scanner.exec(normalized); found !== null; found = scanner.exec(normalized)) {
        const start = found.index + found[0].length - found[1]!.length;
        for (const [id, length] of termsOf(found[1]!)) {
          if (!hits.has(id)) hits.set(id, { surface: bounded.slice(start, start + length), at: start });
        }
        if (++occurrences >= maxOccurrences) break;
        scanner.lastIndex = start + 1;
      }
      return hits;
    },
  };
}
