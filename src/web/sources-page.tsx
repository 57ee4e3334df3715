/** The sources page, `/sources`: each source with its article count and the date of its latest article. */
import type { SourceSummary } from '../core/article.ts';
import type { Store } from '../store/store.ts';
import { formatCount } from './chart-format.ts';
import { formatDay, isoDay } from './format-date.ts';
import { Layout } from './layout.tsx';
import { filterClause } from './query-text.ts';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { plainSearchHref } from './search-params.ts';

/** Lists every source, most articles first. */
export async function showSourcesPage(store: Store): Promise<RenderedPage> {
  const sources = [...(await store.listSources())].sort(
    (a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name),
  );
  return { status: 200, html: renderDocument(<SourcesPage sources={sources} />) };
}

function SourcesPage({ sources }: { sources: SourceSummary[] }) {
  return (
    <Layout title="Sources" current="sources">
      <h1>Sources</h1>
      {sources.length === 0 ? (
        <p>
          The archive has no sources yet: import articles with <code>wirewatch import FILE</code>.
        </p>
      ) : (
        <SourcesTable sources={sources} caption={`${formatCount(sources.length)} sources in the archive`} />
      )}
    </Layout>
  );
}

/** Sources with their article counts and latest article, each linking to its search. */
export function SourcesTable({ sources, caption }: { sources: SourceSummary[]; caption?: string }) {
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
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => (
          <SourceRow key={source.id} source={source} />
        ))}
      </tbody>
    </table>
  );
}

/** One row: the name links to the search for the source's articles. */
export function SourceRow({ source }: { source: SourceSummary }) {
  const clause = filterClause('source', source.name);
  const day = isoDay(source.lastPublishedAt);
  return (
    <tr class="source">
      <th scope="row">{clause ? <a href={plainSearchHref(clause)}>{source.name}</a> : source.name}</th>
      <td class="number">{formatCount(source.articleCount)}</td>
      <td>{day ? <time datetime={day}>{formatDay(source.lastPublishedAt)}</time> : 'undated'}</td>
    </tr>
  );
}
