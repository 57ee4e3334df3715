/**
 * Finds gazetteer aliases in plain text: one pass over the words, longest match first, whole words
 * only, case-insensitive (short aliases excepted), ё → е, Cyrillic and Latin, Russian case endings,
 * and — with a transliteration key function — spellings in the other script.
 *
 * At each word the scanner walks the form trie (and the key trie) as far as the following words go,
 * keeps the longest alias that ends there, reports it and moves past it; where nothing matches it
 * moves one word on. Rules at one position:
 * - longer beats shorter; at equal length an exact spelling beats an inflected one beats a key match;
 * - a short alias (3 letters or fewer) matches only as written: "IS" and "ИГ", never "is";
 * - an inflected Russian word must be capitalised when the alias word is (rule 4 of russian-endings);
 * - a key match must start on a capitalised word (names are; common words rarely are);
 * - when the best candidates at one length name different entities (two aliases with one stem or
 *   one key), that length is ambiguous and skipped in favour of a shorter unambiguous one.
 */

import { foldYo } from './fold-word.ts';
import type { Gazetteer } from './load-gazetteer.ts';
import {
  type AliasTerminal,
  buildMentionIndex,
  type FormNode,
  type IndexAmbiguity,
  type KeyNode,
} from './mention-index.ts';
import { stemsOf, type TextToken, TokenWindow } from './text-tokens.ts';
import type { WordFilter } from './word-filter.ts';

/** One alias found in a text. */
export interface Mention {
  entityId: string;
  /** UTF-16 offsets in the text, end exclusive. */
  start: number;
  end: number;
  /** The text as written between start and end. */
  surface: string;
  /** `exact`: the alias as listed (folded); `inflection`: a Russian case form of it; `key`: a spelling with the same transliteration key. */
  via: 'exact' | 'inflection' | 'key';
  /** The gazetteer alias that matched. */
  alias: string;
}

/** What one scan found, and whether it stopped at maxMentions. */
export interface MentionScan {
  mentions: Mention[];
  truncated: boolean;
}

/** Options of createMentionMatcher. */
export interface MentionMatcherOptions {
  /**
   * Transliteration key of one folded word (Tokayev, Tokaev and Токаев → one key), from
   * src/enrich/language. Without it only listed spellings (and their Russian case forms) match.
   * Called once per distinct capitalised word (memoised), so it may be moderately slow.
   */
  keyOf?: (word: string) => string;
  /** Mentions reported per text at most (1 or more; default defaultMaxMentions): bounds hostile input. */
  maxMentions?: number;
}

/** A matcher built once for one gazetteer. */
export interface MentionMatcher {
  /** Every mention in `text`, in text order, up to maxMentions. */
  findMentions(text: string): Mention[];
  /** Like findMentions, and says whether the cap cut the list short. */
  scanMentions(text: string): MentionScan;
  /** Alias paths shared by different entities (stems, keys): reported for the gazetteer's editors. */
  readonly ambiguities: readonly IndexAmbiguity[];
}

/** Default cap on mentions per text (an article rarely has more than a few hundred). */
export const defaultMaxMentions = 10_000;
/** Keys memoised per matcher before the memo is cleared. */
const maxMemoisedKeys = 50_000;

interface Candidate {
  terminal: AliasTerminal;
  /** Index of the last word of the match. */
  last: number;
  via: Mention['via'];
}

const viaRank = { exact: 0, inflection: 1, key: 2 } as const;

/** Builds the matcher (the tries) for `gazetteer`; building is linear in the aliases, scanning in the text. */
export function createMentionMatcher(
  gazetteer: Gazetteer,
  options: MentionMatcherOptions = {},
): MentionMatcher {
  const maxMentions = options.maxMentions ?? defaultMaxMentions;
  if (!Number.isInteger(maxMentions) || maxMentions < 1) {
    throw new RangeError(
      `createMentionMatcher: maxMentions must be a whole number of 1 or more, got ${maxMentions}`,
    );
  }
  const keyOf = options.keyOf === undefined ? null : memoise(options.keyOf);
  const index = buildMentionIndex(gazetteer, keyOf);

  // A word's keys (its own and its Russian stems'), memoised by folded word across texts: most
  // capitalised words recur, so the key function runs once per distinct word.
  const keysByWord = new Map<string, string[]>();
  const keysOf = (token: TextToken): string[] => {
    if (token.keys !== undefined) return token.keys;
    let keys = keysByWord.get(token.folded);
    if (keys === undefined && keyOf !== null) {
      const forms = token.cyrillic ? stemsOf(token) : [token.folded];
      keys = [...new Set(forms.map(keyOf))].filter((key) => key !== '');
      if (keysByWord.size >= maxMemoisedKeys) keysByWord.clear();
      keysByWord.set(token.folded, keys);
    }
    token.keys = keys ?? [];
    return token.keys;
  };

  const scanMentions = (text: string): MentionScan => {
    const tokens = new TokenWindow(text, index.maxWordLength);
    const mentions: Mention[] = [];
    let position = 0;
    const candidates: Candidate[] = [];
    for (let token = tokens.at(0); token !== undefined; token = tokens.at(position)) {
      if (candidates.length > 0) candidates.length = 0;
      if (token.folded !== '') {
        walkForm(index.form, tokens, position, candidates, index);
        if (index.key !== null && token.capitalised) walkKey(index.key, tokens, position, keysOf, candidates);
      }
      const best = chooseCandidate(candidates, tokens, position);
      if (best === null) {
        position += 1;
      } else {
        const end = tokens.at(best.last)!.end;
        mentions.push({
          entityId: best.terminal.entityId,
          start: token.start,
          end,
          surface: text.slice(token.start, end),
          via: best.via,
          alias: best.terminal.alias,
        });
        if (mentions.length >= maxMentions)
          return { mentions, truncated: tokens.at(best.last + 1) !== undefined };
        position = best.last + 1;
      }
      tokens.release(position);
    }
    return { mentions, truncated: false };
  };

  return {
    findMentions: (text) => scanMentions(text).mentions,
    scanMentions,
    ambiguities: index.ambiguities,
  };
}

