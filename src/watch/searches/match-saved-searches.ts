/**
 * Matching what an ingest added against every saved search. Each search remembers the last article
 * id it was matched up to; a pass asks the store which articles after that id its query matches
 * (Store.matchingIds, with the query expanded as the desk expands it), so the cost follows what is
 * new, never the whole archive. A pass runs after enrichment, so entity fields (org:, place:) and
 * the comparisons below see each article's findings.
 *
 * Alerts are per story, not per copy: the first article of a story (its cluster, or the article
 * alone) that a search hits is an alert; a later one of the same story is recorded as a hit but
 * alerts again only when it brings an outlet type, a place or a number the story's earlier hits for
 * this search did not have (an untyped source brings no type). Hits are recorded with the search's
 * new position in one transaction, so a pass that fails records nothing and the next one does the
 * work again, and an article is never hit twice by one search.
 */
import { AppError, describeError } from '../../core/errors.ts';
import type { OutletType } from '../../core/outlet-types.ts';
import { expandQueries } from '../../search/expand-query.ts';
import { withQueryExpansion } from '../../search/expanding-store.ts';
import type { ParsedQuery } from '../../search/query-ast.ts';
import { parseQuery } from '../../search/query-parser.ts';
import type { NewHit, SearchToMatch, StoryFacts } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';
import { percolate } from './percolate.ts';

/** Hits recorded per search per pass at most (a saved "the" should not flood anyone). */
export const maxHitsPerPass = 1_000;
/**
 * A search further behind the most advanced one than this many article ids (one that kept failing,
 * say) is run as its query rather than percolated: it would make every pass read all it missed.
 */
const maxStraggle = 5_000;
/** What the pass's articles bring to their stories is read ahead for this many newest ids at most. */
const factsReadAhead = 5_000;

/** What one pass did. */
export interface MatchPass {
  searches: number;
  /** Article ids the pass looked at: after < id <= upTo (the widest range of any search). */
  after: number;
  upTo: number;
  hits: number;
  alerts: number;
  /** Searches the percolator decided (the rest were run as queries). */
  percolated: number;
  /** What the pass should report beside its figures (matching came a slower way than usual). */
  warning: string | null;
  /** Searches that could not run, with why (a query the parser no longer takes, say). */
  failed: { id: number; name: string; error: string }[];
  ms: number;
}

/** What an article brings to its story, for telling a copy from news. */
interface ArticleFacts {
  storyId: number | null;
  places: Set<string>;
  numbers: Set<number>;
  /** Its source's outlet type; null (untyped) never counts as new. */
  outletType: OutletType | null;
}

/** What a search has seen of a story so far: the places, numbers and outlet types of its hits. */
interface StorySeen {
  places: Set<string>;
  numbers: Set<number>;
  outletTypes: Set<OutletType>;
}

export async function matchSavedSearches(store: Store, now = new Date()): Promise<MatchPass> {
  const started = performance.now();
  const searching = withQueryExpansion(store);
  const upTo = await store.savedSearches.highestArticleId();
  // A cheap look first: a pass with nothing new (most of the server's ticks) reads no more than this.
  const searches = await store.savedSearches.behind(upTo);
  const pass: MatchPass = {
    searches: searches.length,
    after: searches.reduce((lowest, search) => Math.min(lowest, search.matchedUpTo), upTo),
    upTo,
    hits: 0,
    alerts: 0,
    percolated: 0,
    warning: null,
    failed: [],
    ms: 0,
  };
  if (searches.length === 0) return { ...pass, ms: performance.now() - started };
  const queries = await prepareQueries(store, searches);
  const near = nearThePack(searches, (search) => !(queries.get(search.id) instanceof Error));
  const percolation =
    store.termPresence === null || near.length === 0
      ? { decided: new Map<number, number[] | null>(), warning: null }
      : await percolate(
          store.termPresence,
          (query, range, limit) => searching.matchingIds(query, range, limit),
          near.map((search) => {
            const query = queries.get(search.id) as PreparedQuery;
            return { id: search.id, query: query.expanded, after: search.matchedUpTo, key: query.key };
          }),
          upTo,
          maxHitsPerPass,
        );
  // What the pass's articles bring to their stories, read at once; an older one (a story's earlier
  // hit, a search far behind) is read when needed.
  pass.warning = percolation.warning;
  const facts = new Map<number, Promise<ArticleFacts>>();
  for (const [id, brought] of await store.savedSearches.storyFacts({
    after: Math.max(pass.after, upTo - factsReadAhead),
    upTo,
  }))
    facts.set(id, Promise.resolve(toArticleFacts(brought)));
  const factsOf = (id: number) => {
    let known = facts.get(id);
    if (known === undefined) {
      known = store.savedSearches
        .storyFacts({ after: id - 1, upTo: id })
        .then((one) => toArticleFacts(one.get(id) ?? { storyId: null, places: [], numbers: [] }));
      facts.set(id, known);
    }
    return known;
  };
  const entries: { savedSearchId: number; hits: NewHit[]; upTo: number; webhook: boolean }[] = [];
  for (const search of searches) {
    try {
      const query = queries.get(search.id)!;
      if (query instanceof Error) throw query;
      let ids = percolation.decided.get(search.id) ?? null;
      // The store expands the query itself (as it does for the desk's searches).
      if (ids === null)
        ids = await searching.matchingIds(query.parsed, { after: search.matchedUpTo, upTo }, maxHitsPerPass);
      else pass.percolated += 1;
      const hits = await alertsOf(store, search, ids, factsOf);
      entries.push({ savedSearchId: search.id, hits, upTo, webhook: search.webhookUrl !== null });
      pass.hits += hits.length;
      pass.alerts += hits.filter((hit) => hit.alert).length;
    } catch (error) {
      // One search that cannot run does not stop the others; it stays where it was and says why.
      pass.failed.push({ id: search.id, name: search.name, error: describeError(error) });
    }
  }
  // One transaction for the whole pass: its hits and every search's new position, or nothing.
  await store.savedSearches.recordPass(entries, now);
  pass.ms = performance.now() - started;
  return pass;
}

