/**
 * The results page, `/search`: reads like the seed page (the date line, "Viewing results 1 - 10 of 31",
 * headlines over snippets cut with "..."), with a sort switch, numbered pages, facets that narrow the
 * search, a timeline, and the top words and sources of the results. A malformed query is shown back with
 * a caret under the bad column (400); no hits suggests dropping the narrowest clause. A signed-in analyst
 * or admin also gets a folded "Save this search" form (save-search-form.tsx) under the counts.
 */

import { wantsEntityFacets } from '../api/search/entity-facet-limit.ts';
import { type AppError, isAppError } from '../core/errors.ts';
import type { ParsedQuery } from '../search/query-ast.ts';
import { parseQuery } from '../search/query-parser.ts';
import { type SearchResults, searchArticles } from '../search/search-articles.ts';
import { buildTimeline } from '../search/search-timeline.ts';
import { findTopWords } from '../search/top-words.ts';
import type { EnrichmentFacets } from '../store/enrichment.ts';
import type { SearchFacets, Store } from '../store/store.ts';
import { type BroaderQuery, suggestBroaderQuery } from './broader-query.ts';
import { formatCount, formatShare } from './chart-format.ts';
import { ChartSwitches } from './chart-switches.tsx';
import { EntityFacetGroups } from './entity-facets.tsx';
import { FacetSidebar } from './facet-sidebar.tsx';
import { formatDay } from './format-date.ts';
import { HitList } from './hit-list.tsx';
import { Layout } from './layout.tsx';
import { ExpansionLine } from './match-reasons.tsx';
import { OptionSwitch } from './option-switch.tsx';
import { Pager } from './pager.tsx';
import { QueryErrorBox } from './query-error-box.tsx';
import { filterClause, narrowQuery, wordClause } from './query-text.ts';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { SaveSearchForm, valuesForQuery } from './save-search-form.tsx';
import { type SearchState, searchHref, storeSort } from './search-params.ts';
import { TimelineChart, type TimelineData } from './timeline-chart.tsx';

/** How many values each facet list shows. */
const facetLimit = 12;
/** How many top words are listed. */
const topWordLimit = 15;

/** Everything the results page shows once the search ran. */
interface SearchPageData {
  state: SearchState;
  today: Date;
  results: SearchResults;
  facets: SearchFacets | null;
  /** The entity, topic and event counts; null when the search is too broad to count them. */
  entityFacets: EnrichmentFacets | null;
  timeline: TimelineData | null;
  topWords: Array<{ word: string; count: number }>;
  broader: BroaderQuery | null;
  /** The session's form token when the reader may save searches (the form is shown); else absent. */
  saveForm?: { formToken: string } | undefined;
}

/**
 * Runs the search `state` asks for and renders the page; query and paging errors give a 400 page.
 * `saveForm` (an analyst's or admin's session) adds the "Save this search" form.
 */
export async function showSearchPage(
  store: Store,
  state: SearchState,
  today: Date,
  options: { saveForm?: { formToken: string } } = {},
): Promise<RenderedPage> {
  let query: ParsedQuery;
  let results: SearchResults;
  try {
    query = parseQuery(state.q);
    results = await searchArticles(store, {
      q: state.q,
      sort: storeSort(state.sort),
      page: state.page,
      perPage: state.perPage,
      ...(state.after === undefined ? {} : { after: state.after }),
    });
  } catch (error) {
    if (isAppError(error) && error.status === 400) return renderSearchError(error, state, today);
    throw error;
  }
  const found = results.total > 0;
  // Every count is fetched at once: on SQLite the read workers run them side by side.
  const [facets, entityFacets, timeline, topWords, broader] = await Promise.all([
    found ? store.facets(query, facetLimit) : null,
    wantsEntityFacets(results.total, query.root === null) ? store.enrichmentFacets(query, facetLimit) : null,
    found ? buildTimeline(store, query, state.interval) : null,
    found && query.root !== null ? findTopWords(store, query, topWordLimit) : [],
    found ? null : suggestBroaderQuery(store, query),
  ]);
  const page = (
    <SearchPage
      {...{ state, today, results, facets, entityFacets, timeline, topWords, broader }}
      saveForm={options.saveForm}
    />
  );
  return { status: 200, html: renderDocument(page) };
}