/** The root's filters (see word-filter.ts): most words of a text start no alias, and they say so cheaply. */
interface RootFilters {
  rootWords: WordFilter;
  rootStemPrefixes: WordFilter;
}

/** Walks the form trie from `node` over the words from `at` on; `root` is given at the trie's root. */
function walkForm(
  node: FormNode,
  tokens: TokenWindow,
  at: number,
  out: Candidate[],
  root: RootFilters | null = null,
): void {
  const token = tokens.at(at);
  if (token === undefined || token.folded === '') return;
  const { folded } = token;
  if (root === null || root.rootWords.mayHave(folded)) {
    const exact = node.exact?.get(folded);
    if (exact !== undefined) followForm(exact, tokens, at, out);
  }
  if (node.stem === undefined || !token.cyrillic) return;
  if (root !== null && !root.rootStemPrefixes.mayHave(folded)) return;
  for (const stem of stemsOf(token)) {
    const child = node.stem.get(stem);
    if (child !== undefined) followForm(child, tokens, at, out);
  }
}

function followForm(child: FormNode, tokens: TokenWindow, at: number, out: Candidate[]): void {
  for (const terminal of child.ends ?? []) out.push({ terminal, last: at, via: 'exact' });
  if ((child.exact !== undefined || child.stem !== undefined) && tokens.joinsNext(at)) {
    walkForm(child, tokens, at + 1, out);
  }
}

function walkKey(
  node: KeyNode,
  tokens: TokenWindow,
  at: number,
  keysOf: (token: TextToken) => string[],
  out: Candidate[],
): void {
  const token = tokens.at(at);
  if (token === undefined || token.folded === '' || node.next === undefined) return;
  for (const key of keysOf(token)) {
    const child = node.next.get(key);
    if (child === undefined) continue;
    for (const terminal of child.ends ?? []) out.push({ terminal, last: at, via: 'key' });
    if (child.next !== undefined && tokens.joinsNext(at)) walkKey(child, tokens, at + 1, keysOf, out);
  }
}

/** The longest acceptable candidate naming one entity, per the rules above; null when none. */
function chooseCandidate(candidates: Candidate[], tokens: TokenWindow, first: number): Candidate | null {
  let accepted = 0;
  for (const candidate of candidates) {
    if (candidate.via !== 'key') {
      const via = formVia(candidate, tokens, first);
      if (via === null) {
        candidate.last = -1;
        continue;
      }
      candidate.via = via;
    }
    accepted += 1;
  }
  if (accepted === 0) return null;
  // The best candidate below `ceiling`; when it ties with another entity's, try shorter matches.
  for (let ceiling = Number.POSITIVE_INFINITY; ; ) {
    let best: Candidate | null = null;
    let ambiguous = false;
    for (const candidate of candidates) {
      if (candidate.last < 0 || candidate.last >= ceiling) continue;
      if (
        best === null ||
        candidate.last > best.last ||
        (candidate.last === best.last && viaRank[candidate.via] < viaRank[best.via])
      ) {
        best = candidate;
        ambiguous = false;
      } else if (
        candidate.last === best.last &&
        candidate.via === best.via &&
        candidate.terminal.entityId !== best.terminal.entityId
      ) {
        ambiguous = true;
      }
    }
    if (best === null || !ambiguous) return best;
    ceiling = best.last;
  }
}

/** 'exact' or 'inflection' when the text words satisfy the alias's case rules; null otherwise. */
function formVia(candidate: Candidate, tokens: TokenWindow, first: number): Mention['via'] | null {
  const { terminal } = candidate;
  let inflected = false;
  for (let offset = 0; offset < terminal.folded.length; offset += 1) {
    const token = tokens.at(first + offset)!;
    if (terminal.exactCase !== null && foldYo(tokens.wordOf(token)) !== terminal.exactCase[offset])
      return null;
    if (token.folded !== terminal.folded[offset]) {
      inflected = true;
      if (terminal.capitalisedStem[offset] && !token.capitalised) return null;
    }
  }
  return inflected ? 'inflection' : 'exact';
}

function memoise(keyOf: (word: string) => string): (word: string) => string {
  const memo = new Map<string, string>();
  return (word) => {
    let key = memo.get(word);
    if (key === undefined) {
      if (memo.size >= maxMemoisedKeys) memo.clear();
      key = keyOf(word);
      memo.set(word, key);
    }
    return key;
  };
}
