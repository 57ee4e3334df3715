/**
 * The sources page, `/sources`: each source with its article count, the date of its latest article
 * and its outlet type (set by an admin: `wirewatch sources type`), and the feeds the archive follows with the state of each: last fetch and its outcome,
 * the error of a failing feed (flagged once it has failed for a day), the next fetch. A signed-in
 * admin's page also has a form to follow a feed and a button per feed to stop following it (each with
 * the session's form token; source-routes.ts handles them); nobody else is shown either.
 */
import type { SourceSummary } from '../core/article.ts';
import { safeExternalUrl } from '../core/canonical-url.ts';
import { outletTypes } from '../core/outlet-types.ts';
import { isFailing } from '../ingest/schedule/fetch-schedule.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions.ts';
import { formatCount } from './chart-format.ts';
import { FormOutcome } from './form-outcome.tsx';
import { formatDay, isoDay } from './format-date.ts';
import { Layout } from './layout.tsx';
import { filterClause } from './query-text.ts';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { plainSearchHref } from './search-params.ts';

/** What the follow form holds when it is shown again (after a refusal). */
export interface FollowFormValues {
  url: string;
  name: string;
  interval: string;
}

/** An admin's view of the page: the forms, their session's token, and what the last form did. */
export interface SourcesManagement {
  formToken: string;
  notice?: string;
  error?: string;
  form?: FollowFormValues;
}

/** Lists every source, most articles first (with the admin's forms when `manage` is given). */
export async function showSourcesPage(
  store: Store,
  now: Date = new Date(),
  manage?: SourcesManagement,
  status = 200,
): Promise<RenderedPage> {
  const [listed, feeds] = await Promise.all([store.listSources(), store.subscriptions.list()]);
  const sources = [...listed].sort((a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name));
  return {
    status,
    html: renderDocument(<SourcesPage sources={sources} feeds={feeds} now={now} manage={manage} />),
  };
}

function SourcesPage({
  sources,
  feeds,
  now,
  manage,
}: {
  sources: SourceSummary[];
  feeds: Subscription[];
  now: Date;
  manage: SourcesManagement | undefined;
}) {
  return (
    <Layout title="Sources" current="sources">
      <h1>Sources</h1>
      <FormOutcome error={manage?.error} notice={manage?.notice} />
      <FeedsTable feeds={feeds} now={now} formToken={manage?.formToken} />
      {manage ? <FollowForm formToken={manage.formToken} values={manage.form} /> : null}
      {sources.length === 0 ? (
        <p>
          The archive has no sources yet: import articles with <code>wirewatch import FILE</code>.
        </p>
      ) : (
        <SourcesTable
          sources={sources}
          caption={`${formatCount(sources.length)} sources in the archive`}
          withTypes
        />
      )}
    </Layout>
  );
}

/** Sources with their article counts and latest article (and outlet type), each linking to its search. */
export function SourcesTable({
  sources,
  caption,
  withTypes = false,
}: {
  sources: SourceSummary[];
  caption?: string;
  withTypes?: boolean;
}) {
  return (
    <table class="sources-table">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col" class="number">
            Articles
          </th>
          <th scope="col">Latest article</th>
          {withTypes ? <th scope="col">Outlet type</th> : null}
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => (
          <SourceRow key={source.id} source={source} withType={withTypes} />
        ))}
      </tbody>
    </table>
  );
}

/** One row: the name links to the search for the source's articles. */
export function SourceRow({ source, withType = false }: { source: SourceSummary; withType?: boolean }) {
  const clause = filterClause('source', source.name);
  const day = isoDay(source.lastPublishedAt);
  return (
    <tr class="source">
      <th scope="row">{clause ? <a href={plainSearchHref(clause)}>{source.name}</a> : source.name}</th>
      <td class="number">{formatCount(source.articleCount)}</td>
      <td>{day ? <time datetime={day}>{formatDay(source.lastPublishedAt)}</time> : 'undated'}</td>
      {withType ? (
        <td class="source-type">
          {source.outletType === null ? (
            '—'
          ) : (
            <abbr title={outletTypes[source.outletType]}>{source.outletType}</abbr>
          )}
        </td>
      ) : null}
    </tr>
  );
}

