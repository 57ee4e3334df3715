/**
 * The saved-search pages of the watch desk: `/watch` lists the searches a user may see (their own and
 * the shared ones; an admin's, every one), 50 a page by owner and name, with the query linked to its
 * results, owner, last run, hits, the reader's own unread alerts and how the webhook deliveries stand,
 * with its owner's (or an admin's) forms to share it or make it private, turn its daily digest on or
 * off and remove it, and holds the form that saves a new one; `/watch/ID` shows one search's recent
 * hits (why each alerted or not, read or not by the reader) and its webhook deliveries with every
 * attempt, and to its owner or an admin the form that edits its name, query and webhook
 * (edit-search-form.tsx). A search's feed key and webhook URL are shown to its owner (and the URL to
 * admins); a webhook secret only in the answer that saved the search or made it by an edit. Per user
 * and never cached; every form carries the session's form token.
 */
import type { Article } from '../core/article.ts';
import type { Delivery, DeliveryAttempt, SavedSearch, SavedSearchHit } from '../store/saved-searches.ts';
import type { DeliverySummary, SearchViewer } from '../watch/searches/saved-search-access.ts';
import { mayManage } from '../watch/searches/saved-search-access.ts';
import {
  type EditFormError,
  type EditFormValues,
  EditSearchForm,
  valuesOfSearch,
} from './edit-search-form.tsx';
import { Layout } from './layout.tsx';
import { Pager } from './pager.tsx';
import { renderDocument } from './render-document.ts';
import { type SaveFormValues, SaveSearchForm } from './save-search-form.tsx';
import { plainSearchHref } from './search-params.ts';
import { Messages, type WatchMessages } from './watch-messages.tsx';

