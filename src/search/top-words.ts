/**
 * The words that come up most in a query's best hits: what else the coverage talks about. Read from
 * the top 100 hits (by relevance when the query has words, else newest) through Store.topTexts, which
 * neither counts the matches nor marks them: for a query with words each hit's whole text (up to
 * topWordsTextLength characters), for a filter-only query the first 1,500 characters, which is
 * enough for the commonest words.
 */
import type { ArticleText, Store } from '../store/store.ts';
import { foldWord, meaningfulWords } from './meaningful-words.ts';
import type { ParsedQuery, QueryNode } from './query-ast.ts';
import { hasTextClauses } from './query-parser.ts';

/** How many of the query's best hits are read. */
export const topWordsSampleSize = 100;

/**
 * How much of a hit's text is read for a query with words. News is written as an inverted pyramid —
 * who, what and where come first — so the first few paragraphs carry the words worth showing, and
 * reading whole texts (tens of KB each over 100 hits) cost more than the search itself.
 */
export const topWordsTextLength = 3000;

/** How much of a hit's text is read for a query without words (as a browse page's lead). */
export const topWordsLeadLength = 1500;

/** The folded words of every word and phrase of the query, negated ones included. */
export function queryWords(node: QueryNode | null): string[] {
  if (!node) return [];
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return (node.value.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map(foldWord);
    case 'and':
    case 'or':
      return node.children.flatMap(queryWords);
    case 'not':
      return queryWords(node.child);
    default:
      return [];
  }
}

/** How many leading characters two words share. */
function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * True when `shown` is one of the query's words or a near form of one (`extremism` for the query
 * `extremists` or `extrem*`), accents folded: both share a start of at least four letters and go on
 * past it by at most three, which stands in for the stores' stemming.
 */
export function isQueryWord(shown: string, query: readonly string[]): boolean {
  const word = foldWord(shown);
  return query.some((q) => {
    if (word === q) return true;
    const shared = commonPrefixLength(word, q);
    return shared >= 4 && word.length - shared <= 3 && q.length - shared <= 3;
  });
}

/**
 * The `limit` most frequent meaningful words of the query's top hits, by the number of hits that
 * contain them (one article repeating a word counts once), ties by the number of occurrences, then
 * alphabetically. Stop words, numbers, words under three letters and the query's own words are left out.
 */
export async function findTopWords(
  store: Store,
  query: ParsedQuery,
  limit: number,
): Promise<Array<{ word: string; count: number }>> {
  const texts = await store.topTexts(
    query,
    topWordsSampleSize,
    hasTextClauses(query.root) ? topWordsTextLength : topWordsLeadLength,
  );
  // A caching store hands back the very same array for a repeated query until the archive changes,
  // so the counting below (10-25 ms of JavaScript over 100 texts) is remembered per array.
  let counted = countedWords.get(texts);
  if (counted === undefined) {
    counted = countWords(texts, query);
    countedWords.set(texts, counted);
  }
  return counted.slice(0, Math.max(0, limit)).map(([word, count]) => ({ word, count }));
}

/** The words of each sampled hit set, ranked, remembered for as long as the set itself lives. */
const countedWords = new WeakMap<readonly ArticleText[], Array<[string, number]>>();

/** Every meaningful word of the texts with the number of texts it is in, most first. */
function countWords(texts: readonly ArticleText[], query: ParsedQuery): Array<[string, number]> {
  const own = queryWords(query.root);
  const hits = new Map<string, number>();
  const occurrences = new Map<string, number>();
  // Whether a word is one of the query's own, decided once per distinct word (folding is not cheap).
  const ownWord = new Map<string, boolean>();
  const isOwn = (word: string) => {
    let isOwnWord = ownWord.get(word);
    if (isOwnWord === undefined) {
      isOwnWord = isQueryWord(word, own);
      ownWord.set(word, isOwnWord);
    }
    return isOwnWord;
  };
  for (const hit of texts) {
    const words = meaningfulWords(`${hit.title} ${hit.text}`).filter((w) => !isOwn(w));
    for (const word of words) occurrences.set(word, (occurrences.get(word) ?? 0) + 1);
    for (const word of new Set(words)) hits.set(word, (hits.get(word) ?? 0) + 1);
  }
  return [...hits].sort(
    ([a, na], [b, nb]) =>
      nb - na || (occurrences.get(b) ?? 0) - (occurrences.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
}