/** An admin's form to follow a feed (or the feed a site links to). */
function FollowForm({ formToken, values }: { formToken: string; values: FollowFormValues | undefined }) {
  return (
    <section aria-labelledby="follow-feed">
      <h2 id="follow-feed">Follow a feed</h2>
      <form class="account-form" method="post" action="/sources/add">
        <input type="hidden" name="_csrf" value={formToken} />
        <label class="account-field">
          Feed or site address
          <input
            name="url"
            type="url"
            required
            maxLength={2048}
            value={values?.url ?? ''}
            placeholder="https://outlet.example/feed.xml"
            autocomplete="off"
          />
        </label>
        <label class="account-field">
          File its articles under (optional; default: the feed’s title)
          <input name="name" maxLength={200} value={values?.name ?? ''} autocomplete="off" />
        </label>
        <label class="account-field">
          Minutes between fetches (optional; default 30)
          <input
            name="interval"
            type="number"
            min={1}
            max={10080}
            value={values?.interval ?? ''}
            autocomplete="off"
          />
        </label>
        <button type="submit">Follow</button>
        <span class="account-help">
          The address is fetched and read first; a page is followed through the feed it links to. Loopback,
          private and cloud metadata addresses are refused unless the operator allows them.
        </span>
      </form>
    </section>
  );
}

/** The followed feeds and how each is doing (with a button each to stop following when `formToken` is given). */
function FeedsTable({
  feeds,
  now,
  formToken,
}: {
  feeds: Subscription[];
  now: Date;
  formToken: string | undefined;
}) {
  if (feeds.length === 0) {
    if (formToken !== undefined) return <p class="feeds-none">No feeds followed yet.</p>;
    return (
      <p class="feeds-none">
        No feeds followed yet: <code>wirewatch sources add URL</code> or{' '}
        <code>wirewatch sources import FILE.opml</code>.
      </p>
    );
  }
  const failing = feeds.filter((feed) => isFailing(feed.failingSince, now)).length;
  return (
    <table class="feeds-table">
      <caption>
        {`${formatCount(feeds.length)} followed feeds`}
        {failing > 0 ? `, ${failing} failing for a day or more` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Feed</th>
          <th scope="col">Last fetch</th>
          <th scope="col">Outcome</th>
          <th scope="col">Next fetch</th>
          <th scope="col" class="number">
            Articles
          </th>
          {formToken === undefined ? null : <th scope="col">Manage</th>}
        </tr>
      </thead>
      <tbody>
        {feeds.map((feed) => (
          <FeedRow key={feed.id} feed={feed} now={now} formToken={formToken} />
        ))}
      </tbody>
    </table>
  );
}

function FeedRow({ feed, now, formToken }: { feed: Subscription; now: Date; formToken: string | undefined }) {
  const link = safeExternalUrl(feed.feedUrl);
  const flagged = isFailing(feed.failingSince, now);
  return (
    <tr class={flagged ? 'feed feed-failing' : 'feed'}>
      <th scope="row">
        {feed.sourceName}
        <br />
        <span class="feed-url">
          {link ? (
            <a href={link} rel="noopener noreferrer nofollow">
              {feed.feedUrl}
            </a>
          ) : (
            feed.feedUrl
          )}
        </span>
      </th>
      <td>
        {feed.lastFetchAt ? (
          <time datetime={feed.lastFetchAt}>{formatMoment(feed.lastFetchAt)}</time>
        ) : (
          'never'
        )}
      </td>
      <td>
        {feed.lastFetchAt === null
          ? 'waiting for its first fetch'
          : feed.lastError === null
            ? `OK (HTTP ${feed.lastStatus ?? '—'})${warningsNote(feed.lastWarnings)}`
            : `${flagged ? 'FAILING' : 'failed'} ${feed.consecutiveFailures}× since ${formatMoment(feed.failingSince!)}: ${feed.lastError}`}
      </td>
      <td>
        <time datetime={feed.nextFetchAt}>{formatMoment(feed.nextFetchAt)}</time>
      </td>
      <td class="number">{formatCount(feed.articleCount)}</td>
      {formToken === undefined ? null : (
        <td>
          <form class="admin-inline-form" method="post" action="/sources/remove">
            <input type="hidden" name="_csrf" value={formToken} />
            <input type="hidden" name="feed" value={String(feed.id)} />
            <button type="submit" aria-label={`Stop following ${feed.feedUrl}`}>
              Stop following
            </button>
          </form>
        </td>
      )}
    </tr>
  );
}

/** ", 2 warnings: the feed is cut short …" after a fetch that worked with problems. */
function warningsNote(warnings: string[]): string {
  if (warnings.length === 0) return '';
  return `, ${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}: ${warnings[0]}${warnings.length > 1 ? ' …' : ''}`;
}

/** `12 May 2025 09:30 UTC`: when a fetch happened or will. */
function formatMoment(iso: string): string {
  return `${formatDay(iso)} ${iso.slice(11, 16)} UTC`;
}
