/**
 * The sources page, `/sources`: each source with its article count, the date of its latest article
 * and its outlet type (set by an admin: `wirewatch sources type`), and the feeds the archive follows with the state of each: last fetch and its outcome,
 * the error of a failing feed (flagged once it has failed for a day), the next fetch.
 */
import type { SourceSummary } from '../core/article.ts';
import { safeExternalUrl } from '../core/canonical-url.ts';
import { outletTypes } from '../core/outlet-types.ts';
import { isFailing } from '../ingest/schedule/fetch-schedule.ts';
import type { Store } from '../store/store.ts';
import type { Subscription } from '../store/subscriptions.ts';
import { formatCount } from './chart-format.ts';
import { formatDay, isoDay } from './format-date.ts';
import { Layout } from './layout.tsx';
import { filterClause } from './query-text.ts';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { plainSearchHref } from './search-params.ts';

/** Lists every source, most articles first. */
export async function showSourcesPage(store: Store, now: Date = new Date()): Promise<RenderedPage> {
  const [listed, feeds] = await Promise.all([store.listSources(), store.subscriptions.list()]);
  const sources = [...listed].sort((a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name));
  return { status: 200, html: renderDocument(<SourcesPage sources={sources} feeds={feeds} now={now} />) };
}

function SourcesPage({
  sources,
  feeds,
  now,
}: {
  sources: SourceSummary[];
  feeds: Subscription[];
  now: Date;
}) {
  return (
    <Layout title="Sources" current="sources">
      <h1>Sources</h1>
      <FeedsTable feeds={feeds} now={now} />
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

/** The followed feeds and how each is doing. */
function FeedsTable({ feeds, now }: { feeds: Subscription[]; now: Date }) {
  if (feeds.length === 0) {
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
        </tr>
      </thead>
      <tbody>
        {feeds.map((feed) => (
          <FeedRow key={feed.id} feed={feed} now={now} />
        ))}
      </tbody>
    </table>
  );
}

function FeedRow({ feed, now }: { feed: Subscription; now: Date }) {
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
