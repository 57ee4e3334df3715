/** The sources resource's request and response shapes. */
import { z } from 'zod';
import { outletTypeNames } from '../../core/outlet-types.ts';

/** The longest feed or site URL accepted (the store's own limit). */
const maxUrlLength = 2048;

/** A followed feed and how it is doing. */
export const FeedSchema = z.object({
  id: z.number().int().describe('the feed’s id (`wirewatch sources list` shows it as #id)'),
  url: z.string().describe('the feed’s URL'),
  site_url: z.string().nullable(),
  title: z.string().nullable().describe('the feed’s own title'),
  interval_minutes: z.number().int(),
  created_at: z.string(),
  last_fetch_at: z.string().nullable(),
  last_error: z.string().nullable().describe('`CODE: message` of the last fetch when it failed'),
  next_fetch_at: z.string(),
});

/** One source with its article count, date range, outlet type and followed feeds. */
export const SourceResponseSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string().describe('usable in queries as source:<slug>'),
  outlet_type: z
    .enum(outletTypeNames)
    .nullable()
    .describe('what kind of outlet it is, set by an admin; null when nobody has said'),
  article_count: z.number().int(),
  first_published_at: z.string().nullable(),
  last_published_at: z.string().nullable(),
  feeds: z.array(FeedSchema).describe('the feeds followed for it (none for a source only imported)'),
});

export const SourceListSchema = z.object({ sources: z.array(SourceResponseSchema) });

/** POST /api/v1/sources body. */
export const SourcePostBodySchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(maxUrlLength, `must be at most ${maxUrlLength} characters`)
    .describe('a feed’s URL (RSS, Atom, RDF, JSON Feed), or a site page that links to its feed'),
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe(
      'the source its articles are filed under (default: the feed’s title); an existing one is joined',
    ),
  interval_minutes: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(10_080, 'must be at most 10080 (a week)')
    .optional()
    .describe('minutes between fetches (default 30)'),
});

/** What following a feed did. */
export const SourcePostResponseSchema = z.object({
  created: z.boolean().describe('false when the feed was followed already (nothing changed)'),
  source: SourceResponseSchema,
  feed: FeedSchema,
  found_on: z.string().nullable().describe('the page the feed was found on, when a page was given'),
  format: z.string().describe('the feed’s format: rss, atom, rdf, json…'),
  items: z.number().int().describe('items the feed holds now; archived by the next fetch'),
});

/** /api/v1/sources/:id path. */
export const SourceParamsSchema = z.object({
  id: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').describe('source id'),
});

/** /api/v1/sources/:id/feeds/:feed_id path. */
export const SourceFeedParamsSchema = SourceParamsSchema.extend({
  feed_id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .describe('feed id, one of the source’s feeds'),
});

/** What stopping to follow did. */
export const SourceDeleteResponseSchema = z.object({
  source: SourceResponseSchema.describe('the source as it is now: its articles stay in the archive'),
  removed_feeds: z.array(FeedSchema),
});

/** PATCH /api/v1/sources/:id body. */
export const SourcePatchBodySchema = z.object({
  outlet_type: z
    .enum(outletTypeNames, { message: `must be one of ${outletTypeNames.join(', ')}, or null` })
    .nullable()
    .describe('what kind of outlet the source is; null clears it'),
});

export const SourcePatchResponseSchema = z.object({
  source: SourceResponseSchema,
  previous_outlet_type: z.enum(outletTypeNames).nullable(),
});
