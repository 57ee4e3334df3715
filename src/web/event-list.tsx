/**
 * Event facts as the desk lists them (the events page, an entity's page, an article's page): type,
 * date, count, place, target and actor as a short list of facts, then the sentence they were read
 * from, then the article when it is another page's. Every value is article text: escaped by preact.
 */
import type { EntityRef } from '../api/entities/entity-directory.ts';
import type { FoundEvent, ListedEvent } from '../store/enrichment.ts';
import { formatCount } from './chart-format.ts';
import { entityHref } from './enrichment-clause.ts';
import { eventTypeLabel } from './enrichment-labels.ts';
import { formatDay, formatMonth, isoDay } from './format-date.ts';

/** What the list needs: the events, and how to find the gazetteer place an event points at. */
export interface EventListProps {
  events: Array<FoundEvent | ListedEvent>;
  entityById: (id: number) => EntityRef | undefined;
  /** The number of the first event (on later pages of a list). */
  start?: number;
}

function isListed(event: FoundEvent | ListedEvent): event is ListedEvent {
  return 'articleId' in event;
}

/** The ordered list of events. */
export function EventList({ events, entityById, start = 1 }: EventListProps) {
  return (
    <ol class="events" start={start}>
      {events.map((event, index) => (
        <EventItem key={isListed(event) ? event.id : index} event={event} entityById={entityById} />
      ))}
    </ol>
  );
}

function EventItem({
  event,
  entityById,
}: {
  event: FoundEvent | ListedEvent;
  entityById: EventListProps['entityById'];
}) {
  const place = event.placeEntityId === undefined ? undefined : entityById(event.placeEntityId);
  return (
    <li class="event">
      <dl class="event-facts">
        <div>
          <dt>Type</dt>
          <dd class="event-type">{eventTypeLabel(event.type)}</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>
            <EventDate event={event} />
          </dd>
        </div>
        {event.count === undefined ? null : (
          <div>
            <dt>Count</dt>
            <dd class="event-count">{formatCount(event.count)}</dd>
          </div>
        )}
        {event.place === undefined && place === undefined ? null : (
          <div>
            <dt>Place</dt>
            <dd>{place ? <a href={entityHref(place.slug)}>{event.place ?? place.name}</a> : event.place}</dd>
          </div>
        )}
        {event.target === undefined ? null : (
          <div>
            <dt>Target</dt>
            <dd>{event.target}</dd>
          </div>
        )}
        {event.actor === undefined ? null : (
          <div>
            <dt>Actor</dt>
            <dd>{event.actor}</dd>
          </div>
        )}
      </dl>
      <blockquote class="event-sentence">
        <p>{event.sentence}</p>
      </blockquote>
      {isListed(event) ? <EventArticle event={event} /> : null}
    </li>
  );
}

/** A date a sentence states, as precise as it is: `11 March 2025`, `Mar 2025`, `2003`; null if not a date. */
export function formatStatedDate(date: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return formatDay(`${date}T00:00:00Z`);
  if (/^\d{4}-\d{2}$/.test(date)) return formatMonth(date);
  return /^\d{4}$/.test(date) ? date : null;
}

/** The date the sentence states; else the article's publication date, said to be that. */
function EventDate({ event }: { event: FoundEvent | ListedEvent }) {
  const stated = event.date === undefined ? null : formatStatedDate(event.date);
  if (stated !== null) return <time datetime={event.date}>{stated}</time>;
  const published = isListed(event) ? isoDay(event.publishedAt) : undefined;
  if (!published || !isListed(event)) return <>not stated</>;
  return (
    <>
      <time datetime={published}>{formatDay(event.publishedAt)}</time> (article date)
    </>
  );
}

function EventArticle({ event }: { event: ListedEvent }) {
  const day = isoDay(event.publishedAt);
  return (
    <p class="event-article">
      <a href={`/articles/${event.articleId}`}>{event.articleTitle}</a>
      <span class="hit-meta">
        {` · ${event.source} · `}
        {day ? <time datetime={day}>{formatDay(event.publishedAt)}</time> : 'undated'}
      </span>
    </p>
  );
}
