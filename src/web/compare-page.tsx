/**
 * The compare page, `/compare?q=…&q=…`: up to four queries side by side — one timeline with a line
 * each, their totals and their top sources. More than four queries, or a malformed one, is a 400 page.
 */
import { AppError, isAppError } from '../core/errors.ts';
import type { ParsedQuery } from '../search/query-ast.ts';
import { parseQuery } from '../search/query-parser.ts';
import { buildTimeline } from '../search/search-timeline.ts';
import type { FacetCount, Store, TimelineInterval } from '../store/store.ts';
import { formatCount } from './chart-format.ts';
import { CompareChart, LegendSample } from './compare-chart.tsx';
import { Layout } from './layout.tsx';
import { ChartSwitches } from './chart-switches.tsx';
import { QueryErrorBox } from './query-error-box.tsx';
import { type RenderedPage, renderDocument } from './render-document.ts';
import {
  allValues,
  choice,
  firstValue,
  type IntervalChoice,
  intervalChoices,
  plainSearchHref,
  type ScaleChoice,
  scaleChoices,
} from './search-params.ts';
import type { TimelineData } from './timeline-chart.tsx';

/** The most queries one comparison takes. */
export const maxCompareQueries = 4;
/** How many top sources each query lists. */
const topSourceLimit = 5;
/** Interval widths from finest to coarsest, to pick one all the queries share. */
const intervalOrder: readonly TimelineInterval[] = ['day', 'week', 'month', 'year'];

/** What the compare page was asked for. */
interface CompareState {
  queries: string[];
  interval: IntervalChoice;
  scale: ScaleChoice;
}

/** One query's figures. */
interface ComparedQuery {
  q: string;
  total: number;
  sources: FacetCount[];
  timeline: TimelineData;
}

/** The link to a comparison with changed settings. */
function compareHref(state: CompareState, changes: Partial<CompareState>): string {
  const next = { ...state, ...changes };
  const params = new URLSearchParams();
  for (const q of next.queries) params.append('q', q);
  if (next.interval !== 'auto') params.set('interval', next.interval);
  if (next.scale !== 'share') params.set('scale', next.scale);
  return `/compare?${params.toString()}`;
}

/** Reads the query string, runs every query and renders the page (400 for a bad request). */
export async function showComparePage(store: Store, raw: Record<string, unknown>): Promise<RenderedPage> {
  const given = allValues(raw.q);
  const queries = given.filter((q) => q.trim() !== '');
  let state: CompareState = { queries: given.slice(0, maxCompareQueries), interval: 'auto', scale: 'share' };
  try {
    state = {
      queries,
      interval: choice('interval', firstValue(raw.interval), intervalChoices, 'auto'),
      scale: choice('scale', firstValue(raw.scale), scaleChoices, 'share'),
    };
    if (queries.length > maxCompareQueries) {
      throw new AppError(
        'REQUEST_INVALID',
        `compare takes at most ${maxCompareQueries} queries; this request has ${queries.length}`,
      );
    }
  } catch (error) {
    if (isAppError(error)) return renderCompare({ ...state, queries: queries.slice(0, 4) }, [], { error });
    throw error;
  }
  const parsed: ParsedQuery[] = [];
  for (const [index, q] of queries.entries()) {
    try {
      parsed.push(parseQuery(q));
    } catch (error) {
      if (isAppError(error) && error.status === 400) {
        return renderCompare(state, [], { error, query: q, label: `Query ${index + 1}` });
      }
      throw error;
    }
  }
  return renderCompare(state, await compareQueries(store, parsed, state.interval));
}

/** Totals, top sources and timelines of each query, all timelines on the same interval. */
async function compareQueries(
  store: Store,
  queries: ParsedQuery[],
  interval: IntervalChoice,
): Promise<ComparedQuery[]> {
  const timelines = await Promise.all(queries.map((query) => buildTimeline(store, query, interval)));
  // On `auto` each query may get its own width: redraw them all at the coarsest one chosen.
  const coarsest = intervalOrder[Math.max(0, ...timelines.map((t) => intervalOrder.indexOf(t.interval)))]!;
  const shared = await Promise.all(
    timelines.map((timeline, index) =>
      timeline.interval === coarsest ? timeline : buildTimeline(store, queries[index]!, coarsest),
    ),
  );
  return Promise.all(
    queries.map(async (query, index) => {
      const [page, facets] = await Promise.all([
        store.search({ query, sort: 'newest', page: 1, perPage: 1 }),
        store.facets(query, topSourceLimit),
      ]);
      return { q: query.source, total: page.total, sources: facets.sources, timeline: shared[index]! };
    }),
  );
}

