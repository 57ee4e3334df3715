/** Event facts in the API: one fact, one listed with its article, and GET /api/v1/events. */
import { z } from 'zod';
import { eventTypes } from '../../search/query-metadata-fields.ts';
import { maxEventOffset } from './event-listing.ts';

/** The most events one page may hold. */
export const maxEventsPerPage = 100;

const EventTypeSchema = z.enum(eventTypes as [string, ...string[]]);

/** An event fact read from one sentence of an article. */
export const EventFactSchema = z.object({
  type: z.string().describe(`event type: ${eventTypes.join(', ')}`),
  count: z.number().int().nullable().describe('how many people (or citizens, members…) the sentence counts'),
  actor: z.string().nullable().describe('who acted (as written in the sentence)'),
  target: z.string().nullable().describe('who or what was acted on: the group, the people'),
  place: z.string().nullable().describe('where, as written'),
  place_entity: z
    .object({ slug: z.string(), name: z.string() })
    .nullable()
    .describe('the gazetteer place the place names, when it names one'),
  date: z
    .string()
    .nullable()
    .describe('the date the sentence states, as precise as it says: YYYY-MM-DD, YYYY-MM or YYYY'),
  sentence: z.string().describe('the sentence the fact was read from'),
});

/** An event fact with its article. */
export const ListedEventSchema = EventFactSchema.extend({
  id: z.number().int(),
  article: z.object({
    id: z.number().int(),
    title: z.string(),
    source: z.string(),
    published_at: z.string().nullable(),
    links: z.object({ self: z.string(), html: z.string() }),
  }),
});

/** GET /api/v1/events query string. */
export const EventsQuerySchema = z.object({
  type: EventTypeSchema.optional().describe('only events of this type'),
  q: z
    .string()
    .max(4000, 'must be at most 4000 characters')
    .default('')
    .describe(
      'only events of articles matching this query (the wirewatch query language); the newest 2,000 matching articles with events are read',
    ),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(maxEventsPerPage, `must be at most ${maxEventsPerPage}`)
    .default(25),
  offset: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(maxEventOffset, `must be at most ${maxEventOffset}`)
    .default(0),
});

/** GET /api/v1/events response. */
export const EventsResponseSchema = z.object({
  type: z.string().nullable(),
  query: z.string(),
  limit: z.number().int(),
  offset: z.number().int(),
  next_offset: z.number().int().nullable().describe('the offset of the next page; null on the last page'),
  truncated: z
    .boolean()
    .describe('true when the query matched more than 2,000 articles with events: only the newest were read'),
  events: z.array(ListedEventSchema).describe('newest article first'),
});

export type EventFactResponse = z.output<typeof EventFactSchema>;
export type ListedEventResponse = z.output<typeof ListedEventSchema>;
export type EventsQuery = z.output<typeof EventsQuerySchema>;