export type { WatchMessages } from './watch-messages.tsx';

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** `12 May 2025, 08:00 UTC` in a `<time>`, or `none` when there is no time. */
function When({ at, none = '—' }: { at: string | null; none?: string }) {
  if (at === null) return <>{none}</>;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <>{none}</>;
  return <time datetime={date.toISOString()}>{`${timeFormat.format(date)} UTC`}</time>;
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/** The path of a search's Atom feed; with its key (for a feed reader that cannot sign in) for its owner. */
export function feedPath(searchId: number, feedKey: string | null): string {
  return `/watch/${searchId}/feed.atom${feedKey === null ? '' : `?key=${encodeURIComponent(feedKey)}`}`;
}

/** "inbox, daily digest, webhook: 2 pending, 1 failed, 5 sent". */
export function describeDeliveries(search: SavedSearch, summary: DeliverySummary | null): string {
  const parts = ['inbox'];
  if (search.digest === 'daily') parts.push('daily digest');
  if (summary !== null) {
    const counts = [`${summary.pending} pending`, `${summary.failed} failed`, `${summary.sent} sent`].join(
      ', ',
    );
    parts.push(`webhook: ${counts}${summary.partial ? ' (of the newest 1,000)' : ''}`);
  }
  return parts.join(', ');
}

/** One listed search, with what the list shows beside it. */
export interface ListedSearch {
  search: SavedSearch;
  deliveries: DeliverySummary | null;
  /** The feed key, for the search's owner only; else null. */
  feedKey: string | null;
}

/** `/watch`: the searches `user` may see, and (for an analyst or admin) the form that saves one. */
export function renderWatchListPage(
  props: WatchMessages & {
    user: SearchViewer;
    /** This page's searches. */
    searches: ListedSearch[];
    /** Which page this is (from 1), how many a page holds, and how many `user` may see, own included. */
    paging: { page: number; perPage: number; total: number; own: number };
    formToken: string;
    /** The save form's values; absent for a user who may not keep saved searches. */
    form?: SaveFormValues;
  },
): string {
  const { user, paging } = props;
  const { total, own } = paging;
  const first = (paging.page - 1) * paging.perPage + 1;
  const shown =
    total > paging.perPage && props.searches.length > 0
      ? ` Showing ${first.toLocaleString('en-GB')}–${(first + props.searches.length - 1).toLocaleString('en-GB')}, by owner and name.`
      : '';
  return renderDocument(
    <Layout title="Saved searches">
      <h1>Saved searches</h1>
      <Messages messages={props} />
      <p id="watch-count">
        {total === 0
          ? 'No saved searches you may see yet.'
          : `${plural(total, 'saved search', 'saved searches')} you may see, ${own.toLocaleString('en-GB')} your own${user.role === 'admin' ? ' (an admin sees every one)' : ''}.${shown}`}{' '}
        Their new hits worth an alert are in your <a href="/inbox">inbox</a>.
      </p>
      {props.searches.length > 0 ? (
        <table class="admin-table watch-table">
          <caption class="visually-hidden">Saved searches</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Query</th>
              <th scope="col">Owner</th>
              <th scope="col">Shared</th>
              <th scope="col">Last run</th>
              <th scope="col" class="number">
                Hits
              </th>
              <th scope="col" class="number">
                Unread
              </th>
              <th scope="col">Deliveries</th>
              <th scope="col">Feed and changes</th>
            </tr>
          </thead>
          <tbody>
            {props.searches.map(({ search, deliveries, feedKey }) => (
              <tr key={search.id} class="watch-search" id={`search-${search.id}`}>
                <th scope="row">
                  <a href={`/watch/${search.id}`}>{search.name}</a>
                </th>
                <td>
                  <a href={plainSearchHref(search.query)}>
                    <code>{search.query}</code>
                  </a>
                </td>
                <td>{search.ownerId === user.id ? `${search.ownerName} (you)` : search.ownerName}</td>
                <td>{search.shared ? 'shared' : 'private'}</td>
                <td>
                  <When at={search.lastRunAt} none="not yet" />
                </td>
                <td class="number">{`${search.hits} (${search.alerts} alert${search.alerts === 1 ? '' : 's'})`}</td>
                <td class="number watch-unread">{String(search.unreadHits)}</td>
                <td class="watch-deliveries">{describeDeliveries(search, deliveries)}</td>
                <td>
                  {feedKey !== null ? (
                    <a class="watch-feed" href={feedPath(search.id, feedKey)}>
                      Atom feed (private URL)
                    </a>
                  ) : (
                    <a class="watch-feed" href={feedPath(search.id, null)}>
                      Atom feed
                    </a>
                  )}
                  {mayManage(search, user) ? (
                    <ManageForms search={search} formToken={props.formToken} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pager
        page={paging.page}
        perPage={paging.perPage}
        total={total}
        href={(page) => (page === 1 ? '/watch' : `/watch?page=${page}`)}
      />
      {props.form !== undefined ? (
        <section aria-labelledby="save-heading">
          <h2 id="save-heading">Save a search</h2>
          <p class="account-help">
            Or search first and use “Save this search” on the results. A malformed query is refused with the
            place it goes wrong; a webhook never goes to a private address.
          </p>
          <SaveSearchForm formToken={props.formToken} values={props.form} queryField="text" />
        </section>
      ) : (
        <p class="account-help">Viewers read the shared searches; analysts and admins save their own.</p>
      )}
    </Layout>,
  );
}

/** The forms of its owner or an admin: share or make private, digest on or off, remove. */
function ManageForms({ search, formToken }: { search: SavedSearch; formToken: string }) {
  const change = `/watch/${search.id}/change`;
  return (
    <div class="watch-manage">
      <form class="admin-inline-form" method="post" action={change}>
        <input type="hidden" name="_csrf" value={formToken} />
        <input type="hidden" name="shared" value={search.shared ? '0' : '1'} />
        <button type="submit">{search.shared ? 'Make private' : 'Share with the team'}</button>
      </form>
      <form class="admin-inline-form" method="post" action={change}>
        <input type="hidden" name="_csrf" value={formToken} />
        <input type="hidden" name="digest" value={search.digest === 'daily' ? 'none' : 'daily'} />
        <button type="submit">
          {search.digest === 'daily' ? 'Stop the daily digest' : 'Start a daily digest'}
        </button>
      </form>
      <form class="admin-inline-form" method="post" action={`/watch/${search.id}/remove`}>
        <input type="hidden" name="_csrf" value={formToken} />
        <button type="submit">{`Remove “${search.name}”`}</button>
      </form>
    </div>
  );
}

/** `/watch/ID`: one search, its recent hits and its webhook deliveries with their attempts. */
export function renderWatchSearchPage(props: {
  user: SearchViewer;
  search: SavedSearch;
  hits: { hit: SavedSearchHit; article: Article | null }[];
  deliveries: { delivery: Delivery; attempts: DeliveryAttempt[] }[];
  /** The feed key, for the search's owner only; else null. */
  feedKey: string | null;
  formToken: string;
  /** After an edit: what changed, or why not. */
  messages?: WatchMessages;
  /** The edit form as typed, when an edit was refused (else it shows the search as it is). */
  edit?: { values: EditFormValues; problem?: EditFormError };
}): string {
  const { search, user } = props;
  const manages = mayManage(search, user);
  return renderDocument(
    <Layout title={`${search.name} — saved search`}>
      <p>
        <a href="/watch">Saved searches</a>
      </p>
      <h1>{search.name}</h1>
      <Messages messages={props.messages ?? {}} />
      <dl class="account-facts watch-facts">
        <dt>Query</dt>
        <dd>
          <a href={plainSearchHref(search.query)}>
            <code>{search.query}</code>
          </a>
        </dd>
        <dt>Owner</dt>
        <dd>{search.ownerName}</dd>
        <dt>Shared</dt>
        <dd>{search.shared ? 'shared with the team' : 'private'}</dd>
        <dt>Saved</dt>
        <dd>
          <When at={search.createdAt} />
        </dd>
        <dt>Last run</dt>
        <dd>
          <When at={search.lastRunAt} none="not yet" />
        </dd>
        <dt>Hits</dt>
        <dd id="watch-hit-count">{`${plural(search.hits, 'hit')}, ${plural(search.alerts, 'alert')}, ${search.unreadHits} unread by you`}</dd>
        <dt>Digest</dt>
        <dd>{search.digest === 'daily' ? 'daily, by e-mail' : 'none'}</dd>
        <dt>Webhook</dt>
        <dd>
          {search.webhookUrl === null
            ? 'none'
            : manages
              ? search.webhookUrl
              : 'yes (its URL is shown to its owner)'}
        </dd>
        <dt>Atom feed</dt>
        <dd>
          <a href={feedPath(search.id, props.feedKey)}>
            {props.feedKey !== null ? 'private URL (opens without signing in)' : 'for signed-in readers'}
          </a>
        </dd>
      </dl>
      {manages ? <ManageForms search={search} formToken={props.formToken} /> : null}
      {manages ? (
        <details class="watch-edit" open={props.edit !== undefined}>
          <summary>Edit this search</summary>
          <EditSearchForm
            searchId={search.id}
            formToken={props.formToken}
            values={props.edit?.values ?? valuesOfSearch(search)}
            problem={props.edit?.problem}
          />
        </details>
      ) : null}

      <section aria-labelledby="hits-heading">
        <h2 id="hits-heading">Recent hits</h2>
        <p class="account-help">
          {props.hits.length === 0
            ? 'No hits yet: new articles are matched as they arrive.'
            : `The newest ${props.hits.length} of ${search.hits}. An alert is the first hit of its story, or a copy that brings something new.`}
        </p>
        {props.hits.length > 0 ? (
          <ol class="inbox watch-hits">
            {props.hits.map(({ hit, article }) => (
              <li
                key={hit.articleId}
                class={hit.alert && hit.readAt === null ? 'inbox-entry unread' : 'inbox-entry'}
              >
                <p class="inbox-search">
                  {hit.alert ? (
                    hit.readAt === null ? (
                      <strong>New alert · </strong>
                    ) : (
                      'Alert, read · '
                    )
                  ) : (
                    'No alert · '
                  )}
                  <span class="watch-why">{hit.why}</span>
                </p>
                <h3 class="inbox-title">
                  <a href={`/articles/${hit.articleId}`}>
                    {article?.title ?? `Article ${hit.articleId} (removed)`}
                  </a>
                </h3>
                <p class="inbox-meta">
                  {article?.source ?? ''}
                  {article?.publishedAt ? ` · ${article.publishedAt.slice(0, 10)}` : ''} · found{' '}
                  <When at={hit.foundAt} />
                </p>
              </li>
            ))}
          </ol>
        ) : null}
      </section>

      {search.webhookUrl !== null || props.deliveries.length > 0 ? (
        <section aria-labelledby="deliveries-heading">
          <h2 id="deliveries-heading">Webhook deliveries</h2>
          {props.deliveries.length === 0 ? (
            <p>No deliveries yet: each alert is posted when it is found.</p>
          ) : (
            <table class="admin-table watch-deliveries-table">
              <caption class="visually-hidden">Webhook deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Delivery</th>
                  <th scope="col">Article</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                </tr>
              </thead>
              <tbody>
                {props.deliveries.map(({ delivery, attempts }) => (
                  <tr key={delivery.id} class={`watch-delivery ${delivery.state}`}>
                    <th scope="row">{`#${delivery.id}`}</th>
                    <td>
                      <a href={`/articles/${delivery.articleId}`}>{`#${delivery.articleId}`}</a>
                      <br />
                      <span class="account-help">{delivery.why}</span>
                    </td>
                    <td>
                      <DeliveryState delivery={delivery} />
                    </td>
                    <td>
                      <AttemptList count={delivery.attempts} attempts={attempts} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </Layout>,
  );
}

function DeliveryState({ delivery }: { delivery: Delivery }) {
  return (
    <>
      <span class="delivery-state">{delivery.state}</span>
      {delivery.state === 'sent' ? (
        <>
          {' '}
          <When at={delivery.sentAt} />
        </>
      ) : null}
      {delivery.lastStatus !== null ? `, last answer ${delivery.lastStatus}` : ''}
      {delivery.lastError ? `, ${delivery.lastError}` : ''}
      {delivery.state === 'pending' ? (
        <>
          , next try <When at={delivery.nextAttemptAt} />
        </>
      ) : null}
    </>
  );
}

function AttemptList({ count, attempts }: { count: number; attempts: DeliveryAttempt[] }) {
  if (attempts.length === 0) return <>{count === 0 ? 'none yet' : plural(count, 'attempt')}</>;
  return (
    <ol class="watch-attempts">
      {attempts.map((attempt) => (
        <li key={attempt.at}>
          <When at={attempt.at} />
          {` · ${attempt.status ?? 'no answer'} · ${Math.round(attempt.ms)} ms`}
          {attempt.error ? ` · ${attempt.error}` : ''}
        </li>
      ))}
    </ol>
  );
}
