/**
 * Saving a search: everything is checked before it is stored, so a saved search can always run. The
 * query must parse (the parser's own message and column come back), the name must be a name, a
 * webhook URL must be http(s) without credentials and must not name a private, loopback or
 * link-local address (169.254.169.254 is the cloud's metadata service) unless the operator's
 * WIREWATCH_ALLOW_PRIVATE allows it — the same guard ingestion uses; a host name is judged again
 * when each delivery resolves it. The same checks (checkSearchName, checkSavedQuery,
 * checkWebhookField, parseDigest) guard editing a search (edit-search.ts); each refusal is a
 * SearchFieldError naming the field at fault.
 */
import { randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { AppError, type ErrorCode, type ErrorLocation, isAppError } from '../../core/errors.ts';
import { judgeAddress } from '../../ingest/fetch/address-guard.ts';
import { type AllowList, emptyAllowList } from '../../ingest/fetch/allow-list.ts';
import { parseQuery } from '../../search/query-parser.ts';
import type { Actor } from '../../store/accounts.ts';
import { createWebhookSecret, type DigestSchedule, type SavedSearch } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';
import { findUser } from '../accounts/manage-accounts.ts';

const maxNameLength = 120;

/** The parts of a saved search its checks name when they refuse one (the API points at them). */
export type SearchField = 'name' | 'query' | 'webhookUrl' | 'digest' | 'rotateSecret';

/**
 * A saved search refused for one of its fields: the AppError it would be (same code, status, message
 * and, for a query, the parser's location), saying which field, so an API answer can point at it.
 */
export class SearchFieldError extends AppError {
  constructor(
    readonly field: SearchField,
    code: ErrorCode,
    message: string,
    options: { location?: ErrorLocation; cause?: unknown } = {},
  ) {
    super(code, message, options);
  }

  /** `error` as being about `field` (itself when it already names one). */
  static about(field: SearchField, error: AppError): SearchFieldError {
    if (error instanceof SearchFieldError) return error;
    return new SearchFieldError(field, error.code, error.message, {
      ...(error.location === undefined ? {} : { location: error.location }),
      cause: error,
    });
  }
}

/** The name as kept (trimmed); WATCH_INVALID when empty, too long or holding control characters. */
export function checkSearchName(text: string): string {
  const name = text.trim();
  if (name === '' || [...name].length > maxNameLength || /\p{Cc}/u.test(name))
    throw new SearchFieldError(
      'name',
      'WATCH_INVALID',
      `a saved search needs a name of 1 to ${maxNameLength} characters without control characters`,
    );
  return name;
}

/**
 * Checks that `query` can run: the parser's own error (its code, message and column) when it is
 * malformed, WATCH_INVALID when it holds nothing to search for.
 */
export function checkSavedQuery(query: string): void {
  let parsed: ReturnType<typeof parseQuery>;
  try {
    parsed = parseQuery(query);
  } catch (error) {
    throw error instanceof AppError ? SearchFieldError.about('query', error) : error;
  }
  if (parsed.root === null)
    throw new SearchFieldError(
      'query',
      'WATCH_INVALID',
      'a saved search needs a query: words, a phrase or a filter',
    );
}

/** A webhook URL as typed → as stored: null (none) for null, undefined or blank; else checkWebhookUrl. */
export function checkWebhookField(text: string | null | undefined, allowPrivate: AllowList): string | null {
  return text === undefined || text === null || text.trim() === ''
    ? null
    : checkWebhookUrl(text, allowPrivate);
}

export interface SaveSearchInput {
  ownerName: string;
  name: string;
  query: string;
  shared?: boolean;
  webhookUrl?: string | null;
  digest?: string;
}

export async function saveSearch(
  store: Store,
  input: SaveSearchInput,
  actor: Actor,
  options: { allowPrivate?: AllowList } = {},
): Promise<SavedSearch & { webhookSecret: string | null; feedKey: string }> {
  const name = checkSearchName(input.name);
  checkSavedQuery(input.query);
  const webhookUrl = checkWebhookField(input.webhookUrl, options.allowPrivate ?? emptyAllowList);
  const digest = parseDigest(input.digest ?? 'none');
  const owner = await findUser(store, input.ownerName);
  if (owner.role === 'viewer')
    throw new AppError(
      'AUTH_FORBIDDEN',
      `${owner.name} is a viewer: only analysts and admins keep saved searches`,
    );
  // The key webhook receivers check signatures with: made here, shown once (in the answer).
  const webhookSecret = webhookUrl === null ? null : createWebhookSecret();
  // The secret part of the search's own Atom feed URL, for a feed reader that cannot sign in.
  const feedKey = randomBytes(24).toString('base64url');
  let saved: SavedSearch;
  try {
    saved = await store.savedSearches.add(
      {
        ownerId: owner.id,
        name,
        query: input.query,
        shared: input.shared === true,
        webhookUrl,
        webhookSecret,
        feedKey,
        digest,
      },
      { actor, action: 'watch.add', target: name, detail: `${owner.name}: ${input.query}`.slice(0, 500) },
    );
  } catch (error) {
    // A name the owner already uses is the name's fault.
    throw isAppError(error, 'WATCH_EXISTS') ? SearchFieldError.about('name', error) : error;
  }
  return { ...saved, webhookSecret, feedKey };
}

export function parseDigest(value: string): DigestSchedule {
  if (value === 'none' || value === 'daily') return value;
  throw new SearchFieldError(
    'digest',
    'WATCH_INVALID',
    `"${value}" is not a digest schedule: use daily or none`,
  );
}

/** The webhook URL as stored; WATCH_INVALID naming what is wrong with it. */
export function checkWebhookUrl(text: string, allowPrivate: AllowList): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SearchFieldError(
      'webhookUrl',
      'WATCH_INVALID',
      `the webhook URL "${text.slice(0, 200)}" is not a URL`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SearchFieldError(
      'webhookUrl',
      'WATCH_INVALID',
      `the webhook URL must be http or https, not ${url.protocol}`,
    );
  if (url.username !== '' || url.password !== '')
    throw new SearchFieldError(
      'webhookUrl',
      'WATCH_INVALID',
      'the webhook URL must not carry a user name or password',
    );
  if (url.href.length > 2048)
    throw new SearchFieldError('webhookUrl', 'WATCH_INVALID', 'the webhook URL is over 2048 characters');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = ipaddr.isValid(host) ? ipaddr.process(host).toString() : null;
  if (literal !== null) {
    const verdict = judgeAddress(literal, allowPrivate);
    if (!verdict.allowed)
      throw new SearchFieldError(
        'webhookUrl',
        'WATCH_INVALID',
        `the webhook URL names a ${verdict.range} address (${literal}): deliveries never go to private addresses unless WIREWATCH_ALLOW_PRIVATE allows ${verdict.allowEntry}`,
      );
  } else if (
    /^localhost\.?$|\.localhost\.?$/i.test(host) &&
    !allowPrivate.matches(ipaddr.parse('127.0.0.1'))
  ) {
    throw new SearchFieldError(
      'webhookUrl',
      'WATCH_INVALID',
      `the webhook URL names this machine (${host}): deliveries never go to private addresses unless WIREWATCH_ALLOW_PRIVATE allows 127.0.0.1/32`,
    );
  }
  url.hash = '';
  return url.href;
}
