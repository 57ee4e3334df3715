/** The search endpoint's request and response, validated at the edge and published in the OpenAPI document. */
import { z } from 'zod';
import { maxCursorTokenLength } from '../../store/search-cursor.ts';
import { maxPerPage } from '../../store/store.ts';
import { entityFacetMatchLimit } from './entity-facet-limit.ts';

const entityFacetMatchLimitText = entityFacetMatchLimit.toLocaleString('en-GB');

/** A query-string flag: `true`/`false`/`1`/`0`. */
const flag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

/** GET /api/v1/search query string. */
export const SearchQuerySchema = z.object({
  q: z
    .string()
    .max(4000, 'must be at most 4000 characters')
    .default('')
    .describe('query in the wirewatch query language; empty browses the archive, newest first'),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').default(1),
  after: z
    .string()
    .min(1, 'must not be empty')
    .max(maxCursorTokenLength, `must be at most ${maxCursorTokenLength} characters`)
    .optional()
    .describe(
      'the `next` token of the previous page: continue right after its last hit (as fast at page 500 as at page 1); `page` is then ignored',
    ),
  per_page: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(maxPerPage, `must be at most ${maxPerPage}`)
    .default(10),
  sort: z
    .enum(['relevance', 'date', 'newest', 'oldest'])
    .default('relevance')
    .describe('relevance (falls back to newest without words), date (= newest), newest or oldest'),
  snippet_length: z.coerce
    .number()
    .int()
    .min(40)
    .max(2000)
    .default(300)
    .describe('snippet length in characters'),
  facets: flag(true).describe(
    'include exact facet counts (sources, languages, years, months) and entity_facets (people, organisations, places, topics, event types)',
  ),
  timeline: flag(true).describe('include the timeline of matching articles'),
  interval: z
    .enum(['auto', 'day', 'week', 'month', 'year'])
    .default('auto')
    .describe('timeline bucket width'),
});

const HighlightsSchema = z
  .array(z.tuple([z.number().int(), z.number().int()]))
  .describe('matched words as [start, end) character offsets into the text beside it');

const FacetCountSchema = z.object({ value: z.string(), count: z.number().int() });

const EntityFacetCountSchema = z.object({
  slug: z.string().describe('names the entity in a query: org:<slug>, person:<slug>, place:<slug>'),
  name: z.string(),
  count: z.number().int().describe('matching articles naming it'),
});

/** One hit. */
export const SearchHitSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  source: z.string(),
  url: z.string().nullable(),
  author: z.string().nullable(),
  published_at: z.string().nullable(),
  published_at_estimated: z
    .boolean()
    .describe('true when published_at is the fetch time standing in for a date the outlet did not give'),
  language: z.string().nullable(),
  score: z.number().nullable().describe('relevance, higher is better; null when sorted by date'),
  snippet: z.string().describe('passage around the matches, cut on word boundaries with "..."'),
  highlights: z.object({ title: HighlightsSchema, snippet: HighlightsSchema }),
  links: z.object({ self: z.string(), html: z.string() }),
  cluster: z
    .object({ id: z.number().int(), articles: z.number().int(), sources: z.number().int() })
    .nullable()
    .describe(
      'the same story archived from other outlets too: its cluster (the article page lists it); null when alone',
    ),
  matched_via: z
    .array(
      z.object({
        term: z.string().describe('the query word, as typed'),
        matched: z.string().describe('the form of it this hit holds (lower case)'),
        via: z
          .enum(['typed', 'stem', 'spelling'])
          .describe('as typed, another form of its stem, or another spelling of the name (either script)'),
      }),
    )
    .describe(
      'why this hit matched, for each query word the search expanded (see `expansions`) whose form the title or snippet shows',
    ),
});

const ExpansionSchema = z.object({
  term: z.string().describe('a query word, as typed'),
  column: z.number().int().describe('where it starts in the query (1-based)'),
  stem: z
    .string()
    .nullable()
    .describe('its stem, searched as a prefix so that other forms of the word match; null when none'),
  spellings: z
    .array(z.string())
    .describe('other spellings of the name the archive holds (lower case, either script), searched too'),
});

/** GET /api/v1/search response. */
export const SearchResponseSchema = z.object({
  query: z.string(),
  sort: z.enum(['relevance', 'newest', 'oldest']).describe('the order used'),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int().describe('exact number of matching articles'),
  first: z.number().int().describe('1-based index of the first hit on this page; 0 when none'),
  last: z.number().int(),
  pages: z.number().int().describe('number of pages that can be requested'),
  next: z
    .string()
    .nullable()
    .describe('opaque token of the next page, to pass as `after`; null on the last page'),
  results: z.array(SearchHitSchema),
  expansions: z
    .array(ExpansionSchema)
    .describe(
      'what the search added to the words typed: other forms of a Russian word, other spellings of a name',
    ),
  facets: z
    .object({
      sources: z.array(FacetCountSchema),
      languages: z.array(FacetCountSchema),
      years: z.array(FacetCountSchema),
      months: z.array(FacetCountSchema),
      undated: z.number().int(),
    })
    .nullable(),
  entity_facets: z
    .object({
      people: z.array(EntityFacetCountSchema),
      organisations: z.array(EntityFacetCountSchema),
      places: z
        .array(EntityFacetCountSchema)
        .describe(
          'articles naming the place or a place inside it (a region counts its districts and towns), as place:<slug> finds them',
        ),
      topics: z.array(FacetCountSchema).describe('value: use as topic:<value>'),
      events: z.array(FacetCountSchema).describe('value: an event type, use as event:<value>'),
    })
    .nullable()
    .describe(
      `exact counts of the matching articles per entity named, topic and event type; null when facets=false or when the search matches more than ${entityFacetMatchLimitText} articles`,
    ),
  timeline: z
    .object({
      interval: z.enum(['day', 'week', 'month', 'year']),
      buckets: z.array(
        z.object({
          period: z.string().describe('first day of the period, YYYY-MM-DD (UTC; weeks start on Monday)'),
          count: z.number().int(),
          archive_count: z.number().int().describe('all archived articles published in the period'),
          share: z.number().describe('count / archive_count: attention normalised by archive volume'),
        }),
      ),
    })
    .nullable(),
});

export type SearchQuery = z.output<typeof SearchQuerySchema>;
export type SearchResponse = z.output<typeof SearchResponseSchema>;
