/**
 * The gazetteer's record format: what one entity file (YAML) holds, validated with zod.
 *
 * A file is `{ version: 1, entities: [...] }`. Unknown fields are refused, so a typo ("alias:" for
 * "aliases:") is an error with a line, not a silently ignored field.
 */
import { z } from 'zod';

/** The file format version this code reads; other versions are refused. */
export const gazetteerFormatVersion = 1;

/** The subtypes allowed for each entity type (a closed list, so a misspelt subtype is caught). */
export const entitySubtypes = {
  place: ['country', 'region', 'autonomous-republic', 'republican-city', 'district', 'city', 'area'],
  organisation: [
    'security-body',
    'ministry',
    'prosecutor',
    'court',
    'government-body',
    'designated-group',
    'party',
    'international-organisation',
  ],
  person: ['head-of-state', 'former-head-of-state', 'official', 'militant', 'religious-figure'],
} as const;

/** A person, an organisation or a place. */
export type EntityType = keyof typeof entitySubtypes;

const entityIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const datePattern = /^\d{4}(?:-\d{2}-\d{2})?$/;

/** `YYYY` or `YYYY-MM-DD`; a bare YAML number (since: 2003) is read as its year. */
const partialDate = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value))
  .refine((value) => datePattern.test(value), { message: "must be 'YYYY' or 'YYYY-MM-DD'" });

const aliasText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(160, 'must be at most 160 characters')
  .refine((value) => /[\p{L}\p{N}]/u.test(value), { message: 'must contain a letter or digit' });

/** A ban or designation of a group by a country (ISO 3166 alpha-2), the UN or the EU. */
export const designationSchema = z.strictObject({
  by: z.string().regex(/^(?:[A-Z]{2}|UN|EU)$/, 'must be an ISO country code such as KG, or UN or EU'),
  as: z.enum(['terrorist', 'extremist', 'banned']),
  since: partialDate.optional(),
  until: partialDate.optional(),
  note: z.string().max(500).optional(),
});

/** One entity as written in a gazetteer file. */
export const gazetteerEntitySchema = z
  .strictObject({
    id: z.string().regex(entityIdPattern, 'must be a lower-case slug such as kg-osh-region'),
    type: z.enum(['person', 'organisation', 'place']),
    subtype: z.string(),
    name: aliasText,
    aliases: z.array(aliasText).default([]),
    sharedAliases: z.array(aliasText).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as KG')
      .optional(),
    parent: z.string().regex(entityIdPattern, 'must be an entity id').optional(),
    designations: z.array(designationSchema).optional(),
    note: z.string().max(1000).optional(),
  })
  .superRefine((entity, context) => {
    const allowed: readonly string[] = entitySubtypes[entity.type];
    if (!allowed.includes(entity.subtype)) {
      context.addIssue({
        code: 'custom',
        path: ['subtype'],
        message: `a ${entity.type} has subtype ${allowed.join(', ')}; got '${entity.subtype}'`,
      });
    }
  });

/** A gazetteer file's top level. */
export const gazetteerFileSchema = z.strictObject({
  version: z.literal(gazetteerFormatVersion, {
    error: `must be ${gazetteerFormatVersion} (the gazetteer format this version of wirewatch reads)`,
  }),
  entities: z.array(gazetteerEntitySchema),
});

/** A ban or designation, validated. */
export type Designation = z.output<typeof designationSchema>;

/**
 * One entity: a stable `id`, its canonical English `name`, the `aliases` that match it in text,
 * `sharedAliases` (names it also goes by that belong to another entity under the ambiguity rule,
 * never matched for this one), and for places and bodies a `country` and a `parent` entity id.
 */
export type GazetteerEntity = z.output<typeof gazetteerEntitySchema>;
