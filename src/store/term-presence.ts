/**
 * Which words and phrases of the saved searches the newest articles hold: what the watch desk's
 * percolator (src/watch/searches/percolate.ts) asks a store, so that it can compare each new article
 * with only the saved searches whose words it has, instead of running every saved search as a
 * query after every ingest.
 *
 * The store answers with its own full-text engine, never an imitation of it: a word the index stems,
 * folds or splits differently from what we would guess would make a saved search miss an article,
 * silently. And it answers from the new articles alone, so that the cost follows what arrived, not
 * the size of the archive (a query's postings list grows with the archive, however few ids it keeps).
 */
import type { PhraseNode, TermNode } from '../search/query-ast.ts';

/** A word or phrase of a saved query (with its `title:` / `text:` limit, if any): one leaf of the tree. */
export type TermProbe =
  | Pick<TermNode, 'kind' | 'value' | 'prefix' | 'column'>
  | Pick<PhraseNode, 'kind' | 'value' | 'column'>;

/** The index's answer for a range of new articles. */
export interface TermPresence {
  /** Every article id of the range, ascending. */
  ids: number[];
  /** For each probe (same order), the ids of the range it matches, ascending. */
  matches: number[][];
  /** Something the caller should report: the answer is right, but came a slower way than usual. */
  warning?: string;
}

/** The part of a store that can answer it; a store without one has its saved searches run one by one. */
export interface TermPresenceReader {
  /** Articles with `after < id <= upTo`, and which of them each of `probes` matches, as a search would. */
  termPresence(range: { after: number; upTo: number }, probes: readonly TermProbe[]): Promise<TermPresence>;
  /**
   * Optional: starts the costly part of a coming termPresence call for `range` (tokenizing the new
   * articles) now, without waiting for it, so that it runs while the ingest enriches them. An answer
   * never depends on it; a store that does nothing ahead has no such method.
   */
  prepare?(range: { after: number; upTo: number }): void;
}
