/** Shapes a page of results, its facets and its timeline into the API's JSON. */
import type { SearchResultHit, SearchResults } from '../../search/search-articles.ts';
import type { Timeline } from '../../search/search-timeline.ts';
import type { EnrichmentFacets, EntityCount } from '../../store/enrichment.ts';
import { maxResultOffset, type SearchFacets } from '../../store/store.ts';
import type { SearchResponse } from './search-schema.ts';

/** How many pages of `perPage` hits a client may ask for: all of them, up to the deepest allowed offset. */
export function countPages(total: number, perPage: number): number {
  return Math.min(Math.ceil(total / perPage), Math.floor(maxResultOffset / perPage) + 1);
}

function presentHit(hit: SearchResultHit): SearchResponse['results'][number] {
  return {
    id: hit.id,
    title: hit.title.text,
    source: hit.source,
    url: hit.url,
    author: hit.author,
    published_at: hit.publishedAt,
    published_at_estimated: hit.publishedAtEstimated,
    language: hit.language,
    score: hit.score,
    snippet: hit.snippet.text,
    highlights: { title: hit.title.highlights, snippet: hit.snippet.highlights },
    links: { self: `/api/v1/articles/${hit.id}`, html: `/articles/${hit.id}` },
    cluster: hit.cluster,
    matched_via: hit.matchedVia.map(({ term, matched, via }) => ({ term, matched, via })),
  };
}

const presentEntityCount = ({ slug, name, count }: EntityCount) => ({ slug, name, count });

/** Entity, topic and event-type counts as the API names them. */
export function presentEntityFacets(facets: EnrichmentFacets): NonNullable<SearchResponse['entity_facets']> {
  return {
    people: facets.people.map(presentEntityCount),
    organisations: facets.organisations.map(presentEntityCount),
    places: facets.places.map(presentEntityCount),
    topics: facets.topics.map(({ value, count }) => ({ value, count })),
    events: facets.events.map(({ value, count }) => ({ value, count })),
  };
}

/** The JSON answer of GET /api/v1/search. */
export function presentSearch(
  q: string,
  results: SearchResults,
  facets: SearchFacets | null,
  timeline: Timeline | null,
  entityFacets: EnrichmentFacets | null = null,
): SearchResponse {
  return {
    query: q,
    sort: results.sort,
    page: results.page,
    per_page: results.perPage,
    total: results.total,
    first: results.first,
    last: results.last,
    pages: countPages(results.total, results.perPage),
    next: results.next,
    results: results.hits.map(presentHit),
    expansions: results.expansions.map(({ term, column, stem, spellings }) => ({
      term,
      column,
      stem: stem ?? null,
      spellings,
    })),
    facets,
    entity_facets: entityFacets && presentEntityFacets(entityFacets),
    timeline: timeline && {
      interval: timeline.interval,
      buckets: timeline.buckets.map((bucket) => ({
        period: bucket.period,
        count: bucket.count,
        archive_count: bucket.archiveCount,
        share: bucket.share,
      })),
    },
  };
}
