/** The saved-search endpoints' request and response shapes, validated at the edge and published in the OpenAPI document. */
import { z } from 'zod';

/** The most hits one page may hold. */
export const maxHitsPerPage = 100;

/** The most saved searches one page of the list may hold (an admin may see thousands). */
export const maxSearchesPerPage = 100;

/** A path's saved search id. */
export const SavedSearchParamsSchema = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .describe('saved search id'),
});

const DigestSchema = z.enum(['none', 'daily']);

/** POST /api/v1/saved-searches body. */
export const SavedSearchPostBodySchema = z.object({
  name: z.string().max(1000).describe('1 to 120 characters, unique among its owner’s searches'),
  query: z
    .string()
    .max(4000)
    .describe('the wirewatch query language; a malformed query is refused with the parser’s column'),
  shared: z.boolean().default(false).describe('every signed-in user sees it and its alerts'),
  digest: DigestSchema.default('none').describe('daily: its alerts in the owner’s daily e-mail digest'),
  webhook_url: z
    .string()
    .max(4096)
    .nullable()
    .optional()
    .describe('each alert is POSTed here, signed (http or https; never a private address unless allowed)'),
});

/** PATCH /api/v1/saved-searches/:id body: what changes (a field left out stays as it is). */
export const SavedSearchPatchBodySchema = z.object({
  name: z.string().max(1000).optional().describe('1 to 120 characters, unique among its owner’s searches'),
  query: z
    .string()
    .max(4000)
    .optional()
    .describe(
      'a new query, checked as when saving; it applies to articles ingested from now on (the archive is not searched again, the hits found so far stay)',
    ),
  shared: z.boolean().optional(),
  digest: DigestSchema.optional(),
  webhook_url: z
    .string()
    .max(4096)
    .nullable()
    .optional()
    .describe(
      'a new webhook URL (keeps its signing secret; one is made if it had none), or null to remove the webhook: its pending deliveries are then marked failed',
    ),
  rotate_secret: z.boolean().optional().describe('true: give the webhook a new signing secret'),
});

/** How a search's webhook deliveries stand. */
const DeliveriesSchema = z.object({
  pending: z.number().int().describe('waiting for their first or next attempt'),
  failed: z.number().int().describe('given up after the last attempt'),
  sent: z.number().int(),
  partial: z.boolean().describe('true: the counts are of the newest 1,000 deliveries only'),
});

/** A saved search as its reader sees it (never its webhook secret or feed key). */
export const SavedSearchSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  query: z.string(),
  owner: z.string().describe('the owner’s user name'),
  yours: z.boolean().describe('the caller owns it'),
  shared: z.boolean(),
  digest: DigestSchema,
  webhook: z
    .object({
      url: z.string().nullable().describe('shown to the owner and admins; null for anyone else'),
      deliveries: DeliveriesSchema,
    })
    .nullable()
    .describe('null: no webhook'),
  created_at: z.string(),
  last_run_at: z.string().nullable().describe('when new articles were last matched against it'),
  hits: z.number().int(),
  alerts: z.number().int().describe('hits worth an alert: one per story, unless a copy brings something new'),
  unread_alerts: z.number().int().describe('alerts the caller has not read (read state is per user)'),
  links: z.object({
    self: z.string(),
    hits: z.string(),
    html: z.string(),
    feed: z.string().describe('its Atom feed of alerts, for a signed-in reader or a token holder'),
  }),
});

/** GET /api/v1/saved-searches query string: limit and offset, as the events and entities lists page. */
export const SavedSearchListQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(maxSearchesPerPage, `must be at most ${maxSearchesPerPage}`)
    .default(25)
    .describe('searches per page'),
  offset: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .default(0)
    .describe('searches to skip: the `next_offset` of the previous page'),
});

/** GET /api/v1/saved-searches. */
export const SavedSearchListSchema = z.object({
  total: z.number().int().describe('searches the caller may see, in all'),
  limit: z.number().int(),
  offset: z.number().int(),
  next_offset: z.number().int().nullable().describe('the offset of the next page; null on the last page'),
  saved_searches: z.array(SavedSearchSchema).describe('by owner, then name'),
  links: z.object({
    next: z.string().nullable().describe('the next page; null on the last page'),
    prev: z
      .string()
      .nullable()
      .describe(
        'the previous page (one that leads back into the list when `offset` is past the end); null on the first',
      ),
  }),
});

/** POST /api/v1/saved-searches answer: the search, and its secrets, shown this once. */
export const SavedSearchCreatedSchema = SavedSearchSchema.extend({
  secrets: z
    .object({
      feed_url: z.string().describe('the Atom feed of its alerts with its key: opens without a token'),
      feed_key: z.string(),
      webhook_secret: z
        .string()
        .nullable()
        .describe(
          'signs each webhook POST: x-wirewatch-signature: t=<seconds>,v1=hex(HMAC-SHA256(secret, "<seconds>.<body>")); null without a webhook',
        ),
    })
    .describe('shown only in this answer, never again'),
});

/** PATCH /api/v1/saved-searches/:id answer: the search, what changed, and a new secret this once. */
export const SavedSearchChangedSchema = SavedSearchSchema.extend({
  changes: z
    .array(z.string())
    .describe(
      'each change in words ("query: Osh → Osh OR Bishkek", "webhook removed"); empty: nothing differed',
    ),
  note: z
    .string()
    .nullable()
    .describe('when the query changed: it applies to articles ingested from now on, never back-filled'),
  secrets: z
    .object({
      webhook_secret: z
        .string()
        .describe('signs each webhook POST, as the one given when saving: shown only in this answer'),
    })
    .optional()
    .describe('present only when this change made a new webhook signing secret'),
});

/** GET /api/v1/saved-searches/:id/hits query string. */
export const SavedSearchHitsQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(maxHitsPerPage, `must be at most ${maxHitsPerPage}`)
    .default(25),
  before: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(Number.MAX_SAFE_INTEGER, 'is too large')
    .optional()
    .describe('the `next` of the previous page: hits of lower article ids than this'),
  alerts: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1')
    .describe('only the hits worth an alert'),
});

/** One hit of a saved search. */
export const SavedSearchHitSchema = z.object({
  article_id: z.number().int(),
  story_id: z.number().int().nullable().describe('its story (near-duplicate cluster); null alone'),
  alert: z.boolean(),
  why: z.string().describe('why it alerted or not: "new story", "same story, new place: Osh"…'),
  found_at: z.string(),
  read_at: z.string().nullable().describe('when the caller marked the alert read; null: not read by them'),
  article: z
    .object({
      title: z.string(),
      source: z.string(),
      published_at: z.string().nullable(),
      links: z.object({ self: z.string(), html: z.string() }),
    })
    .nullable()
    .describe('null when the article was removed'),
});

/** GET /api/v1/saved-searches/:id/hits. */
export const SavedSearchHitsSchema = z.object({
  total: z.number().int().describe('hits (or alerts, with alerts=true) in all'),
  limit: z.number().int(),
  hits: z.array(SavedSearchHitSchema),
  next: z.number().int().nullable().describe('pass as `before` for the next page; null on the last page'),
  links: z.object({ next: z.string().nullable() }),
});
