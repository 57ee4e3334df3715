/**
 * Editing a saved search: its name, query, webhook, sharing and digest, checked as saving checks
 * them (save-search.ts) before anything is stored, so a refused edit changes nothing. Only what
 * differs from the search as it is counts as a change, and each change is audited (`watch.change`).
 *
 * A new query keeps the search's position: it applies to the articles ingested from now on, the
 * archive is not searched again (no back-filled alerts), and the hits found so far stay. A webhook set
 * where there was none gets a new signing secret, shown once; a changed URL keeps its secret unless
 * asked to rotate it, and the deliveries still pending go to the new URL; a removed webhook's pending
 * deliveries are marked failed with the reason (see SavedSearchChanges). Who may edit is
 * saved-search-access.ts's rule (changeSearch); the command line, the operator's, edits any search.
 */
import { AppError, isAppError } from '../../core/errors.ts';
import { type AllowList, emptyAllowList } from '../../ingest/fetch/allow-list.ts';
import type { Actor } from '../../store/accounts.ts';
import type { SavedSearch, SavedSearchChanges } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';
import {
  checkSavedQuery,
  checkSearchName,
  checkWebhookField,
  parseDigest,
  SearchFieldError,
} from './save-search.ts';

/** What is asked to change, as typed; a field left out stays as it is. */
export interface SearchEdit {
  name?: string;
  query?: string;
  shared?: boolean;
  /** `none` or `daily`. */
  digest?: string;
  /** A new webhook URL; null or a blank string removes the webhook. */
  webhookUrl?: string | null;
  /** Give the webhook a new signing secret (it must have a webhook, or be given one). */
  rotateSecret?: boolean;
}

/** What an edit did. */
export interface SearchEditOutcome {
  /** The search as it is now. */
  search: SavedSearch;
  /** Each change in words ("query: Osh → Osh OR Bishkek", "webhook removed"); empty: nothing differed. */
  changes: string[];
  /** The webhook's new signing secret when the edit made one (shown only now), else null. */
  newWebhookSecret: string | null;
  /** Pending deliveries marked failed because the webhook was removed. */
  abandonedDeliveries: number;
  /** True when the query changed (then say queryChangeNote). */
  queryChanged: boolean;
}

/** What every front end says when a query changes. */
export const queryChangeNote =
  'the new query applies to articles ingested from now on: the archive is not searched again, and the hits found so far stay';

/**
 * Edits `search` as `actor` (audited; `ownerNote` is added to the audit detail when the actor is not
 * its owner). Refusals are SearchFieldErrors naming the field (the query's with the parser's column),
 * or WATCH_EXISTS (a name its owner already uses, as a SearchFieldError of `name`).
 */
export async function editSearch(
  store: Store,
  search: SavedSearch,
  edit: SearchEdit,
  actor: Actor,
  options: { allowPrivate?: AllowList; ownerNote?: string } = {},
): Promise<SearchEditOutcome> {
  const changes = checkedChanges(search, edit, options.allowPrivate ?? emptyAllowList);
  const words = describeChanges(search, changes);
  const unchanged = {
    search,
    changes: [],
    newWebhookSecret: null,
    abandonedDeliveries: 0,
    queryChanged: false,
  };
  if (words.length === 0) return unchanged;
  let updated: Awaited<ReturnType<Store['savedSearches']['update']>>;
  try {
    updated = await store.savedSearches.update(search.id, changes, {
      actor,
      action: 'watch.change',
      target: changes.name ?? search.name,
      detail: `${auditWords(search, changes).join(', ')}${options.ownerNote ?? ''}`.slice(0, 500),
    });
  } catch (error) {
    throw isAppError(error, 'WATCH_EXISTS') ? SearchFieldError.about('name', error) : error;
  }
  if (updated === null) throw new AppError('WATCH_NOT_FOUND', `no saved search #${search.id}`);
  const { newWebhookSecret, abandonedDeliveries, ...now } = updated;
  if (abandonedDeliveries > 0)
    words.push(
      `${abandonedDeliveries} pending deliver${abandonedDeliveries === 1 ? 'y' : 'ies'} marked failed (never sent)`,
    );
  return {
    search: now,
    changes: words,
    newWebhookSecret,
    abandonedDeliveries,
    queryChanged: changes.query !== undefined,
  };
}

/** The edit checked, keeping only what differs from `search`; nothing is stored before all pass. */
function checkedChanges(search: SavedSearch, edit: SearchEdit, allowPrivate: AllowList): SavedSearchChanges {
  const changes: SavedSearchChanges = {};
  if (edit.name !== undefined) {
    const name = checkSearchName(edit.name);
    if (name !== search.name) changes.name = name;
  }
  if (edit.query !== undefined && edit.query !== search.query) {
    checkSavedQuery(edit.query);
    changes.query = edit.query;
  }
  if (edit.webhookUrl !== undefined) {
    const url = checkWebhookField(edit.webhookUrl, allowPrivate);
    if (url !== search.webhookUrl) changes.webhookUrl = url;
  }
  if (edit.rotateSecret === true) {
    const webhook = changes.webhookUrl === undefined ? search.webhookUrl : changes.webhookUrl;
    if (webhook === null)
      throw new SearchFieldError(
        'rotateSecret',
        'WATCH_INVALID',
        'there is no webhook whose signing secret could be rotated: give a webhook URL too',
      );
    // A webhook that had none gets a new secret anyway: only an existing one is rotated.
    if (search.webhookUrl !== null) changes.rotateSecret = true;
  }
  if (edit.shared !== undefined && edit.shared !== search.shared) changes.shared = edit.shared;
  if (edit.digest !== undefined) {
    const digest = parseDigest(edit.digest);
    if (digest !== search.digest) changes.digest = digest;
  }
  return changes;
}

/** Each change in words, for the person who made it (who may see the webhook URL). */
function describeChanges(search: SavedSearch, changes: SavedSearchChanges): string[] {
  const words: string[] = [];
  if (changes.name !== undefined) words.push(`name: "${search.name}" → "${changes.name}"`);
  if (changes.query !== undefined) words.push(`query: ${search.query} → ${changes.query}`);
  if (changes.webhookUrl === null) words.push('webhook removed');
  else if (changes.webhookUrl !== undefined)
    words.push(
      search.webhookUrl === null
        ? `webhook: ${changes.webhookUrl}`
        : `webhook: ${search.webhookUrl} → ${changes.webhookUrl}`,
    );
  if (changes.rotateSecret) words.push('webhook signing secret rotated');
  if (changes.shared !== undefined) words.push(changes.shared ? 'shared' : 'private');
  if (changes.digest !== undefined) words.push(`digest ${changes.digest}`);
  return words;
}

/** Each change for the audit log: the webhook URL (often carrying the receiver's own key) left out. */
function auditWords(search: SavedSearch, changes: SavedSearchChanges): string[] {
  const words: string[] = [];
  if (changes.name !== undefined) words.push(`renamed from "${search.name}"`);
  if (changes.query !== undefined) words.push(`query: ${changes.query}`);
  if (changes.webhookUrl === null) words.push('webhook removed');
  else if (changes.webhookUrl !== undefined)
    words.push(search.webhookUrl === null ? 'webhook set' : 'webhook URL changed');
  if (changes.rotateSecret) words.push('webhook secret rotated');
  if (changes.shared !== undefined) words.push(changes.shared ? 'shared' : 'private');
  if (changes.digest !== undefined) words.push(`digest ${changes.digest}`);
  return words;
}
