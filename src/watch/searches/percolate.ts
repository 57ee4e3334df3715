/**
 * The percolator: saved searches matched against new articles the other way round. Running every
 * saved search as a query after every ingest costs a query per search over the archive's index,
 * however little arrived; here the store says once which of all the searches' words and phrases
 * each new article holds (its own engine's answer over the new articles alone, term-presence.ts),
 * and each article is compared only with the searches one of whose necessary words it has.
 *
 * Words, prefixes and phrases are then decided exactly, with AND, OR and NOT over them. Metadata
 * filters (`source:`, `lang:`, `org:`, `after:`…) are left to the store: the articles a search's
 * words accept are checked against its filters alone, a query with no full-text part (cheap: the
 * id range of the new articles, no postings read). A search with no word every hit must have (`-x`,
 * `org:HTS`) is evaluated on every new article. The parity test (percolate.test.ts) holds the
 * answers equal to running each search as its query.
 */
import { planQuery, type QueryPlan } from '../../search/plan-query.ts';
import type { ParsedQuery, QueryNode } from '../../search/query-ast.ts';
import type { TermPresenceReader, TermProbe } from '../../store/term-presence.ts';

/** A saved search to percolate: its (expanded) query and the id it has been matched up to. */
export interface SearchToPercolate {
  id: number;
  query: ParsedQuery;
  after: number;
  /**
   * Optional: a string that is the same whenever `query` is (the typed text and what expansion
   * added, say), cheaper than the tree itself as the key its compiled form is kept under.
   */
  key?: string;
}

/** The ids of a range a query without words (filters only) matches: the store's matchingIds. */
export type MetadataMatcher = (
  query: ParsedQuery,
  range: { after: number; upTo: number },
  limit: number,
) => Promise<number[]>;

/** A query's word clauses as something to evaluate on the probes one article holds. */
type Condition =
  | { kind: 'probe'; probe: number }
  | { kind: 'and' | 'or'; children: Condition[] }
  | { kind: 'not'; child: Condition };

/** What a query compiles to: the same each pass while the query (and its expansion) stays the same. */
interface CompiledQuery {
  condition: Condition;
  /** The search's filters alone, when it has any: the articles its words accept must pass them too. */
  metadata: ParsedQuery | null;
  /** Probes one of which every hit holds; null when there is no such set (it is evaluated everywhere). */
  trigger: number[] | null;
  /** Every probe the condition reads. */
  probes: number[];
}

interface CompiledSearch extends CompiledQuery {
  id: number;
  after: number;
  /** The ids its words accept, ascending (filled by the evaluation). */
  accepted: number[];
  /** The last article it was evaluated on: one held through several probes is evaluated once. */
  lastSeen: number;
}

/** What percolating gave. */
export interface Percolation {
  /**
   * For each search, its hits in (search.after, upTo] ascending and at most `limit`, or null when its
   * query cannot be planned (the caller runs it as a query, which reports why).
   */
  decided: Map<number, number[] | null>;
  /** What the store said to report (its answer came a slower way), if anything. */
  warning: string | null;
}

/**
 * Compiled queries, kept between passes by the caller's key (or their expanded tree): a pass sees the same searches again
 * and again, and compiling 1,000 of them was a tenth of its time. Their probes are numbered once,
 * here, for all of them; both are let go together when they grow past these bounds.
 */
const compiledQueries = new Map<string, CompiledQuery | null>();
const knownProbes: TermProbe[] = [];
const probeNumbers = new Map<string, number>();
const maxCompiledQueries = 50_000;
const maxKnownProbes = 500_000;

