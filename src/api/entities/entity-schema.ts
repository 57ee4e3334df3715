/** The entity endpoints' request and response shapes, validated at the edge and published in the OpenAPI document. */
import { z } from 'zod';
import { ListedEventSchema } from '../events/event-schema.ts';
import { maxEntityFilterLength } from './entity-list.ts';
import { maxSlugLength } from './entity-profile.ts';

/** The most entities one page of the list may hold. */
export const maxEntitiesPerPage = 1000;

const EntityTypeSchema = z.enum(['person', 'organisation', 'place']);

/** A link to an entity. */
export const EntityRefSchema = z.object({
  slug: z
    .string()
    .describe('stable id; names the entity in queries: org:<slug>, person:<slug>, place:<slug>'),
  name: z.string(),
  type: EntityTypeSchema,
  links: z.object({ self: z.string(), html: z.string() }),
});

/** GET /api/v1/entities query string. */
export const EntitiesQuerySchema = z.object({
  type: EntityTypeSchema.optional(),
  q: z
    .string()
    .max(maxEntityFilterLength, `must be at most ${maxEntityFilterLength} characters`)
    .default('')
    .describe('part of a name, spelling (any script; case and ё ignored) or slug'),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 or more')
    .max(maxEntitiesPerPage, `must be at most ${maxEntitiesPerPage}`)
    .default(100),
  offset: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more').default(0),
});

/** GET /api/v1/entities response. */
export const EntitiesResponseSchema = z.object({
  total: z.number().int().describe('entities that fit the filter'),
  limit: z.number().int(),
  offset: z.number().int(),
  entities: z
    .array(
      EntityRefSchema.extend({
        subtype: z.string().nullable().describe('country, region, city, security-body, designated-group…'),
        country: z.string().nullable().describe('ISO 3166 alpha-2 code'),
        article_count: z.number().int().describe('articles naming the entity'),
      }),
    )
    .describe('most named first, then by name'),
});

/** GET /api/v1/entities/:slug path. */
export const EntityParamsSchema = z.object({
  slug: z.string().min(1).max(maxSlugLength).describe('the entity slug, e.g. hizb-ut-tahrir'),
});

/** One entity in full: the entity page's data. */
export const EntityResponseSchema = EntityRefSchema.extend({
  subtype: z.string().nullable(),
  origin: z.enum(['gazetteer', 'user', 'recognised']),
  country: z
    .object({ code: z.string(), name: z.string(), slug: z.string().nullable() })
    .nullable()
    .describe('the country it belongs to, with its entity slug when the gazetteer has one'),
  parent: EntityRefSchema.nullable().describe('what it lies in (a district’s region)'),
  aliases: z.array(z.string()).describe('every spelling, the name included'),
  spellings: z
    .array(
      z.object({ script: z.enum(['Latin', 'Cyrillic', 'Arabic', 'Other']), spellings: z.array(z.string()) }),
    )
    .describe('the spellings grouped by script'),
  designations: z
    .array(
      z.object({
        by: z.string().describe('ISO 3166 alpha-2 code, UN or EU'),
        by_name: z.string(),
        as: z.enum(['terrorist', 'extremist', 'banned']),
        since: z.string().nullable().describe('YYYY, YYYY-MM or YYYY-MM-DD'),
        until: z.string().nullable().describe('when the ban was lifted'),
        note: z.string().nullable(),
      }),
    )
    .describe('who bans or designates it, as what, since when'),
  note: z.string().nullable(),
  mentions_by_month: z
    .array(z.object({ month: z.string().describe('YYYY-MM (UTC)'), count: z.number().int() }))
    .describe('articles naming it per month, months without any left out; undated articles not counted'),
  co_mentioned: z
    .array(EntityRefSchema.extend({ count: z.number().int().describe('articles naming both') }))
    .describe('the entities most often named in the same articles'),
  latest_articles: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      source: z.string(),
      published_at: z.string().nullable(),
      published_at_estimated: z.boolean(),
      language: z.string().nullable(),
      links: z.object({ self: z.string(), html: z.string() }),
    }),
  ),
  events: z.array(ListedEventSchema).describe('event facts of articles naming it, newest first'),
});

export type EntityResponse = z.output<typeof EntityResponseSchema>;
export type EntityRefResponse = z.output<typeof EntityRefSchema>;
