/**
 * When a search's entity facets are counted. Counting the entities named across the matches is one
 * probe of the mention table per matching article (store/enrichment-facets.ts): on SQLite, 20,000
 * bench articles with 8–9 mentions each, 3,320 matches count in 50–70 ms and 17,000 in 0.2–0.3 s,
 * against 15–50 ms for the other facets. So the results page and the API count them for
 * searches of up to this many matches, and always for the whole archive (no query words or
 * filters), which is counted from the mention table without looking at matches at all.
 */

/** The most matches whose entity facets are counted. */
export const entityFacetMatchLimit = 20_000;

/** True when a search with `total` matches gets entity facets; `wholeArchive` when it has no conditions. */
export function wantsEntityFacets(total: number, wholeArchive: boolean): boolean {
  return total > 0 && (wholeArchive || total <= entityFacetMatchLimit);
}
