/**
 * The metadata fields of a query (`source:`, `lang:`, `after:`, `before:`, `date:`, and enrichment's
 * `org:` `person:` `place:` `country:` `topic:` `event:`): checked and turned into FilterNode and
 * DateRangeNode for query-parser.ts.
 */
import { AppError } from '../core/errors.ts';
import type { DateRangeNode, FilterField, FilterNode, Span } from './query-ast.ts';
import { knownFieldNames, type QueryToken } from './query-lexer.ts';

/** Every metadata filter field. */
export const filterFields: readonly FilterField[] = [
  'source',
  'lang',
  'org',
  'person',
  'place',
  'country',
  'topic',
  'event',
];
const enrichmentFields: readonly string[] = ['org', 'person', 'place', 'country', 'topic', 'event'];
/** The event types enrichment extracts (src/enrich/events/), the values `event:` takes. */
export const eventTypes: readonly string[] = ['arrest', 'attack', 'conviction', 'repatriation', 'ban'];
const dateFields: readonly DateField[] = ['after', 'before', 'date'];
const fieldExamples: Readonly<Record<string, string>> = {
  source: 'source:"Times of Central Asia"',
  lang: 'lang:ru',
  after: 'after:2024-01-01',
  before: 'before:2024-06',
  date: 'date:2025',
  org: 'org:"Hizb ut-Tahrir"',
  person: 'person:Tokayev',
  place: 'place:"Jalal-Abad"',
  country: 'country:Kyrgyzstan',
  topic: 'topic:terrorism',
  event: 'event:arrest',
};

function fieldError(
  code: 'QUERY_UNKNOWN_FIELD' | 'QUERY_FIELD_UNAVAILABLE' | 'QUERY_BAD_FIELD_VALUE',
  message: string,
  token: QueryToken,
): AppError {
  return new AppError(code, message, { location: { column: token.column, length: token.length } });
}

/**
 * Builds the node for a field that is not title:/text:/body:, given the token glued to its colon
 * (if any). Throws QUERY_UNKNOWN_FIELD, QUERY_FIELD_UNAVAILABLE (a filter field not in `enabled`),
 * QUERY_BAD_FIELD_VALUE (no value, a group, a bad value) or QUERY_BAD_DATE.
 */
export function parseMetadataField(
  field: QueryToken & { kind: 'field' },
  glued: QueryToken | undefined,
  enabled: ReadonlySet<FilterField>,
): FilterNode | DateRangeNode {
  if (!knownFieldNames.includes(field.name)) {
    const known = knownFieldNames.map((name) => `${name}:`).join(' ');
    throw fieldError(
      'QUERY_UNKNOWN_FIELD',
      `unknown field "${field.name}:" at column ${field.column}; known fields are ${known}. To search for the text itself, put it in quotes: "${field.text}…"`,
      field,
    );
  }
  const filterField = filterFields.find((name) => name === field.name);
  if (filterField && !enabled.has(filterField)) {
    const why = enrichmentFields.includes(filterField)
      ? 'needs entity enrichment, which this archive does not have yet'
      : 'is not enabled in this archive';
    throw fieldError(
      'QUERY_FIELD_UNAVAILABLE',
      `the ${field.name}: field ${why} (column ${field.column})`,
      field,
    );
  }
  if (glued?.kind !== 'value' && glued?.kind !== 'phrase') {
    const example = fieldExamples[field.name] ?? `${field.name}:"…"`;
    const problem =
      glued?.kind === 'open' ? 'takes a single value, not a group' : 'needs a value right after the colon';
    throw fieldError(
      'QUERY_BAD_FIELD_VALUE',
      `${field.text} at column ${field.column} ${problem}, e.g. ${example}`,
      field,
    );
  }
  const value = {
    quoted: glued.kind === 'phrase',
    value: glued.value,
    column: glued.column,
    length: glued.length,
  };
  const span = { column: field.column, length: glued.column + glued.length - field.column };
  const dateField = dateFields.find((name) => name === field.name);
  if (dateField) return parseDateRange(dateField, value, span);
  // knownFieldNames holds only text, date and filter fields, and text fields never get here.
  return parseFilterValue(filterField ?? 'source', value, span);
}

