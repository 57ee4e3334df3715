/**
 * Matching what an ingest added against every saved search. Each search remembers the last article
 * id it was matched up to; a pass asks the store which articles after that id its query matches
 * (Store.matchingIds, with the query expanded as the desk expands it), so the cost follows what is
 * new, never the whole archive. A pass runs after enrichment, so entity fields (org:, place:) and
 * the comparisons below see each article's findings.
 *
 * Alerts are per story, not per copy: the first article of a story (its cluster, or the article
 * alone) that a search hits is an alert; a later one of the same story is recorded as a hit but
 * alerts again only when it brings a place or a number the story's earlier hits for this search did
 * not have. Hits are recorded with the search's new position in one transaction, so a pass that
 * fails records nothing and the next one does the work again, and an article is never hit twice by
 * one search.
 */
import { AppError, describeError } from '../../core/errors.ts';
import { withQueryExpansion } from '../../search/expanding-store.ts';
import { parseQuery } from '../../search/query-parser.ts';
import type { NewHit, SearchToMatch } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';

/** Hits recorded per search per pass at most (a saved "the" should not flood anyone). */
export const maxHitsPerPass = 1_000;

/** What one pass did. */
export interface MatchPass {
  searches: number;
  /** Article ids the pass looked at: after < id <= upTo (the widest range of any search). */
  after: number;
  upTo: number;
  hits: number;
  alerts: number;
  /** Searches that could not run, with why (a query the parser no longer takes, say). */
  failed: { id: number; name: string; error: string }[];
  ms: number;
}

/** What an article brings to its story, for telling a copy from news. */
interface ArticleFacts {
  storyId: number | null;
  places: Set<string>;
  numbers: Set<number>;
}

export async function matchSavedSearches(store: Store, now = new Date()): Promise<MatchPass> {
  const started = performance.now();
  const searching = withQueryExpansion(store);
  const upTo = await store.savedSearches.highestArticleId();
  // A cheap look first: a pass with nothing new (most of the server's ticks) reads no more than this.
  const searches = await store.savedSearches.behind(upTo);
  const pass: MatchPass = {
    searches: searches.length,
    after: Math.min(upTo, ...searches.map((search) => search.matchedUpTo)),
    upTo,
    hits: 0,
    alerts: 0,
    failed: [],
    ms: 0,
  };
  const facts = new Map<number, Promise<ArticleFacts>>();
  const factsOf = (id: number) => {
    let known = facts.get(id);
    if (known === undefined) {
      known = readFacts(store, id);
      facts.set(id, known);
    }
    return known;
  };
  const entries: { savedSearchId: number; hits: NewHit[]; upTo: number; webhook: boolean }[] = [];
  for (const search of searches) {
    try {
      const hits = await matchOne(searching, search, upTo, factsOf);
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

async function matchOne(
  store: Store,
  search: SearchToMatch,
  upTo: number,
  factsOf: (id: number) => Promise<ArticleFacts>,
): Promise<NewHit[]> {
  const query = parseQuery(search.query);
  if (query.root === null) throw new AppError('WATCH_INVALID', 'the saved query is empty');
  const ids = await store.matchingIds(query, { after: search.matchedUpTo, upTo }, maxHitsPerPass);
  const hits: NewHit[] = [];
  /** What this search has already seen of each story: earlier passes' hits, then this pass's. */
  const seen = new Map<number, { places: Set<string>; numbers: Set<number> }>();
  for (const id of ids) {
    const article = await factsOf(id);
    if (article.storyId === null) {
      hits.push({ articleId: id, storyId: null, alert: true, why: 'new story' });
      continue;
    }
    let story = seen.get(article.storyId);
    if (story === undefined) {
      story = { places: new Set(), numbers: new Set() };
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
    const why =
      newPlaces.length > 0
        ? `same story, new place: ${newPlaces.join(', ')}`
        : newNumbers.length > 0
          ? `same story, new number: ${newNumbers.join(', ')}`
          : 'same story, nothing new';
    hits.push({ articleId: id, storyId: article.storyId, alert: why !== 'same story, nothing new', why });
    merge(story, article);
  }
  return hits;
}

function merge(story: { places: Set<string>; numbers: Set<number> }, article: ArticleFacts): void {
  for (const place of article.places) story.places.add(place);
  for (const number of article.numbers) story.numbers.add(number);
}

async function readFacts(store: Store, id: number): Promise<ArticleFacts> {
  const [article, enrichment] = await Promise.all([
    store.getArticle(id),
    store.enrichment.articleEnrichment(id),
  ]);
  return {
    storyId: article?.clusterId ?? null,
    places: new Set(
      (enrichment?.mentions ?? [])
        .filter((mention) => mention.type === 'place')
        .map((mention) => mention.name),
    ),
    numbers: new Set(
      (enrichment?.events ?? []).flatMap((event) => (typeof event.count === 'number' ? [event.count] : [])),
    ),
  };
}

/** One line about a pass, for the ingest commands and the server's log; null when there was nothing to match. */
export function describeMatchPass(pass: MatchPass): string | null {
  if (pass.searches === 0) return null;
  const failed = pass.failed
    .map((failure) => `; #${failure.id} "${failure.name}" failed: ${failure.error}`)
    .join('');
  return `saved searches: ${pass.searches} matched against articles ${pass.after + 1}–${pass.upTo}: ${pass.hits} hit${pass.hits === 1 ? '' : 's'}, ${pass.alerts} alert${pass.alerts === 1 ? '' : 's'} (${Math.round(pass.ms)} ms)${failed}`;
}

/** As matchSavedSearches, never throwing: the ingest already succeeded, so a failure is reported, not raised. */
export async function matchAfterIngest(store: Store): Promise<string | null> {
  try {
    return describeMatchPass(await matchSavedSearches(store));
  } catch (error) {
    return `saved searches were not matched this time (the next ingest tries again): ${describeError(error)}`;
  }
}