/** Percolates `searches` over the articles after the lowest of their positions up to `upTo`. */
export async function percolate(
  reader: TermPresenceReader,
  matchMetadata: MetadataMatcher,
  searches: readonly SearchToPercolate[],
  upTo: number,
  limit: number,
): Promise<Percolation> {
  const results = new Map<number, number[] | null>();
  if (compiledQueries.size > maxCompiledQueries || knownProbes.length > maxKnownProbes) {
    compiledQueries.clear();
    knownProbes.length = 0;
    probeNumbers.clear();
  }
  const compiled: CompiledSearch[] = [];
  for (const search of searches) {
    const query = compiledQueryOf(search.query, search.key);
    if (query === null) results.set(search.id, null);
    // Spelled out, not spread: objects made by spreading were three times slower to evaluate.
    else
      compiled.push({
        id: search.id,
        after: search.after,
        condition: query.condition,
        metadata: query.metadata,
        trigger: query.trigger,
        probes: query.probes,
        accepted: [],
        lastSeen: -1,
      });
  }
  if (compiled.length === 0) return { decided: results, warning: null };

  // The store is asked about this pass's probes only: its answer for the i-th is that of probe asked[i].
  const asked = [...new Set(compiled.flatMap((search) => search.probes))];
  const after = compiled.reduce((lowest, search) => Math.min(lowest, search.after), upTo);
  const presence = await reader.termPresence(
    { after, upTo },
    asked.map((probe) => knownProbes[probe]!),
  );
  const held = new Map<number, Set<number>>(presence.ids.map((id) => [id, new Set()]));
  presence.matches.forEach((ids, index) => {
    const probe = asked[index]!;
    for (const id of ids) held.get(id)?.add(probe);
  });
  const searchesOfProbe = new Map<number, CompiledSearch[]>();
  const everywhere: CompiledSearch[] = [];
  for (const search of compiled) {
    if (search.trigger === null) everywhere.push(search);
    else
      for (const probe of search.trigger) {
        const list = searchesOfProbe.get(probe);
        if (list === undefined) searchesOfProbe.set(probe, [search]);
        else if (list.at(-1) !== search) list.push(search);
      }
  }
  // Each article against the searches one of whose trigger probes it holds (and those with none).
  const consider = (search: CompiledSearch, id: number, probesHeld: ReadonlySet<number>) => {
    if (id > search.after && evaluate(search.condition, probesHeld)) search.accepted.push(id);
  };
  for (const id of presence.ids) {
    const probesHeld = held.get(id)!;
    for (const search of everywhere) consider(search, id, probesHeld);
    for (const probe of probesHeld) {
      const searches = searchesOfProbe.get(probe);
      if (searches === undefined) continue;
      for (const search of searches)
        if (search.lastSeen !== id) {
          search.lastSeen = id;
          consider(search, id, probesHeld);
        }
    }
  }
  // Searches with the same filters (many watch one source) have them checked once, over the ids
  // from the lowest any of them needs: the limit is the range's size, never the accepted count.
  const filtered = new Map<string, { metadata: ParsedQuery; from: number; searches: CompiledSearch[] }>();
  for (const search of compiled) {
    if (search.metadata === null || search.accepted.length === 0) {
      results.set(search.id, search.accepted.slice(0, limit));
      continue;
    }
    const from = Math.max(search.after, search.accepted[0]! - 1);
    const key = filtersKey(search.metadata);
    const group = filtered.get(key);
    if (group === undefined) filtered.set(key, { metadata: search.metadata, from, searches: [search] });
    else {
      group.from = Math.min(group.from, from);
      group.searches.push(search);
    }
  }
  for (const { metadata, from, searches: sharing } of filtered.values()) {
    let passing: Set<number> | null;
    try {
      passing = new Set(await matchMetadata(metadata, { after: from, upTo }, presence.ids.length));
    } catch {
      // Left to be run as their queries, which report why for each search alone.
      passing = null;
    }
    for (const search of sharing)
      results.set(
        search.id,
        passing === null ? null : search.accepted.filter((id) => passing.has(id)).slice(0, limit),
      );
  }
  return { decided: results, warning: presence.warning ?? null };
}

/** The filters of a query as a key: the same clauses typed at another place in a query are the same. */
function filtersKey(metadata: ParsedQuery): string {
  return JSON.stringify(metadata.root, (key, value) => (key === 'span' ? undefined : value));
}

