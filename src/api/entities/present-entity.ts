/** Entities as the API's JSON. */
import type { EntityCount } from '../../store/enrichment.ts';
import { presentListedEvent } from '../events/present-event.ts';
import type { EntityDirectory, EntityRef } from './entity-directory.ts';
import type { EntityProfile } from './entity-profile.ts';
import type { EntityRefResponse, EntityResponse } from './entity-schema.ts';

/** The API path of an entity. */
export function entityApiPath(slug: string): string {
  return `/api/v1/entities/${encodeURIComponent(slug)}`;
}

/** A link to an entity. */
export function presentEntityRef(entity: EntityRef): EntityRefResponse {
  return {
    slug: entity.slug,
    name: entity.name,
    type: entity.type,
    links: { self: entityApiPath(entity.slug), html: `/entities/${encodeURIComponent(entity.slug)}` },
  };
}

/** An entity's profile. */
export function presentEntity(profile: EntityProfile, directory: EntityDirectory): EntityResponse {
  const { entity } = profile;
  return {
    ...presentEntityRef(entity),
    subtype: entity.subtype ?? null,
    origin: entity.origin,
    country:
      profile.country === null
        ? null
        : {
            code: profile.country.code,
            name: profile.country.name,
            slug: profile.country.entity?.slug ?? null,
          },
    parent: profile.parent === null ? null : presentEntityRef(profile.parent),
    aliases: profile.spellings.flatMap((group) => group.spellings),
    spellings: profile.spellings,
    designations: profile.designations.map((designation) => ({
      by: designation.by,
      by_name: designation.byName,
      as: designation.as,
      since: designation.since ?? null,
      until: designation.until ?? null,
      note: designation.note ?? null,
    })),
    note: profile.note,
    mentions_by_month: profile.months,
    co_mentioned: profile.coMentioned.map((other: EntityCount) => ({
      ...presentEntityRef(other),
      count: other.count,
    })),
    latest_articles: profile.latestArticles.map((article) => ({
      id: article.id,
      title: article.title,
      source: article.source,
      published_at: article.publishedAt,
      published_at_estimated: article.publishedAtEstimated,
      language: article.language,
      links: { self: `/api/v1/articles/${article.id}`, html: `/articles/${article.id}` },
    })),
    events: profile.events.map((event) => presentListedEvent(event, (id) => directory.byId.get(id))),
  };
}
