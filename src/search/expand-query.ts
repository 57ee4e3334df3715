/**
 * Query expansion: what a searcher means by a word, beyond the word as typed.
 *
 * - A Russian word finds its other forms: `задержаны` also searches the stem `задержа*`, which the
 *   index (FTS5 unicode61 / PostgreSQL's simple words, unstemmed for Cyrillic) matches as a prefix.
 *   Stems shorter than four letters are left alone (`суд*` would find судно and судьба).
 * - A word that looks like a name finds the other spellings of that name the archive holds, in
 *   either script: `Токаев` adds `tokayev` and `tokaev`, `Tokayev` adds `токаев` and its case forms
 *   (the spellings enrichment filed under the name's transliteration key). A Cyrillic name also
 *   matches its own case forms as a prefix (Токаев*: Токаева, Токаеву) — Snowball stems names badly
 *   (Токаев → тока). At most `maxSpellings` spellings a word.
 * Phrases, prefixes and English words are left as typed (English stemming is the index's own).
 *
 * The expanded tree is an OR of the word and its variants in the word's place, so the query plan and
 * both stores' translations take it unchanged; the list of expansions says, for each word, what was
 * added and why (for "also searched for" and for telling which spelling matched a hit).
 */
import { foldWord, looksLikeName, nameKey, stemQueryWord } from '../enrich/language/index.ts';
import type { ParsedQuery, QueryNode, TermNode } from './query-ast.ts';

/** Spellings added per name at most. */
export const maxSpellings = 12;
/** The shortest stem searched as a prefix. */
const minStemLength = 4;
/** The shortest Cyrillic name searched as a prefix of its case forms. */
const minNamePrefixLength = 5;

/** What was added to one word of the query. */
export interface TermExpansion {
  /** The word as typed, and where (1-based column). */
  term: string;
  column: number;
  /** The stem searched as a prefix (`задержа`), if any. */
  stem?: string;
  /** Other spellings of the name searched too (lower case), if any. */
  spellings: string[];
}

/** Where the archive's spellings of names come from (the store's enrichment part). */
export interface SpellingSource {
  spellingsOf(keys: string[]): Promise<Map<string, string[]>>;
}

/** The expanded query and what was added. */
export interface ExpandedQuery {
  query: ParsedQuery;
  expansions: TermExpansion[];
}

const cyrillic = /[\u0400-\u04FF]/;

/** The query with every expandable word replaced by an OR of it and its variants. */
export async function expandQuery(query: ParsedQuery, source: SpellingSource): Promise<ExpandedQuery> {
  if (query.root === null) return { query, expansions: [] };
  const terms: TermNode[] = [];
  collectTerms(query.root, terms);
  const names = terms.filter((term) => !term.prefix && looksLikeName(term.value));
  const keys = new Map(names.map((term) => [term, nameKey(term.value)]));
  const known =
    keys.size === 0 ? new Map<string, string[]>() : await source.spellingsOf([...new Set(keys.values())]);
  const expansions: TermExpansion[] = [];
  const variantsOf = new Map<TermNode, TermNode[]>();
  for (const term of terms) {
    if (term.prefix) continue;
    const expansion = expandTerm(term, keys.get(term), known);
    if (expansion === null) continue;
    expansions.push(expansion);
    const variants: TermNode[] = expansion.spellings.map((spelling) => variant(term, spelling, false));
    if (expansion.stem !== undefined) variants.push(variant(term, expansion.stem, true));
    variantsOf.set(term, variants);
  }
  if (variantsOf.size === 0) return { query, expansions: [] };
  return { query: { ...query, root: rewrite(query.root, variantsOf) }, expansions };
}

/**
 * Many queries expanded together, the spellings of all their names read from `source` in one call
 * (the watch desk expands every saved search on each pass).
 */
export async function expandQueries(
  queries: readonly ParsedQuery[],
  source: SpellingSource,
): Promise<ExpandedQuery[]> {
  const wanted = new Set<string>();
  let answer: Promise<Map<string, string[]>> | null = null;
  const batched: SpellingSource = {
    spellingsOf(keys) {
      for (const key of keys) wanted.add(key);
      // Every expandQuery below asks before its first await, so the one call sees all the keys.
      answer ??= Promise.resolve().then(() => source.spellingsOf([...wanted]));
      return answer;
    },
  };
  return Promise.all(queries.map((query) => expandQuery(query, batched)));
}

function expandTerm(
  term: TermNode,
  key: string | undefined,
  known: ReadonlyMap<string, string[]>,
): TermExpansion | null {
  // Spellings stay as the index holds them: lower case, ё kept (FTS5's unicode61 does not fold it).
  const lower = term.value.toLowerCase();
  const folded = foldWord(term.value);
  const isCyrillic = cyrillic.test(term.value);
  let stem: string | undefined;
  let spellings: string[] = [];
  if (key !== undefined) {
    spellings = (known.get(key) ?? [])
      .map((spelling) => spelling.toLowerCase())
      .filter((spelling, index, all) => spelling !== lower && all.indexOf(spelling) === index)
      .slice(0, maxSpellings);
    if (isCyrillic && lower.length >= minNamePrefixLength) stem = lower;
  } else if (isCyrillic) {
    const stemmed = stemQueryWord(term.value);
    if (stemmed.length >= minStemLength && stemmed !== folded && !stemmed.includes(' ')) stem = stemmed;
  }
  if (stem === undefined && spellings.length === 0) return null;
  return { term: term.value, column: term.span.column, ...(stem === undefined ? {} : { stem }), spellings };
}

function variant(term: TermNode, value: string, prefix: boolean): TermNode {
  return { ...term, value, prefix };
}

function collectTerms(node: QueryNode, into: TermNode[]): void {
  switch (node.kind) {
    case 'term':
      into.push(node);
      return;
    case 'and':
    case 'or':
      for (const child of node.children) collectTerms(child, into);
      return;
    case 'not':
      collectTerms(node.child, into);
      return;
    default:
      return;
  }
}

function rewrite(node: QueryNode, variantsOf: ReadonlyMap<TermNode, TermNode[]>): QueryNode {
  switch (node.kind) {
    case 'term': {
      const variants = variantsOf.get(node);
      // The word as typed goes in twice: BM25 (and ts_rank_cd) add up what each alternative matches,
      // so a hit in the query's own spelling and script ranks above one found only through a variant.
      return variants === undefined
        ? node
        : { kind: 'or', expansion: true, children: [node, { ...node }, ...variants] };
    }
    case 'and':
    case 'or':
      return { ...node, children: node.children.map((child) => rewrite(child, variantsOf)) };
    case 'not':
      return { ...node, child: rewrite(node.child, variantsOf) };
    default:
      return node;
  }
}