/** What went wrong with the request, for the 400 page. */
interface CompareProblem {
  error: AppError;
  query?: string;
  label?: string;
}

function renderCompare(
  state: CompareState,
  compared: ComparedQuery[],
  problem?: CompareProblem,
): RenderedPage {
  const page = <ComparePage state={state} compared={compared} problem={problem} />;
  return { status: problem ? 400 : 200, html: renderDocument(page) };
}

function ComparePage(props: {
  state: CompareState;
  compared: ComparedQuery[];
  problem: CompareProblem | undefined;
}) {
  const { state, compared, problem } = props;
  return (
    <Layout title="Compare queries" current="compare">
      <h1>Compare queries</h1>
      <CompareForm state={state} />
      {problem ? (
        problem.query !== undefined ? (
          <QueryErrorBox error={problem.error} query={problem.query} label={problem.label} />
        ) : (
          <section class="query-error" role="alert">
            <h2>This comparison cannot be run</h2>
            <p class="query-error-message">{problem.error.message}</p>
          </section>
        )
      ) : compared.length === 0 ? (
        <p>Type up to four queries to see how often each one appears over time, side by side.</p>
      ) : (
        <CompareResults state={state} compared={compared} />
      )}
    </Layout>
  );
}

function CompareForm({ state }: { state: CompareState }) {
  return (
    <form class="compare-form" action="/compare" method="get">
      {Array.from({ length: maxCompareQueries }, (_, index) => (
        <p key={index} class="compare-field">
          <label for={`compare-q${index + 1}`}>{`Query ${index + 1}`}</label>
          <input
            id={`compare-q${index + 1}`}
            name="q"
            type="search"
            maxLength={1000}
            value={state.queries[index] ?? ''}
          />
        </p>
      ))}
      {state.interval !== 'auto' ? <input type="hidden" name="interval" value={state.interval} /> : null}
      {state.scale !== 'share' ? <input type="hidden" name="scale" value={state.scale} /> : null}
      <button type="submit">Compare</button>
    </form>
  );
}

function CompareResults({ state, compared }: { state: CompareState; compared: ComparedQuery[] }) {
  const interval = compared[0]?.timeline.interval ?? 'month';
  return (
    <>
      <section id="timeline" class="timeline" aria-labelledby="compare-timeline-heading">
        <h2 id="compare-timeline-heading">Over time</h2>
        <ChartSwitches
          scale={state.scale}
          interval={state.interval}
          hrefFor={(change) => compareHref(state, change)}
        />
        <CompareChart
          series={compared.map((one) => ({ label: one.q, buckets: one.timeline.buckets }))}
          interval={interval}
          scale={state.scale}
        />
        <ul class="legend" aria-label="Legend">
          {compared.map((one, index) => (
            <li key={index} class="legend-entry">
              <LegendSample index={index} /> {one.q}
            </li>
          ))}
        </ul>
      </section>
      <section class="compare-totals" aria-labelledby="compare-totals-heading">
        <h2 id="compare-totals-heading">Totals and top sources</h2>
        <table class="compare-table">
          <thead>
            <tr>
              <th scope="col">Query</th>
              <th scope="col" class="number">
                Articles
              </th>
              <th scope="col">Top sources</th>
            </tr>
          </thead>
          <tbody>
            {compared.map((one, index) => (
              <tr key={index} class="compared-query">
                <th scope="row">
                  <a href={plainSearchHref(one.q)}>{one.q}</a>
                </th>
                <td class="number">{formatCount(one.total)}</td>
                <td>
                  {one.sources.length === 0
                    ? '—'
                    : one.sources
                        .map((source) => `${source.value} (${formatCount(source.count)})`)
                        .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
