/**
 * Everything `wirewatch entities show` tells about one entity, read from the archive: what the
 * gazetteer says (type, country, parent, spellings, who bans or designates it), and what the
 * enriched articles say (mentions per month, the entities named beside it, the latest articles
 * and event facts). The same object is printed as text or as JSON.
 */
import { type Designation, readDesignations } from '../api/entities/entity-profile.ts';
import type { EntityCount, ListedEvent, MonthCount } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import type { ResolvedEntity } from './resolve-entity.ts';

/** Co-mentioned entities, latest articles and latest events shown. */
export const profileListLength = 10;

/** A ban or designation of a group: read and checked as the desk and the API read it (readDesignations). */
export type { Designation };

/** An article naming the entity. */
export interface ProfileArticle {
  id: number;
  publishedAt: string | null;
  source: string;
  title: string;
}

/** The entity and what the archive knows of it. */
export interface EntityProfile {
  slug: string;
  name: string;
  type: string;
  subtype: string | null;
  country: string | null;
  parent: { slug: string; name: string } | null;
  origin: string;
  /** The slug the user asked for, when it had been merged into this entity. */
  mergedFrom: string | null;
  /** Other spellings (the name left out). */
  aliases: string[];
  designations: Designation[];
  note: string | null;
  /** Articles naming it (dated ones), per month, oldest first. */
  mentionsByMonth: MonthCount[];
  coMentioned: EntityCount[];
  latestArticles: ProfileArticle[];
  latestEvents: ListedEvent[];
}

/** Reads the profile of a resolved entity. */
export async function readEntityProfile(store: Store, resolved: ResolvedEntity): Promise<EntityProfile> {
  const { entity } = resolved;
  const parent = entity.parentSlug === undefined ? null : await store.enrichment.getEntity(entity.parentSlug);
  const [months, coMentioned, articleIds, events] = await Promise.all([
    store.enrichment.mentionsByMonth(entity.id),
    store.enrichment.coMentioned(entity.id, profileListLength),
    store.enrichment.articlesNaming(entity.id, profileListLength),
    store.enrichment.listEvents({ entityId: entity.id, limit: profileListLength }),
  ]);
  const latestArticles: ProfileArticle[] = [];
  for (const id of articleIds) {
    const article = await store.getArticle(id);
    if (article !== null)
      latestArticles.push({
        id: article.id,
        publishedAt: article.publishedAt,
        source: article.source,
        title: article.title,
      });
  }
  const note = entity.details?.note;
  return {
    slug: entity.slug,
    name: entity.name,
    type: entity.type,
    subtype: entity.subtype ?? null,
    country: entity.country ?? null,
    parent: parent === null ? null : { slug: parent.slug, name: parent.name },
    origin: entity.origin,
    mergedFrom: resolved.mergedFrom ?? null,
    aliases: entity.aliases.filter((alias) => alias !== entity.name),
    designations: readDesignations(entity.details),
    note: typeof note === 'string' ? note : null,
    mentionsByMonth: months,
    coMentioned,
    latestArticles,
    latestEvents: events,
  };
}