/** The query compiled (kept for the next passes), or null when the planner refuses it. */
function compiledQueryOf(query: ParsedQuery, given: string | undefined): CompiledQuery | null {
  const key = given ?? JSON.stringify(query.root);
  const known = compiledQueries.get(key);
  if (known !== undefined) return known;
  const plan = planOrNull(query);
  let made: CompiledQuery | null = null;
  if (plan !== null) {
    const probes = new Set<number>();
    const probeOf = (node: TermProbe): number => {
      const probe = numberProbe(node);
      probes.add(probe);
      return probe;
    };
    made = {
      condition: {
        kind: 'and',
        children: [
          ...plan.include.map((node) => compile(node, probeOf)),
          ...plan.exclude.map((node): Condition => ({ kind: 'not', child: compile(node, probeOf) })),
        ],
      },
      metadata: metadataOnly(query, plan),
      trigger: triggerOf(plan, probeOf),
      probes: [...probes],
    };
  }
  compiledQueries.set(key, made);
  return made;
}

/** A word or phrase leaf's probe number (the same leaf in any query: the same number). */
function numberProbe(node: TermProbe): number {
  const probe: TermProbe =
    node.kind === 'term'
      ? {
          kind: 'term',
          value: node.value,
          prefix: node.prefix,
          ...(node.column ? { column: node.column } : {}),
        }
      : { kind: 'phrase', value: node.value, ...(node.column ? { column: node.column } : {}) };
  const name = JSON.stringify(probe);
  let number = probeNumbers.get(name);
  if (number === undefined) {
    number = knownProbes.length;
    knownProbes.push(probe);
    probeNumbers.set(name, number);
  }
  return number;
}

function planOrNull(query: ParsedQuery): QueryPlan | null {
  try {
    return planQuery(query);
  } catch {
    // A query the planner refuses is run as a query, where the same refusal is reported for it.
    return null;
  }
}

/** The query's top-level filters alone (what planQuery files under metadata), or null when it has none. */
function metadataOnly(query: ParsedQuery, plan: QueryPlan): ParsedQuery | null {
  if (plan.metadata.length === 0 || query.root === null) return null;
  const clauses = query.root.kind === 'and' ? query.root.children : [query.root];
  const filters = clauses.filter((clause) => {
    const alone = planQuery({ source: query.source, root: clause });
    return alone.metadata.length === 1 && alone.include.length === 0 && alone.exclude.length === 0;
  });
  return {
    source: query.source,
    root: filters.length === 1 ? filters[0]! : { kind: 'and', children: filters },
  };
}

function compile(node: QueryNode, probeOf: (node: TermProbe) => number): Condition {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return { kind: 'probe', probe: probeOf(node) };
    case 'and':
    case 'or':
      return { kind: node.kind, children: node.children.map((child) => compile(child, probeOf)) };
    case 'not':
      return { kind: 'not', child: compile(node.child, probeOf) };
    default:
      // The planner keeps filters out of word clauses (planOrNull refused the query otherwise).
      throw new Error(`a ${node.kind} inside a word clause`);
  }
}

/** Probes one of which every article the plan's words accept holds; null when there is no such set. */
function triggerOf(plan: QueryPlan, probeOf: (node: TermProbe) => number): number[] | null {
  let best: number[] | null = null;
  for (const node of plan.include) {
    const trigger = nodeTrigger(node, probeOf);
    if (trigger !== null && (best === null || trigger.length < best.length)) best = trigger;
  }
  return best;
}

function nodeTrigger(node: QueryNode, probeOf: (node: TermProbe) => number): number[] | null {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return [probeOf(node)];
    case 'and': {
      let best: number[] | null = null;
      for (const child of node.children) {
        const trigger = nodeTrigger(child, probeOf);
        if (trigger !== null && (best === null || trigger.length < best.length)) best = trigger;
      }
      return best;
    }
    case 'or': {
      const all: number[] = [];
      for (const child of node.children) {
        const trigger = nodeTrigger(child, probeOf);
        if (trigger === null) return null;
        all.push(...trigger);
      }
      return all;
    }
    default:
      return null;
  }
}

function evaluate(condition: Condition, held: ReadonlySet<number>): boolean {
  switch (condition.kind) {
    case 'probe':
      return held.has(condition.probe);
    case 'and':
      return condition.children.every((child) => evaluate(child, held));
    case 'or':
      return condition.children.some((child) => evaluate(child, held));
    case 'not':
      return !evaluate(condition.child, held);
  }
}
