/**
 * The events page, `/events?type=…&q=…&page=…`: event facts newest first — type, date, count, place,
 * target, actor, the sentence and the article — filtered by type and by a query (only the events of
 * the articles it matches), paged. A malformed query is shown back with a caret (400).
 */
import { type EntityRef, entityDirectory } from '../api/entities/entity-directory.ts';
import { listEventFacts, maxEventQueryArticles } from '../api/events/event-listing.ts';
import { AppError, isAppError } from '../core/errors.ts';
import { eventTypes } from '../search/query-metadata-fields.ts';
import type { ListedEvent } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { formatCount } from './chart-format.ts';
import { eventTypeLabel } from './enrichment-labels.ts';
import { EventList } from './event-list.tsx';
import { Layout } from './layout.tsx';
import { QueryErrorBox } from './query-error-box.tsx';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { choice, firstValue } from './search-params.ts';

/** Events per page. */
export const eventsPerPage = 25;
/** The deepest page: the listing serves offsets up to 100,000. */
const maxPage = 4_000;

/** What the page was asked for. */
export interface EventsState {
  q: string;
  /** An event type, or null for every type. */
  type: string | null;
  page: number;
}

/** Reads the query string; throws AppError (400) for an unknown type or a bad page number. */
export function readEventsState(query: Record<string, unknown>): EventsState {
  const type = choice('type', firstValue(query.type), ['all', ...eventTypes], 'all');
  const rawPage = firstValue(query.page);
  const page = rawPage === '' ? 1 : /^\d{1,7}$/.test(rawPage) ? Number(rawPage) : Number.NaN;
  if (!(page >= 1 && page <= maxPage)) {
    throw new AppError(
      'SEARCH_BAD_PAGE',
      `page must be a whole number from 1 to ${maxPage}, not "${rawPage}"`,
    );
  }
  return { q: firstValue(query.q), type: type === 'all' ? null : type, page };
}

/** The link to the events page for `state` with `changes`; defaults are left out. */
export function eventsHref(state: EventsState, changes: Partial<EventsState> = {}): string {
  const next = { ...state, ...changes };
  const params = new URLSearchParams();
  if (next.type !== null) params.set('type', next.type);
  if (next.q !== '') params.set('q', next.q);
  if (next.page !== 1) params.set('page', String(next.page));
  const text = params.toString();
  return text === '' ? '/events' : `/events?${text}`;
}

/** Lists the events `state` asks for; a malformed query gives the 400 page with the caret. */
export async function showEventsPage(store: Store, state: EventsState): Promise<RenderedPage> {
  try {
    const [list, directory] = await Promise.all([
      listEventFacts(store, {
        ...(state.type === null ? {} : { type: state.type }),
        q: state.q,
        limit: eventsPerPage,
        offset: (state.page - 1) * eventsPerPage,
      }),
      entityDirectory(store),
    ]);
    const page = (
      <EventsPage
        state={state}
        events={list.events}
        hasMore={list.hasMore}
        truncated={list.truncated}
        entityById={(id) => directory.byId.get(id)}
      />
    );
    return { status: 200, html: renderDocument(page) };
  } catch (error) {
    if (isAppError(error) && error.status === 400) return renderEventsError(error, state);
    throw error;
  }
}

/** The 400 page for a bad query or page on /events. */
export function renderEventsError(error: AppError, state: EventsState): RenderedPage {
  const page = (
    <Layout title="Events: query error" current="events">
      <h1>Events</h1>
      <EventsForm state={state} />
      <QueryErrorBox error={error} query={state.q} />
    </Layout>
  );
  return { status: 400, html: renderDocument(page) };
}

interface EventsPageProps {
  state: EventsState;
  events: ListedEvent[];
  hasMore: boolean;
  truncated: boolean;
  entityById: (id: number) => EntityRef | undefined;
}

function EventsPage({ state, events, hasMore, truncated, entityById }: EventsPageProps) {
  const first = (state.page - 1) * eventsPerPage + 1;
  return (
    <Layout title={state.q ? `Events: ${state.q}` : 'Events'} current="events">
      <h1>Events</h1>
      <EventsForm state={state} />
      {truncated ? (
        <p class="facet-note">
          {`The query matches more than ${formatCount(maxEventQueryArticles)} articles with events: the events of the newest ${formatCount(maxEventQueryArticles)} are listed. Narrow the query to reach older ones.`}
        </p>
      ) : null}
      {events.length === 0 ? (
        <p class="no-hits">
          {state.page > 1
            ? 'No more events.'
            : 'No event fact fits these filters. Events are read from articles as they are enriched.'}
        </p>
      ) : (
        <>
          <p
            class="viewing"
            id="viewing"
          >{`Events ${formatCount(first)} - ${formatCount(first + events.length - 1)}, newest article first`}</p>
          <EventList events={events} entityById={entityById} start={first} />
        </>
      )}
      {state.page > 1 || hasMore ? (
        <nav class="pager" aria-label="Event pages">
          <ul>
            {state.page > 1 ? (
              <li>
                <a rel="prev" href={eventsHref(state, { page: state.page - 1 })}>
                  ← Newer
                </a>
              </li>
            ) : null}
            <li>
              <span aria-current="page">{state.page}</span>
            </li>
            {hasMore ? (
              <li>
                <a rel="next" href={eventsHref(state, { page: state.page + 1 })}>
                  Older →
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

function EventsForm({ state }: { state: EventsState }) {
  return (
    <search>
      <form class="events-form filter-form" action="/events" method="get">
        <div class="filter-field">
          <label for="events-q">Articles matching</label>
          <input
            id="events-q"
            name="q"
            type="search"
            value={state.q}
            maxLength={1000}
            placeholder='place:"Jalal-Abad"'
          />
        </div>
        <div class="filter-field">
          <label for="events-type">Type</label>
          <select id="events-type" name="type">
            <option value="all" selected={state.type === null}>
              Every type
            </option>
            {eventTypes.map((type) => (
              <option key={type} value={type} selected={state.type === type}>
                {eventTypeLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show events</button>
      </form>
    </search>
  );
}