/**
 * Starts what the next pass can do before the new articles are enriched: the store tokenizing them
 * for the percolator (TermPresenceReader.prepare), which needs neither the searches' words nor the
 * articles' findings. The ingest calls it right after writing, so the tokenizing runs while its
 * thread enriches. What to report if it could not (the pass then does that work itself), or null.
 */
export async function prepareMatching(store: Store): Promise<string | null> {
  const reader = store.termPresence;
  if (reader === null || reader.prepare === undefined) return null;
  try {
    const upTo = await store.savedSearches.highestArticleId();
    const near = nearThePack(
      await store.savedSearches.behind(upTo),
      (search) => !(parsedQuery(search.query) instanceof Error),
    );
    // The range percolate() will ask for; a search whose query cannot be planned can make it ask
    // for a wider one, and then this was work for nothing, never a wrong answer.
    if (near.length > 0)
      reader.prepare({
        after: near.reduce((lowest, search) => Math.min(lowest, search.matchedUpTo), upTo),
        upTo,
      });
    return null;
  } catch (error) {
    return `saved searches: the new articles were not indexed ahead (the pass will do it): ${describeError(error)}`;
  }
}

/**
 * The searches percolated together: those whose query parses, within maxStraggle of the most
 * advanced one (a straggler would make every pass read all it missed; it is run as its query).
 */
function nearThePack(
  searches: readonly SearchToMatch[],
  parses: (search: SearchToMatch) => boolean,
): SearchToMatch[] {
  // Folded, not spread into Math.max: tens of thousands of arguments overflow the call stack.
  const pack = searches.reduce((highest, search) => Math.max(highest, search.matchedUpTo), 0);
  return searches.filter((search) => parses(search) && pack - search.matchedUpTo <= maxStraggle);
}

/** A saved query as typed (parsed) and as the desk expands it. */
interface PreparedQuery {
  parsed: ParsedQuery;
  expanded: ParsedQuery;
  /** The text and what expansion added: the same whenever the expanded query is. */
  key: string;
}

/** Saved queries parsed once per text (a pass sees the same ones again and again). */
const parsedQueries = new Map<string, ParsedQuery>();
const maxParsedQueries = 50_000;

