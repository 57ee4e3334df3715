/**
 * "More like this": the articles closest to one article, found by an ordinary relevance search for
 * its most distinctive words, so that it ranks the same way on both stores and needs no index of its
 * own.
 */
import type { Article } from '../core/article.ts';
import type { Store } from '../store/store.ts';
import { meaningfulWords } from './meaningful-words.ts';
import { maxQueryLength, maxQueryTerms } from './query-parser.ts';
import { type SearchResultHit, searchArticles } from './search-articles.ts';

/** How many words of the article the search asks for (well under the query's term limit). */
export const similarWordCount = Math.min(12, maxQueryTerms);

/** A title word counts as this many body words. */
const titleWeight = 3;

/** A word written with a capital inside a sentence (a name: `Zhusan`, `Rahmon`) counts this much more. */
const nameWeight = 1.5;

/** How much of a long text is read for its words. */
const sampleLength = 20_000;

/** Titles compared for duplicates: folded and with spaces and punctuation squeezed out. */
function titleKey(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();
}

/** Words written with a capital letter after the first word of a sentence, folded. */
function capitalisedWords(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<![.!?]\s|^)\b(\p{Lu}[\p{L}\p{M}]+)/gu)) {
    names.add(meaningfulWords(match[1]!)[0] ?? '');
  }
  names.delete('');
  return names;
}

/**
 * The article's most distinctive words, best first: how often each is used (title words weighted
 * 3×, names 1.5×), stop words, numbers and short words left out; ties by first appearance.
 */
export function distinctiveWords(
  article: Pick<Article, 'title' | 'text'>,
  count = similarWordCount,
): string[] {
  const text = article.text.slice(0, sampleLength);
  const names = capitalisedWords(`${article.title}. ${text}`);
  const weights = new Map<string, number>();
  const add = (words: string[], weight: number) => {
    for (const word of words) weights.set(word, (weights.get(word) ?? 0) + weight);
  };
  add(meaningfulWords(article.title), titleWeight);
  add(meaningfulWords(text), 1);
  for (const [word, weight] of weights) if (names.has(word)) weights.set(word, weight * nameWeight);
  // Map order is first appearance, and the sort is stable: ties keep it.
  return [...weights]
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([word]) => word);
}

/**
 * Up to `limit` articles most like `article`: a relevance search for an OR of its distinctive words
 * (each quoted, so no word is read as an operator), without the article itself and without hits
 * whose title repeats one already listed (or the article's own).
 */
export async function findSimilarArticles(
  store: Store,
  article: Article,
  limit: number,
): Promise<SearchResultHit[]> {
  const words = distinctiveWords(article);
  if (words.length === 0 || limit < 1) return [];
  let q = '';
  for (const word of words) {
    const next = q === '' ? `"${word}"` : `${q} OR "${word}"`;
    if (next.length > maxQueryLength) break;
    q = next;
  }
  // A few more than asked for, since the article itself and duplicates are dropped afterwards.
  const perPage = Math.min(100, limit + 10);
  const results = await searchArticles(store, { q, sort: 'relevance', perPage });
  const seen = new Set([titleKey(article.title)]);
  const similar: SearchResultHit[] = [];
  for (const hit of results.hits) {
    const key = titleKey(hit.title.text);
    // Copies of the same story are listed apart (the article page's cluster), not as "like this".
    const sameStory = article.clusterId !== null && hit.cluster?.id === article.clusterId;
    if (hit.id === article.id || seen.has(key) || sameStory) continue;
    seen.add(key);
    similar.push(hit);
    if (similar.length === limit) break;
  }
  return similar;
}
