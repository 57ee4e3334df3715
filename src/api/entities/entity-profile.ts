/**
 * Everything the desk and the API show about one entity: what it is, where it belongs, how it is
 * spelled, who bans or designates it, how often the archive names it month by month, who it is named
 * with, the newest articles naming it and their event facts. The entity page renders this; GET
 * /api/v1/entities/:slug presents it as JSON.
 */
import { z } from 'zod';
import type { Article } from '../../core/article.ts';
import { nextPeriod, archiveTimeline, type Timeline } from '../../search/search-timeline.ts';
import type { EntityCount, ListedEvent, MonthCount, StoredEntity } from '../../store/enrichment.ts';
import type { Store } from '../../store/store.ts';
import { type EntityRef, entityDirectory, entityRef } from './entity-directory.ts';

/** How many co-mentioned entities, latest articles and events a profile holds. */
export const profileLimits = { coMentioned: 15, latestArticles: 10, events: 20 } as const;

/** A ban or designation as the gazetteer records it (`details.designations`), with the body's name. */
export interface Designation {
  /** ISO 3166 alpha-2 code, `UN` or `EU`. */
  by: string;
  /** `Kyrgyzstan`, `United Nations`; the code itself when it has no name. */
  byName: string;
  as: 'terrorist' | 'extremist' | 'banned';
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, when known. */
  since?: string;
  /** When a ban was lifted. */
  until?: string;
  note?: string;
}

/** The spellings of an entity written in one script. */
export interface SpellingGroup {
  script: 'Latin' | 'Cyrillic' | 'Arabic' | 'Other';
  spellings: string[];
}

/** One of the newest articles naming the entity, as a hit list shows it. */
export type ProfileArticle = Pick<
  Article,
  'id' | 'title' | 'source' | 'publishedAt' | 'publishedAtEstimated' | 'language'
>;

/** The whole profile. */
export interface EntityProfile {
  entity: StoredEntity;
  parent: EntityRef | null;
  /** The country the entity belongs to, its own entity when the gazetteer has one. */
  country: { code: string; name: string; entity: EntityRef | null } | null;
  spellings: SpellingGroup[];
  designations: Designation[];
  /** The gazetteer's note on the entity, when it has one. */
  note: string | null;
  months: MonthCount[];
  /** The months as a timeline: every month from the first to the last, with the archive's volume. */
  timeline: Timeline;
  coMentioned: EntityCount[];
  latestArticles: ProfileArticle[];
  events: ListedEvent[];
}

/** What a slug leads to. */
export type EntityLookup =
  | { kind: 'found'; profile: EntityProfile }
  | { kind: 'merged'; into: EntityRef }
  | { kind: 'missing' };

/** The longest slug looked up; longer ones are missing without asking the archive. */
export const maxSlugLength = 200;

/** The profile of the entity `slug` names, where a merged entity went, or that there is none. */
export async function loadEntityProfile(store: Store, slug: string): Promise<EntityLookup> {
  if (slug.length === 0 || slug.length > maxSlugLength) return { kind: 'missing' };
  const [entity, directory] = await Promise.all([store.enrichment.getEntity(slug), entityDirectory(store)]);
  if (entity === null) return { kind: 'missing' };
  if (entity.mergedInto !== undefined) {
    const into = directory.byId.get(entity.mergedInto);
    return into === undefined ? { kind: 'missing' } : { kind: 'merged', into: entityRef(into) };
  }
  const [months, coMentioned, latestIds, events] = await Promise.all([
    store.enrichment.mentionsByMonth(entity.id),
    store.enrichment.coMentioned(entity.id, profileLimits.coMentioned),
    store.enrichment.articlesNaming(entity.id, profileLimits.latestArticles),
    store.enrichment.listEvents({ entityId: entity.id, limit: profileLimits.events }),
  ]);
  const [timeline, latestArticles] = await Promise.all([
    monthTimeline(store, months),
    readArticles(store, latestIds),
  ]);
  const parentEntity = entity.parentSlug === undefined ? undefined : directory.bySlug.get(entity.parentSlug);
  return {
    kind: 'found',
    profile: {
      entity,
      parent: parentEntity === undefined ? null : entityRef(parentEntity),
      country: countryOf(entity, directory.countries),
      spellings: groupSpellings([entity.name, ...entity.aliases]),
      designations: readDesignations(entity.details),
      note: typeof entity.details?.note === 'string' ? entity.details.note : null,
      months,
      timeline,
      coMentioned,
      latestArticles,
      events,
    },
  };
}

