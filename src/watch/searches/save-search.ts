/**
 * Saving a search: everything is checked before it is stored, so a saved search can always run. The
 * query must parse (the parser's own message and column come back), the name must be a name, a
 * webhook URL must be http(s) without credentials and must not name a private, loopback or
 * link-local address (169.254.169.254 is the cloud's metadata service) unless the operator's
 * WIREWATCH_ALLOW_PRIVATE allows it — the same guard ingestion uses; a host name is judged again
 * when each delivery resolves it.
 */
import { randomBytes } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../core/errors.ts';
import { judgeAddress } from '../../ingest/fetch/address-guard.ts';
import { type AllowList, emptyAllowList } from '../../ingest/fetch/allow-list.ts';
import { parseQuery } from '../../search/query-parser.ts';
import type { Actor } from '../../store/accounts.ts';
import type { DigestSchedule, SavedSearch } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';
import { findUser } from '../accounts/manage-accounts.ts';

const maxNameLength = 120;

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
  const name = input.name.trim();
  if (name === '' || [...name].length > maxNameLength || /\p{Cc}/u.test(name))
    throw new AppError(
      'WATCH_INVALID',
      `a saved search needs a name of 1 to ${maxNameLength} characters without control characters`,
    );
  const parsed = parseQuery(input.query);
  if (parsed.root === null)
    throw new AppError('WATCH_INVALID', 'a saved search needs a query: words, a phrase or a filter');
  const webhookUrl =
    input.webhookUrl === undefined || input.webhookUrl === null || input.webhookUrl === ''
      ? null
      : checkWebhookUrl(input.webhookUrl, options.allowPrivate ?? emptyAllowList);
  const digest = parseDigest(input.digest ?? 'none');
  const owner = await findUser(store, input.ownerName);
  if (owner.role === 'viewer')
    throw new AppError(
      'AUTH_FORBIDDEN',
      `${owner.name} is a viewer: only analysts and admins keep saved searches`,
    );
  // The key webhook receivers check signatures with: made here, shown once (in the answer).
  const webhookSecret = webhookUrl === null ? null : randomBytes(32).toString('base64url');
  // The secret part of the search's own Atom feed URL, for a feed reader that cannot sign in.
  const feedKey = randomBytes(24).toString('base64url');
  const saved = await store.savedSearches.add(
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
  return { ...saved, webhookSecret, feedKey };
}

export function parseDigest(value: string): DigestSchedule {
  if (value === 'none' || value === 'daily') return value;
  throw new AppError('WATCH_INVALID', `"${value}" is not a digest schedule: use daily or none`);
}

/** The webhook URL as stored; WATCH_INVALID naming what is wrong with it. */
export function checkWebhookUrl(text: string, allowPrivate: AllowList): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('WATCH_INVALID', `the webhook URL "${text.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('WATCH_INVALID', `the webhook URL must be http or https, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new AppError('WATCH_INVALID', 'the webhook URL must not carry a user name or password');
  if (url.href.length > 2048) throw new AppError('WATCH_INVALID', 'the webhook URL is over 2048 characters');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = ipaddr.isValid(host) ? ipaddr.process(host).toString() : null;
  if (literal !== null) {
    const verdict = judgeAddress(literal, allowPrivate);
    if (!verdict.allowed)
      throw new AppError(
        'WATCH_INVALID',
        `the webhook URL names a ${verdict.range} address (${literal}): deliveries never go to private addresses unless WIREWATCH_ALLOW_PRIVATE allows ${verdict.allowEntry}`,
      );
  } else if (
    /^localhost\.?$|\.localhost\.?$/i.test(host) &&
    !allowPrivate.matches(ipaddr.parse('127.0.0.1'))
  ) {
    throw new AppError(
      'WATCH_INVALID',
      `the webhook URL names this machine (${host}): deliveries never go to private addresses unless WIREWATCH_ALLOW_PRIVATE allows 127.0.0.1/32`,
    );
  }
  url.hash = '';
  return url.href;
}
