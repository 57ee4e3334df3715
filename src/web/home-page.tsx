/**
 * The front page, `/`: the search box (in the header, as on every page) with the query language in a
 * few lines, the size of the archive, the latest articles as the seed page lists them, and the sources.
 */
import type { ArchiveStats, SourceSummary } from '../core/article.ts';
import { type SearchResults, searchArticles } from '../search/search-articles.ts';
import type { Store } from '../store/store.ts';
import { formatCount } from './chart-format.ts';
import { formatDay } from './format-date.ts';
import { HitList } from './hit-list.tsx';
import { Layout } from './layout.tsx';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { SourcesTable } from './sources-page.tsx';

/** How many latest articles and sources the front page lists. */
const latestCount = 10;
const sourceCount = 10;

/** Renders the front page. */
export async function showHomePage(store: Store, today: Date): Promise<RenderedPage> {
  const [latest, stats, sources] = await Promise.all([
    searchArticles(store, { q: '', sort: 'newest', perPage: latestCount, snippetLength: 200 }),
    store.stats(),
    store.listSources(),
  ]);
  const topSources = [...sources].sort((a, b) => b.articleCount - a.articleCount).slice(0, sourceCount);
  const page = <HomePage today={today} latest={latest} stats={stats} sources={topSources} />;
  return { status: 200, html: renderDocument(page) };
}

interface HomePageProps {
  today: Date;
  latest: SearchResults;
  stats: ArchiveStats;
  sources: SourceSummary[];
}

function HomePage({ today, latest, stats, sources }: HomePageProps) {
  return (
    <Layout title="News archive" current="home">
      <h1>wirewatch</h1>
      <p class="date-line">{formatDay(today)}</p>
      <section class="archive-size" aria-labelledby="archive-heading">
        <h2 id="archive-heading">The archive</h2>
        <p>
          {`${formatCount(stats.articleCount)} articles from ${formatCount(stats.sourceCount)} sources`}
          {stats.firstPublishedAt && stats.lastPublishedAt
            ? `, published ${formatDay(stats.firstPublishedAt)} – ${formatDay(stats.lastPublishedAt)}.`
            : '.'}
        </p>
        <p class="query-help">
          Search with words, "exact phrases", OR, -exclusions, prefixes such as <code>extrem*</code>, and
          filters: <code>source:"Name"</code> <code>lang:ru</code> <code>after:2024-01</code>{' '}
          <code>date:2025-05</code>. Compare queries over time on the <a href="/compare">compare page</a>.
        </p>
      </section>
      <section class="latest" aria-labelledby="latest-heading">
        <h2 id="latest-heading">Latest articles</h2>
        {latest.hits.length === 0 ? (
          <p>
            The archive is empty: import articles with <code>wirewatch import FILE</code>.
          </p>
        ) : (
          <>
            <HitList hits={latest.hits} first={1} level={3} />
            <p>
              <a href="/search?q=&sort=date">All articles, newest first</a>
            </p>
          </>
        )}
      </section>
      {sources.length > 0 ? (
        <section class="home-sources" aria-labelledby="sources-heading">
          <h2 id="sources-heading">Sources</h2>
          <SourcesTable sources={sources} />
          <p>
            <a href="/sources">Every source</a>
          </p>
        </section>
      ) : null}
    </Layout>
  );
}
