/** Event facts as the API's JSON. */
import type { FoundEvent, ListedEvent } from '../../store/enrichment.ts';
import type { EntityRef } from '../entities/entity-directory.ts';
import type { EventFactResponse, ListedEventResponse } from './event-schema.ts';

/** Finds the entity of an id (the entity directory's byId), for the place an event names. */
export type EntityById = (id: number) => EntityRef | undefined;

/** One fact. */
export function presentEventFact(event: FoundEvent, entityById: EntityById): EventFactResponse {
  const place = event.placeEntityId === undefined ? undefined : entityById(event.placeEntityId);
  return {
    type: event.type,
    count: event.count ?? null,
    actor: event.actor ?? null,
    target: event.target ?? null,
    place: event.place ?? null,
    place_entity: place === undefined ? null : { slug: place.slug, name: place.name },
    date: event.date ?? null,
    sentence: event.sentence,
  };
}

/** A fact with its article. */
export function presentListedEvent(event: ListedEvent, entityById: EntityById): ListedEventResponse {
  return {
    id: event.id,
    ...presentEventFact(event, entityById),
    article: {
      id: event.articleId,
      title: event.articleTitle,
      source: event.source,
      published_at: event.publishedAt,
      links: { self: `/api/v1/articles/${event.articleId}`, html: `/articles/${event.articleId}` },
    },
  };
}
