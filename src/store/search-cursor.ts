/**
 * Search-after paging shared by both stores and the search service: checking a cursor before it
 * reaches SQL, and the opaque token that carries a cursor in URLs (`after=…`, the API's `next`).
 *
 * The token is base64url JSON with a version: `{v: 1, s: sort, n: offset, d: publishedAt, i: id}`.
 * `n` is how many results come before the page the token leads to (it numbers the results, and is
 * the offset itself for relevance, which pages by number); `d`/`i` are the last hit's sort key for
 * the date orders. Anything garbled or tampered with is refused with SEARCH_BAD_CURSOR (400).
 */
import { AppError } from '../core/errors.ts';
import { maxResultOffset, type SearchCursor, type SortOrder } from './store.ts';

/** The token format's version; a change of format bumps it and old tokens are refused clearly. */
const tokenVersion = 1;

/** The longest token accepted (a real one is about 90 characters). */
export const maxCursorTokenLength = 300;

/** The dates both stores give back: `toISOString()` form, UTC with milliseconds. */
const isoDate = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Where a token leads: the order it belongs to, how many results precede it, and the keyset. */
export interface CursorPosition {
  sort: SortOrder;
  /** Results before the page it leads to (0-based index of that page's first hit). */
  offset: number;
  /** The last hit's sort key for date orders; null for relevance (paged by offset). */
  after: SearchCursor | null;
}

function badCursor(detail: string): AppError {
  return new AppError(
    'SEARCH_BAD_CURSOR',
    `the "after" cursor is not valid (${detail}); follow the "next" link of a results page, or page by number`,
  );
}

/** True for a date the stores could have given back. */
function isStoredDate(value: unknown): value is string {
  return typeof value === 'string' && isoDate.test(value) && !Number.isNaN(Date.parse(value));
}

/** Throws SEARCH_BAD_CURSOR unless `cursor` is a well-formed date-order position. */
export function checkSearchCursor(cursor: SearchCursor): void {
  if (!Number.isSafeInteger(cursor.id) || cursor.id < 1) throw badCursor('its id is not a positive integer');
  if (cursor.publishedAt !== null && !isStoredDate(cursor.publishedAt))
    throw badCursor('its date is not an ISO timestamp');
}

/** The opaque token for a position. */
export function encodeCursorToken(position: CursorPosition): string {
  const body: Record<string, unknown> = { v: tokenVersion, s: position.sort, n: position.offset };
  if (position.after) {
    body.d = position.after.publishedAt;
    body.i = position.after.id;
  }
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Reads a token back; throws SEARCH_BAD_CURSOR for anything a store did not hand out. */
export function decodeCursorToken(token: string): CursorPosition {
  if (token.length > maxCursorTokenLength || !/^[A-Za-z0-9_-]+$/.test(token))
    throw badCursor('it is not a cursor token');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('it does not decode');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badCursor('it does not decode');
  const { v, s, n, d, i } = body as Record<string, unknown>;
  if (v !== tokenVersion) throw badCursor('it is from another version of wirewatch');
  if (s !== 'relevance' && s !== 'newest' && s !== 'oldest') throw badCursor('it names no known order');
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
    throw badCursor('its position is not valid');
  if (s === 'relevance') {
    if (d !== undefined || i !== undefined) throw badCursor('a relevance cursor carries no sort key');
    if (n > maxResultOffset) throw badCursor('its position is past the deepest page');
    return { sort: s, offset: n, after: null };
  }
  if (d !== null && typeof d !== 'string') throw badCursor('its date is not an ISO timestamp');
  const after = { publishedAt: d, id: i as number };
  checkSearchCursor(after);
  return { sort: s, offset: n, after };
}