/** The value after a metadata field: bare (`bbc.com`, `times*`) or quoted (`"Times of Central Asia"`). */
export interface FieldValue {
  quoted: boolean;
  value: string;
  /** Where the value is, without the field name, for an error caret under just the value. */
  column: number;
  length: number;
}

/** The fields that take a date. */
export type DateField = 'after' | 'before' | 'date';

/**
 * Builds a FilterNode. A bare value ending in `*` is a prefix (`source:times*`); in a quoted value
 * the star is part of the name. `lang:` must be a 2- or 3-letter code and is lower-cased.
 */
export function parseFilterValue(field: FilterField, token: FieldValue, span: Span): FilterNode {
  let value = token.value;
  let prefix = false;
  if (!token.quoted && value.endsWith('*')) {
    value = value.replace(/\*+$/, '');
    prefix = true;
  }
  if (field === 'lang') {
    value = value.toLowerCase();
    if (prefix || !/^[a-z]{2,3}$/.test(value)) {
      throw new AppError(
        'QUERY_BAD_FIELD_VALUE',
        `bad language at column ${token.column}: lang: wants a 2- or 3-letter code such as en or ru, not "${token.value}"`,
        { location: { column: token.column, length: token.length } },
      );
    }
  }
  if (field === 'event') {
    value = value.toLowerCase();
    if (prefix || !eventTypes.includes(value)) {
      throw new AppError(
        'QUERY_BAD_FIELD_VALUE',
        `bad event type at column ${token.column}: event: takes one of ${eventTypes.join(', ')}, not "${token.value}"`,
        { location: { column: token.column, length: token.length } },
      );
    }
  }
  if (field === 'topic') value = value.toLowerCase();
  if (value === '') {
    throw new AppError(
      'QUERY_BAD_FIELD_VALUE',
      `${field}: needs a value before the * at column ${token.column}, e.g. ${field}:times*`,
      {
        location: { column: token.column, length: token.length },
      },
    );
  }
  return { kind: 'filter', field, value, prefix, span };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Turns `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into a half-open range: `after:X` from the first day of X,
 * `before:X` up to (excluding) the first day of X, `date:X` over the whole of X.
 */
export function parseDateRange(field: DateField, token: FieldValue, span: Span): DateRangeNode {
  const value = token.value;
  const fail = (why: string): AppError =>
    new AppError('QUERY_BAD_DATE', `bad date at column ${token.column}: ${field}: ${why}`, {
      location: { column: token.column, length: token.length },
    });
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) throw fail(`wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not "${value}"`);
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (year < 1900 || year > 2100) throw fail(`wants a year between 1900 and 2100, not ${match[1]}`);
  if (month !== undefined && (month < 1 || month > 12)) throw fail(`has no month ${match[2]}: "${value}"`);
  const monthIndex = (month ?? 1) - 1;
  const start = Date.UTC(year, monthIndex, day ?? 1);
  // Date.UTC rolls 2024-02-30 over into March: a changed month, or day 00, means no such date.
  if (day !== undefined && (day < 1 || new Date(start).getUTCMonth() !== monthIndex)) {
    throw fail(`has a date that does not exist: ${value}`);
  }
  let end: number;
  if (day !== undefined) end = Date.UTC(year, monthIndex, day + 1);
  else if (month !== undefined) end = Date.UTC(year, month, 1);
  else end = Date.UTC(year + 1, 0, 1);
  if (field === 'after') return { kind: 'date', field, from: isoDay(start), span };
  if (field === 'before') return { kind: 'date', field, to: isoDay(start), span };
  return { kind: 'date', field, from: isoDay(start), to: isoDay(end), span };
}