async function readArticles(store: Store, ids: number[]): Promise<ProfileArticle[]> {
  const articles = await Promise.all(ids.map((id) => store.getArticle(id)));
  return articles
    .filter((article): article is Article => article !== null)
    .map((article) => ({
      id: article.id,
      title: article.title,
      source: article.source,
      publishedAt: article.publishedAt,
      publishedAtEstimated: article.publishedAtEstimated,
      language: article.language,
    }));
}

/** Months with mentions as a zero-filled monthly timeline beside the archive's own volume. */
export async function monthTimeline(store: Store, months: MonthCount[]): Promise<Timeline> {
  const dated = months.filter((month) => /^\d{4}-\d{2}$/.test(month.month));
  if (dated.length === 0) return { interval: 'month', buckets: [] };
  const archive = await archiveTimeline(store, 'month');
  const counts = new Map(dated.map((month) => [`${month.month}-01`, month.count]));
  const last = `${dated.at(-1)!.month}-01`;
  const buckets: Timeline['buckets'] = [];
  for (let period = `${dated[0]!.month}-01`; period <= last; period = nextPeriod(period, 'month')) {
    const count = counts.get(period) ?? 0;
    const archiveCount = archive.get(period) ?? 0;
    buckets.push({ period, count, archiveCount, share: archiveCount === 0 ? 0 : count / archiveCount });
  }
  return { interval: 'month', buckets };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** `Kyrgyzstan` for `KG`, `United Nations` for `UN`; the code when the name is unknown. */
export function regionName(code: string): string {
  try {
    const name = regionNames.of(code);
    return name && name !== 'Unknown Region' ? name : code;
  } catch {
    return code;
  }
}

function countryOf(
  entity: StoredEntity,
  countries: ReadonlyMap<string, StoredEntity>,
): EntityProfile['country'] {
  if (entity.country === undefined) return null;
  const country = countries.get(entity.country);
  // A country's own page does not link to itself as its country.
  if (country?.id === entity.id) return null;
  return {
    code: entity.country,
    name: country?.name ?? regionName(entity.country),
    entity: country === undefined ? null : entityRef(country),
  };
}

const partialDate = z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
/** The stored details are the gazetteer's (or a user's) JSON: each designation is checked, bad ones left out. */
const designationSchema = z.object({
  by: z.string().regex(/^(?:[A-Z]{2}|UN|EU)$/),
  as: z.enum(['terrorist', 'extremist', 'banned']),
  since: partialDate.optional(),
  until: partialDate.optional(),
  note: z.string().max(1000).optional(),
});

/** The designations in an entity's details, oldest first (undated last), each checked. */
export function readDesignations(details: Record<string, unknown> | undefined): Designation[] {
  const raw = details?.designations;
  if (!Array.isArray(raw)) return [];
  const designations: Designation[] = [];
  for (const item of raw) {
    const parsed = designationSchema.safeParse(item);
    if (!parsed.success) continue;
    const { since, until, note } = parsed.data;
    designations.push({
      by: parsed.data.by,
      byName: regionName(parsed.data.by),
      as: parsed.data.as,
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
      ...(note === undefined ? {} : { note }),
    });
  }
  return designations.sort(
    (a, b) => (a.since ?? '9999').localeCompare(b.since ?? '9999') || a.byName.localeCompare(b.byName),
  );
}

const scripts: ReadonlyArray<[SpellingGroup['script'], RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
];

/** Spellings grouped by the script of their first letter (Latin, Cyrillic, Arabic, other), each sorted, no repeats. */
export function groupSpellings(spellings: string[]): SpellingGroup[] {
  const groups = new Map<SpellingGroup['script'], Set<string>>();
  for (const spelling of spellings) {
    const letter = /\p{L}/u.exec(spelling)?.[0] ?? '';
    const script = scripts.find(([, pattern]) => pattern.test(letter))?.[0] ?? 'Other';
    const group = groups.get(script) ?? new Set<string>();
    group.add(spelling);
    groups.set(script, group);
  }
  const order: SpellingGroup['script'][] = ['Latin', 'Cyrillic', 'Arabic', 'Other'];
  return order
    .filter((script) => groups.has(script))
    .map((script) => ({ script, spellings: [...groups.get(script)!].sort((a, b) => a.localeCompare(b)) }));
}