/** The 400 page for a malformed query or bad paging: the message, and the caret when it has a column. */
export function renderSearchError(error: AppError, state: SearchState, today: Date): RenderedPage {
  const page = (
    <Layout title="Query error" q={state.q}>
      <h1 class="visually-hidden">Query error</h1>
      <p class="date-line">{formatDay(today)}</p>
      <QueryErrorBox error={error} query={state.q} />
    </Layout>
  );
  return { status: 400, html: renderDocument(page) };
}

/** The "Viewing results" line, exact as the seed shows it. */
export function viewingLine(results: Pick<SearchResults, 'first' | 'last' | 'total'>): string {
  if (results.total === 0) return 'No results';
  if (results.first === 0) return `No results on this page (there are ${formatCount(results.total)})`;
  return `Viewing results ${results.first} - ${results.last} of ${results.total}`;
}

function SearchPage(data: SearchPageData) {
  const { state, results } = data;
  const hrefForQuery = (q: string) => searchHref(state, { q, page: 1 });
  const title = state.q.trim() === '' ? 'Latest articles' : `${state.q} — search`;
  return (
    <Layout
      title={title}
      q={state.q}
      current={state.q.trim() === '' ? 'search' : undefined}
      exportQuery={state.q}
      head={<SearchHeadLinks state={state} results={results} />}
      sidebar={
        data.facets ? (
          <FacetSidebar facets={data.facets} query={results.query} href={hrefForQuery}>
            <EntityFacetGroups facets={data.entityFacets} query={results.query} href={hrefForQuery} />
          </FacetSidebar>
        ) : undefined
      }
    >
      <h1 class="visually-hidden">
        {state.q.trim() === '' ? 'Latest articles' : `Search results for ${state.q}`}
      </h1>
      <p class="date-line">{formatDay(data.today)}</p>
      <p class="viewing" id="viewing">
        {viewingLine(results)}
      </p>
      <ExpansionLine expansions={results.expansions} />
      {data.saveForm && state.q.trim() !== '' ? (
        <details class="save-search" id="save-search">
          <summary>Save this search</summary>
          <p class="account-help">
            New articles matching it are then listed in your inbox as they arrive (see{' '}
            <a href="/watch">your saved searches</a>).
          </p>
          <SaveSearchForm
            formToken={data.saveForm.formToken}
            values={valuesForQuery(state.q)}
            queryField="hidden"
          />
        </details>
      ) : null}
      {results.total === 0 ? (
        <NoHits q={state.q} broader={data.broader} hrefForQuery={hrefForQuery} />
      ) : (
        <>
          <OptionSwitch
            label="Sort by"
            className="sort-switch"
            current={state.sort}
            options={[
              {
                value: 'relevance',
                label: 'relevance',
                href: searchHref(state, { sort: 'relevance', page: 1 }),
              },
              { value: 'date', label: 'newest first', href: searchHref(state, { sort: 'date', page: 1 }) },
              {
                value: 'oldest',
                label: 'oldest first',
                href: searchHref(state, { sort: 'oldest', page: 1 }),
              },
            ]}
          />
          {data.timeline ? <TimelineSection state={state} timeline={data.timeline} /> : null}
          {results.first === 0 ? (
            <p>
              <a href={searchHref(state, { page: 1 })}>Go to the first page</a>
            </p>
          ) : (
            <HitList hits={results.hits} first={results.first} />
          )}
          <Pager
            page={results.page}
            perPage={state.perPage}
            total={results.total}
            href={(page) => searchHref(state, { page })}
            nextHref={nextPageHref(state, results)}
          />
          <Overview data={data} hrefForQuery={hrefForQuery} />
        </>
      )}
    </Layout>
  );
}

