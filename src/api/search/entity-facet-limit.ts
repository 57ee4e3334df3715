/**
 * When a search's entity facets are counted. Counting the entities named across a large share of the
 * archive is one grouped pass over their mentions; on SQLite that pass costs about 1 s for 20,000
 * matches (8–9 mentions an article) where the other facets cost 20–30 ms, so the results page and
 * the API count them for searches of up to this many matches. Narrower searches get exact counts.
 */

/** The most matches whose entity facets are counted. */
export const entityFacetMatchLimit = 5_000;

/** True when a search with `total` matches gets entity facets. */
export function wantsEntityFacets(total: number): boolean {
  return total > 0 && total <= entityFacetMatchLimit;
}
