/**
 * The gazetteer's aliases as two word tries, built once per gazetteer:
 *
 * - the *form* trie: each alias word as folded (exact edges), or, for inflectable Russian words, as
 *   its stem (stem edges; see russian-endings.ts);
 * - the *key* trie (only when a key function is given): each alias word under its transliteration
 *   key, and an inflectable word under its stem's key too, so Токаев, Tokayev and Токаева meet.
 *
 * Short aliases (see isShortAlias) enter the form trie only, and match only as written.
 */
import { aliasWords, isShortAlias } from './fold-alias.ts';
import { foldWord, foldYo, isAllCapitals, isCapitalised, isCyrillicWord } from './fold-word.ts';
import type { Gazetteer } from './load-gazetteer.ts';
import { minRussianStem, russianAliasStem } from './russian-endings.ts';
import { WordFilter } from './word-filter.ts';

/** One alias at the end of a trie path. */
export interface AliasTerminal {
  entityId: string;
  /** The alias as written in the gazetteer. */
  alias: string;
  /** Its words as written. */
  written: string[];
  /** Its words folded. */
  folded: string[];
  /** For short aliases, the words as written (ё → е): the text must match them case and all. */
  exactCase: string[] | null;
  /** Per word: capitalised and inflectable, so an inflected text word must be capitalised too. */
  capitalisedStem: boolean[];
}

/** A node of the form trie. */
export interface FormNode {
  exact?: Map<string, FormNode>;
  stem?: Map<string, FormNode>;
  ends?: AliasTerminal[];
}

/** A node of the key trie. */
export interface KeyNode {
  next?: Map<string, KeyNode>;
  ends?: AliasTerminal[];
}

/** Aliases that reach one trie node but name different entities (not matched there; see the matcher). */
export interface IndexAmbiguity {
  via: 'inflection' | 'key';
  aliases: string[];
  entityIds: string[];
}

/** Both tries and what the scanner needs to bound its work. */
export interface MentionIndex {
  form: FormNode;
  key: KeyNode | null;
  /** Longest alias in words (how far the scanner looks ahead). */
  maxAliasWords: number;
  /** Longest folded alias word plus the longest case ending: longer text words are never compared. */
  maxWordLength: number;
  ambiguities: IndexAmbiguity[];
  /** The root's exact edges: a word it rules out starts no alias as written. */
  rootWords: WordFilter;
  /** The first three letters of the root's stem edges: a Russian word it rules out has no stem match. */
  rootStemPrefixes: WordFilter;
}

/** Builds the tries of every name and alias of `gazetteer`; `keyOf` adds the key trie. */
export function buildMentionIndex(
  gazetteer: Gazetteer,
  keyOf: ((word: string) => string) | null,
): MentionIndex {
  const form: FormNode = {};
  const key: KeyNode | null = keyOf === null ? null : {};
  let maxAliasWords = 1;
  let maxWordLength = 1;
  for (const entity of gazetteer.entities) {
    for (const alias of [entity.name, ...entity.aliases]) {
      const terminal = describeAlias(entity.id, alias);
      if (terminal === null) continue;
      maxAliasWords = Math.max(maxAliasWords, terminal.folded.length);
      for (const word of terminal.folded) maxWordLength = Math.max(maxWordLength, word.length + 3);
      addEnd(walkFormPath(form, terminal), terminal);
      if (key !== null && keyOf !== null && terminal.exactCase === null) addKeyPaths(key, terminal, 0, keyOf);
    }
  }
  const rootWords = WordFilter.ofWords(form.exact?.keys() ?? []);
  const rootStemPrefixes = WordFilter.ofPrefixes(form.stem?.keys() ?? []);
  return {
    form,
    key,
    maxAliasWords,
    maxWordLength,
    ambiguities: collectAmbiguities(form, key),
    rootWords,
    rootStemPrefixes,
  };
}

/** True when a folded alias word declines by the Russian rule (written as `written`). */
export function isInflectableWord(written: string): boolean {
  return isCyrillicWord(written) && written.length >= minRussianStem && !isAllCapitals(written);
}

function describeAlias(entityId: string, alias: string): AliasTerminal | null {
  const words = aliasWords(alias);
  if (words.length === 0) return null;
  const short = isShortAlias(alias);
  return {
    entityId,
    alias,
    written: words,
    folded: words.map(foldWord),
    exactCase: short ? words.map(foldYo) : null,
    capitalisedStem: words.map((word) => !short && isInflectableWord(word) && isCapitalised(word)),
  };
}

function walkFormPath(root: FormNode, terminal: AliasTerminal): FormNode {
  let node = root;
  terminal.folded.forEach((folded, index) => {
    const written = terminal.written[index]!;
    const useStem = terminal.exactCase === null && isInflectableWord(written);
    if (useStem) node.stem ??= new Map();
    else node.exact ??= new Map();
    const edges = (useStem ? node.stem : node.exact)!;
    const edge = useStem ? russianAliasStem(folded) : folded;
    let child = edges.get(edge);
    if (child === undefined) {
      child = {};
      edges.set(edge, child);
    }
    node = child;
  });
  return node;
}

function addKeyPaths(
  node: KeyNode,
  terminal: AliasTerminal,
  index: number,
  keyOf: (word: string) => string,
): void {
  if (index === terminal.folded.length) {
    addEnd(node, terminal);
    return;
  }
  const folded = terminal.folded[index]!;
  const edges = new Set([keyOf(folded)]);
  if (isInflectableWord(terminal.written[index]!)) edges.add(keyOf(russianAliasStem(folded)));
  for (const edge of edges) {
    if (edge === '') continue;
    node.next ??= new Map();
    let child = node.next.get(edge);
    if (child === undefined) {
      child = {};
      node.next.set(edge, child);
    }
    addKeyPaths(child, terminal, index + 1, keyOf);
  }
}

function addEnd(node: FormNode | KeyNode, terminal: AliasTerminal): void {
  node.ends ??= [];
  if (!node.ends.includes(terminal)) node.ends.push(terminal);
}

function collectAmbiguities(form: FormNode, key: KeyNode | null): IndexAmbiguity[] {
  const found: IndexAmbiguity[] = [];
  const record = (via: IndexAmbiguity['via'], ends: AliasTerminal[] | undefined) => {
    const entityIds = [...new Set((ends ?? []).map((end) => end.entityId))];
    if (entityIds.length > 1) found.push({ via, aliases: ends!.map((end) => end.alias), entityIds });
  };
  const visitForm = (node: FormNode) => {
    record('inflection', node.ends);
    for (const child of node.exact?.values() ?? []) visitForm(child);
    for (const child of node.stem?.values() ?? []) visitForm(child);
  };
  const visitKey = (node: KeyNode) => {
    record('key', node.ends);
    for (const child of node.next?.values() ?? []) visitKey(child);
  };
  visitForm(form);
  if (key !== null) visitKey(key);
  return found;
}
