/**
 * The no-hits suggestion: which clause of a query to drop. Each top-level clause is left out in turn
 * and the rest counted; the clause whose removal brings back the most articles is the narrowest one.
 */
import { isAppError } from '../core/errors.ts';
import { parseQuery } from '../search/query-parser.ts';
import type { ParsedQuery } from '../search/query-ast.ts';
import type { Store } from '../store/store.ts';
import { queryWithout, topLevelClauses, writeClause } from './query-text.ts';

/** A query without its narrowest clause, and how many articles it finds. */
export interface BroaderQuery {
  q: string;
  dropped: string;
  total: number;
}

/** At most this many clauses are tried (one count each). */
const maxCandidates = 8;

/** The best broader query, or null when no clause can be dropped to find something. */
export async function suggestBroaderQuery(store: Store, query: ParsedQuery): Promise<BroaderQuery | null> {
  const clauses = topLevelClauses(query);
  let best: BroaderQuery | null = null;
  for (let index = 0; index < Math.min(clauses.length, maxCandidates); index++) {
    const clause = clauses[index]!;
    // Dropping the only word of a query would list the whole archive: not a useful suggestion.
    if (clauses.length === 1 && clause.kind !== 'filter' && clause.kind !== 'date') continue;
    const q = queryWithout(query, index);
    const total = await countQuery(store, q);
    if (total > 0 && (best === null || total > best.total)) {
      best = { q, dropped: writeClause(clause, query.source), total };
    }
  }
  return best;
}

/** How many articles `q` finds; 0 when what is left does not parse on its own (e.g. only `-word`). */
async function countQuery(store: Store, q: string): Promise<number> {
  let query: ParsedQuery;
  try {
    query = parseQuery(q);
  } catch (error) {
    if (isAppError(error)) return 0;
    throw error;
  }
  return (await store.search({ query, sort: 'newest', page: 1, perPage: 1 })).total;
}