/**
 * The "next" link by cursor for the date orders (`after=` the last hit, so page 500 costs what page 1
 * does); undefined for relevance, which ranks every match whatever the page and pages by number.
 */
export function nextPageHref(state: SearchState, results: SearchResults): string | undefined {
  if (results.sort === 'relevance' || results.next === null) return undefined;
  return searchHref(state, { page: results.page + 1, after: results.next });
}

function SearchHeadLinks({ state, results }: { state: SearchState; results: SearchResults }) {
  const feed = `/search.atom?${new URLSearchParams({ q: state.q }).toString()}`;
  const last = Math.ceil(results.total / state.perPage);
  const page = results.page;
  return (
    <>
      <link
        rel="alternate"
        type="application/atom+xml"
        title={`wirewatch: ${state.q || 'latest'}`}
        href={feed}
      />
      {page > 1 && page <= last ? <link rel="prev" href={searchHref(state, { page: page - 1 })} /> : null}
      {page < last ? (
        <link rel="next" href={nextPageHref(state, results) ?? searchHref(state, { page: page + 1 })} />
      ) : null}
    </>
  );
}

function TimelineSection({ state, timeline }: { state: SearchState; timeline: TimelineData }) {
  return (
    <section id="timeline" class="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Over time</h2>
      <ChartSwitches
        scale={state.scale}
        interval={state.interval}
        hrefFor={(change) => searchHref(state, change)}
      />
      <TimelineChart timeline={timeline} scale={state.scale} />
    </section>
  );
}

function Overview({ data, hrefForQuery }: { data: SearchPageData; hrefForQuery: (q: string) => string }) {
  const query = data.results.query;
  const sources = data.facets?.sources.slice(0, 5) ?? [];
  return (
    <section class="overview" aria-labelledby="overview-heading">
      <h2 id="overview-heading">In these results</h2>
      {data.topWords.length > 0 ? (
        <div class="top-words">
          <h3>Top words</h3>
          <ul>
            {data.topWords.map((entry) => {
              const clause = wordClause(entry.word);
              return (
                <li key={entry.word}>
                  {clause ? <a href={hrefForQuery(narrowQuery(query, clause))}>{entry.word}</a> : entry.word}{' '}
                  <span class="count">{entry.count}</span>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {sources.length > 0 ? (
        <div class="top-sources">
          <h3>Top sources</h3>
          <ul>
            {sources.map((entry) => {
              const clause = filterClause('source', entry.value);
              return (
                <li key={entry.value}>
                  {clause ? (
                    <a href={hrefForQuery(narrowQuery(query, clause))}>{entry.value}</a>
                  ) : (
                    entry.value
                  )}{' '}
                  <span class="count">{`${formatCount(entry.count)} (${formatShare(entry.count / data.results.total)})`}</span>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function NoHits(props: { q: string; broader: BroaderQuery | null; hrefForQuery: (q: string) => string }) {
  if (props.q.trim() === '') {
    return (
      <p class="no-hits">
        The archive is empty: import articles with <code>wirewatch import FILE</code>.
      </p>
    );
  }
  return (
    <div class="no-hits">
      <p>{`Nothing in the archive matches “${props.q}”.`}</p>
      {props.broader ? (
        <p class="suggestion">
          {'Without '}
          <code>{props.broader.dropped}</code>
          {' there are '}
          <a
            href={props.hrefForQuery(props.broader.q)}
          >{`${formatCount(props.broader.total)} results for ${props.broader.q || 'the whole archive'}`}</a>
          .
        </p>
      ) : (
        <p class="suggestion">
          Try fewer words, OR between alternatives, or a prefix such as <code>extrem*</code>.
        </p>
      )}
    </div>
  );
}