/** A saved query parsed (once per text), or why it cannot run. */
function parsedQuery(text: string): ParsedQuery | Error {
  try {
    let query = parsedQueries.get(text);
    if (query === undefined) {
      query = parseQuery(text);
      if (parsedQueries.size >= maxParsedQueries) parsedQueries.clear();
      parsedQueries.set(text, query);
    }
    if (query.root === null) throw new AppError('WATCH_INVALID', 'the saved query is empty');
    return query;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Each search's query parsed and expanded as the desk expands it, or why it cannot run. */
async function prepareQueries(
  store: Store,
  searches: readonly SearchToMatch[],
): Promise<Map<number, PreparedQuery | Error>> {
  const prepared = new Map<number, PreparedQuery | Error>();
  const parsed: { id: number; query: ParsedQuery }[] = [];
  for (const search of searches) {
    const query = parsedQuery(search.query);
    if (query instanceof Error) prepared.set(search.id, query);
    else parsed.push({ id: search.id, query });
  }
  const expanded = await expandQueries(
    parsed.map((entry) => entry.query),
    store.enrichment,
  );
  for (const [index, entry] of parsed.entries()) {
    const { query, expansions } = expanded[index]!;
    prepared.set(entry.id, {
      parsed: entry.query,
      expanded: query,
      key: `${entry.query.source}\u0000${expansions.length === 0 ? '' : JSON.stringify(expansions)}`,
    });
  }
  return prepared;
}

/** The hits of `ids` for one search, each an alert or not (per story, see the top of this file). */
async function alertsOf(
  store: Store,
  search: SearchToMatch,
  ids: readonly number[],
  factsOf: (id: number) => Promise<ArticleFacts>,
): Promise<NewHit[]> {
  const hits: NewHit[] = [];
  /** What this search has already seen of each story: earlier passes' hits, then this pass's. */
  const seen = new Map<number, StorySeen>();
  for (const id of ids) {
    const article = await factsOf(id);
    if (article.storyId === null) {
      hits.push({ articleId: id, storyId: null, alert: true, why: 'new story' });
      continue;
    }
    let story = seen.get(article.storyId);
    if (story === undefined) {
      story = { places: new Set(), numbers: new Set(), outletTypes: new Set() };
      const earlier = await store.savedSearches.storyHits(search.id, article.storyId);
      for (const earlierId of earlier) merge(story, await factsOf(earlierId));
      seen.set(article.storyId, story);
      if (earlier.length === 0) {
        hits.push({ articleId: id, storyId: article.storyId, alert: true, why: 'new story' });
        merge(story, article);
        continue;
      }
    }
    const newPlaces = [...article.places].filter((place) => !story.places.has(place));
    const newNumbers = [...article.numbers].filter((number) => !story.numbers.has(number));
    const newType =
      article.outletType !== null && !story.outletTypes.has(article.outletType) ? article.outletType : null;
    // Everything new is named: "same story, new outlet type: official; new place: Osh".
    const news = [
      ...(newType === null ? [] : [`new outlet type: ${newType}`]),
      ...(newPlaces.length > 0 ? [`new place: ${newPlaces.join(', ')}`] : []),
      ...(newNumbers.length > 0 ? [`new number: ${newNumbers.join(', ')}`] : []),
    ];
    hits.push({
      articleId: id,
      storyId: article.storyId,
      alert: news.length > 0,
      why: news.length > 0 ? `same story, ${news.join('; ')}` : 'same story, nothing new',
    });
    merge(story, article);
  }
  return hits;
}

function merge(story: StorySeen, article: ArticleFacts): void {
  for (const place of article.places) story.places.add(place);
  for (const number of article.numbers) story.numbers.add(number);
  if (article.outletType !== null) story.outletTypes.add(article.outletType);
}

/** An article the store did not describe (gone from the range read) comes without a type: untyped. */
function toArticleFacts(brought: Omit<StoryFacts, 'outletType'> & Partial<StoryFacts>): ArticleFacts {
  return {
    storyId: brought.storyId,
    places: new Set(brought.places),
    numbers: new Set(brought.numbers),
    outletType: brought.outletType ?? null,
  };
}

/** One line about a pass, for the ingest commands and the server's log; null when there was nothing to match. */
export function describeMatchPass(pass: MatchPass): string | null {
  if (pass.searches === 0) return null;
  const failed = pass.failed
    .map((failure) => `; #${failure.id} "${failure.name}" failed: ${failure.error}`)
    .join('');
  return `saved searches: ${pass.searches} matched against articles ${pass.after + 1}–${pass.upTo}: ${pass.hits} hit${pass.hits === 1 ? '' : 's'}, ${pass.alerts} alert${pass.alerts === 1 ? '' : 's'} (${Math.round(pass.ms)} ms)${failed}${pass.warning === null ? '' : `; ${pass.warning}`}`;
}

/** As matchSavedSearches, never throwing: the ingest already succeeded, so a failure is reported, not raised. */
export async function matchAfterIngest(store: Store): Promise<string | null> {
  try {
    return describeMatchPass(await matchSavedSearches(store));
  } catch (error) {
    return `saved searches were not matched this time (the next ingest tries again): ${describeError(error)}`;
  }
}
