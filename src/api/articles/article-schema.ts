/** The article endpoints' request and response shapes. */
import { z } from 'zod';
import { EventFactSchema } from '../events/event-schema.ts';

/** The most articles one POST may carry. */
export const maxArticlesPerRequest = 1000;

/** GET /api/v1/articles/:id path. */
export const ArticleParamsSchema = z.object({
  id: z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').describe('article id'),
});

/** One article to ingest; the same fields and rules as a JSONL import line. */
export const ArticleInputSchema = z.object({
  url: z.string().max(4096).nullable().optional().describe('http(s) URL; the identity of the article'),
  source: z.string().max(200).describe('outlet name, e.g. "Times of Central Asia"'),
  title: z.string().max(1000),
  author: z.string().max(500).nullable().optional(),
  published_at: z
    .string()
    .max(100)
    .nullable()
    .optional()
    .describe('ISO 8601 date or date-time, RFC 822, or YYYY-MM-DD'),
  language: z.string().max(3).nullable().optional().describe('ISO 639-1 code: en, ru, kk…'),
  text: z.string().optional().describe('plain text (this or html is required)'),
  html: z.string().optional().describe('article HTML; only its text is kept'),
});

/** POST /api/v1/articles body: one article or a batch. */
export const ArticlesPostBodySchema = z.union([
  ArticleInputSchema,
  z
    .array(ArticleInputSchema)
    .min(1, 'must hold at least one article')
    .max(maxArticlesPerRequest, `must hold at most ${maxArticlesPerRequest} articles`),
]);

/** What happened to each article of a POST, in request order. */
export const ArticlesPostResponseSchema = z.object({
  inserted: z.number().int(),
  duplicates: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      status: z.enum(['inserted', 'duplicate']),
      id: z.number().int().describe('the new article, or the stored article it duplicates'),
      duplicate_by: z.enum(['url', 'text']).optional(),
    }),
  ),
});

/** A stored article. */
export const ArticleResponseSchema = z.object({
  id: z.number().int(),
  url: z.string().nullable(),
  canonical_url: z.string().nullable(),
  source: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  published_at: z.string().nullable(),
  published_at_estimated: z
    .boolean()
    .describe('true when published_at is the fetch time standing in for a date the outlet did not give'),
  fetched_at: z.string(),
  language: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable().describe('sanitised HTML, when the article came with HTML'),
  content_hash: z.string(),
  links: z.object({ html: z.string() }),
  enriched: z
    .boolean()
    .describe('false until enrichment has read the article: entities, topics and events are then empty'),
  entities: z
    .array(
      z.object({
        slug: z
          .string()
          .describe('the entity; its page is /entities/<slug>, its JSON /api/v1/entities/<slug>'),
        name: z.string(),
        type: z.enum(['person', 'organisation', 'place']),
        mentions: z.number().int().describe('how many times the article names it'),
        surface: z.string().describe('the first mention as written'),
        via: z
          .string()
          .describe('how it matched: exact spelling, transliteration key, Russian inflection, recognised'),
      }),
    )
    .describe('the people, organisations and places the article names, most mentioned first'),
  topics: z
    .array(
      z.object({
        topic: z.string(),
        rule: z.string().describe('the rule that tagged the article'),
        evidence: z.string().describe('the words that made the rule fire'),
      }),
    )
    .describe('topics the article was tagged with, and why'),
  events: z.array(EventFactSchema).describe('event facts read from its sentences, in text order'),
});

export type ArticleInput = z.output<typeof ArticleInputSchema>;
export type ArticleResponse = z.output<typeof ArticleResponseSchema>;
