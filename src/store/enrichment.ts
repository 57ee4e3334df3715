/**
 * Enrichment in the archive: the gazetteer (entities and the spellings that name them) and what
 * enrichment (src/enrich/) found in each article — mentions, topics, event facts, the spellings of
 * names. Finding them is enrichment's work; the store keeps them so that search can filter and count
 * by them, and writes an article's findings with the version it was enriched under in one transaction.
 */
import { foldAlias } from '../enrich/gazetteer/fold-alias.ts';
import type { Actor, AuditNote } from './accounts.ts';

export type EntityType = 'person' | 'organisation' | 'place';
/** Where an entity came from: the shipped (or loaded) gazetteer, a user's edit, or the recogniser. */
export type EntityOrigin = 'gazetteer' | 'user' | 'recognised';

/** An entity as the gazetteer describes it. */
export interface EntityRecord {
  /** Stable id in the gazetteer (`hizb-ut-tahrir`, `kg-jalal-abad-region`). */
  slug: string;
  type: EntityType;
  /** country, region, district, city, security-body, designated-group… */
  subtype?: string;
  /** The canonical (English) name. */
  name: string;
  /** ISO 3166 alpha-2 code of the country a place or body belongs to. */
  country?: string;
  /** The slug of the entity this one lies in (a district's region). */
  parentSlug?: string;
  /** Anything else the gazetteer says (designations of a banned group…), as JSON. */
  details?: Record<string, unknown>;
  /** Other spellings, in any script; the name itself need not be repeated. */
  aliases: string[];
}

/** An entity in the archive. */
export interface StoredEntity extends EntityRecord {
  id: number;
  origin: EntityOrigin;
  /** The entity that absorbed this one (`entities merge`), if any. */
  mergedInto?: number;
}

/** What the gazetteer load changed. */
export interface GazetteerChange {
  added: number;
  updated: number;
  removed: number;
  /** The gazetteer version after the load; articles enriched under an older one are re-enriched. */
  version: number;
}

/** One entity found in one article. */
export interface FoundMention {
  entityId: number;
  /** How many times it is named. */
  mentions: number;
  /** Character offset of the first mention in the article's text (title mentions count as -1). */
  firstOffset: number;
  /** The first mention as written. */
  surface: string;
  /** How it matched: `exact` spelling, transliteration `key`, Russian `inflection`, `recognised`. */
  via: string;
}

/** A topic an article was tagged with, and the rule that fired (for explanation). */
export interface FoundTopic {
  topic: string;
  rule: string;
  /** The words that made the rule fire. */
  evidence: string;
}

/** An event fact read from one sentence of an article. */
export interface FoundEvent {
  type: string;
  count?: number;
  actor?: string;
  target?: string;
  place?: string;
  placeEntityId?: number;
  /** ISO date at the precision the sentence gives (`2021`, `2021-03`, `2021-03-16`), when it states one. */
  date?: string;
  sentence: string;
}

/** Everything enrichment found in one article. */
export interface ArticleEnrichment {
  articleId: number;
  mentions: FoundMention[];
  topics: FoundTopic[];
  events: FoundEvent[];
  /** Name-like words as written, under their transliteration key. */
  spellings: { key: string; spelling: string }[];
  /**
   * The article's language as enrichment detected it (ISO 639-1), when it should replace the stored
   * one (enrichment decides: a missing language, or the import's script guess for a Kazakh text).
   */
  language?: string;
  /**
   * Names the gazetteer lacks, found by the recogniser: each is filed under a recognised entity (made
   * on first sight, one per type and transliteration key) when the article is saved.
   */
  recognised?: RecognisedMention[];
}

/** A name the recogniser found in an article, before it is linked to an entity. */
export interface RecognisedMention {
  type: EntityType;
  /** The name as the archive files it (dictionary form: Бакыт Токтосунов, not Бакыта Токтосунова). */
  name: string;
  /** Transliteration key of the name: the entity it is filed under. */
  key: string;
  /** The slug a new entity for it gets (Latin, with a short hash of type and key, so never another's). */
  slug: string;
  /** For people: the surname's key. */
  surnameKey?: string;
  /**
   * Named by the surname alone, with no fuller name in the article: filed under the one recognised
   * person of that surname if there is exactly one, else not at all.
   */
  surnameOnly: boolean;
  mentions: number;
  firstOffset: number;
  surface: string;
}

/** An article to enrich. */
export interface ArticleToEnrich {
  id: number;
  title: string;
  text: string;
  language: string | null;
  publishedAt: string | null;
}

/** A stored mention with its entity, for an article's page and the API. */
export interface ArticleMention extends FoundMention {
  slug: string;
  name: string;
  type: EntityType;
}

/** What the archive holds about one article's enrichment. */
export interface StoredArticleEnrichment {
  /** The gazetteer version it was enriched under; null when not enriched yet. */
  version: number | null;
  mentions: ArticleMention[];
  topics: FoundTopic[];
  events: FoundEvent[];
}

/** One entity's count in a facet. */
export interface EntityCount {
  slug: string;
  name: string;
  type: EntityType;
  /** Matching articles that name it. */
  count: number;
}

/** Exact counts of the articles matching a query, per entity, topic and event type, largest first. */
export interface EnrichmentFacets {
  people: EntityCount[];
  organisations: EntityCount[];
  places: EntityCount[];
  topics: { value: string; count: number }[];
  events: { value: string; count: number }[];
}

/** Articles naming an entity in one month. */
export interface MonthCount {
  /** `YYYY-MM` (UTC). */
  month: string;
  count: number;
}

/** An event fact with the article it was read from. */
export interface ListedEvent extends FoundEvent {
  id: number;
  articleId: number;
  articleTitle: string;
  source: string;
  publishedAt: string | null;
}

/** Which events to list. */
export interface EventFilter {
  /** One of the event types (arrest, attack, conviction, repatriation, ban). */
  type?: string;
  /** Only events of these articles (the matches of a query, found by the caller). */
  articleIds?: number[];
  /** Only events whose article names this entity. */
  entityId?: number;
  /** Newest article first; `limit` 1–1,000, `offset` 0 and up. */
  limit: number;
  offset?: number;
}

/**
 * The gazetteer and the enrichment of one archive. A change to the gazetteer made for someone (a
 * load, a user's entity, spelling or merge) is audited when the caller says who: the entry is written
 * in the change's own transaction (`gazetteer.load`, `entity.add`, `entity.alias`, `entity.unalias`,
 * `entity.merge`, the entity's slug as the target); a refused change writes none.
 */
export interface EnrichmentStore {
  /** The current gazetteer version (0 before any load). */
  gazetteerVersion(): Promise<number>;
  /**
   * Makes `entities` the archive's gazetteer, in one transaction: entities of origin `gazetteer`
   * absent from it are removed (with their mentions), the rest added or updated; users' entities and
   * aliases are kept. An alias naming two entities refuses the whole load (GAZETTEER_INVALID) and
   * leaves the old gazetteer as it was. Bumps the version. With `audit` (the caller's note, usually
   * `gazetteer.load` and where it came from), the entry is written with the load, its detail ending
   * with what the load did ("12 entities: 3 new, 9 updated, 1 removed").
   */
  loadGazetteer(entities: EntityRecord[], source?: number, audit?: AuditNote): Promise<GazetteerChange>;
  /**
   * The `source` mark of the last gazetteer load (a hash of the files it came from, so a new
   * release's gazetteer can be told from the loaded one), or null before any load.
   */
  gazetteerSource(): Promise<number | null>;
  /**
   * Adds one entity (ENTITY_EXISTS if its slug is taken, ENTITY_ALIAS_TAKEN if an alias is). Bumps
   * the version. Audited as `entity.add` when `actor` is given.
   */
  addEntity(
    entity: EntityRecord,
    origin: Exclude<EntityOrigin, 'gazetteer'>,
    actor?: Actor,
  ): Promise<StoredEntity>;
  /**
   * Adds a spelling to an entity (ENTITY_NOT_FOUND, ENTITY_ALIAS_TAKEN). Bumps the version. Audited
   * as `entity.alias` when `actor` is given.
   */
  addAlias(slug: string, alias: string, actor?: Actor): Promise<void>;
  /**
   * Removes a spelling from an entity (ENTITY_NOT_FOUND; GAZETTEER_INVALID for the entity's own name).
   * Bumps the version when it removed one; says where the spelling came from, or null when the entity
   * had no such spelling (nothing changed, nothing audited). Audited as `entity.unalias` when `actor`
   * is given.
   */
  removeAlias(slug: string, alias: string, actor?: Actor): Promise<EntityOrigin | null>;
  /**
   * Merges entity `fromSlug` into `intoSlug`: its aliases move over, it is marked merged, its mentions
   * become the other's. Bumps the version. Audited as `entity.merge` when `actor` is given.
   */
  mergeEntities(fromSlug: string, intoSlug: string, actor?: Actor): Promise<void>;
  /** Every entity that is not merged away, with its aliases (as written), by id. */
  listEntities(): Promise<StoredEntity[]>;
  /** The entity of this slug (merged ones too), or null. */
  getEntity(slug: string): Promise<StoredEntity | null>;
  /**
   * Replaces the enrichment of each article (mentions, topics, events, spellings) and sets its
   * version, all in one transaction. Articles that no longer exist are skipped.
   */
  saveEnrichments(items: ArticleEnrichment[], version: number): Promise<void>;
  /** Up to `limit` articles with ids above `afterId` not enriched under `version`, in id order. */
  toEnrich(afterId: number, limit: number, version: number): Promise<ArticleToEnrich[]>;
  /** How many articles are not enriched under `version`. */
  countToEnrich(version: number): Promise<number>;
  /** An article's stored enrichment; null when the article does not exist. */
  articleEnrichment(articleId: number): Promise<StoredArticleEnrichment | null>;
  /** The spellings of names the archive holds under each of `keys`. */
  spellingsOf(keys: string[]): Promise<Map<string, string[]>>;
  /** Articles naming the entity per month (by publication date), oldest first; undated left out. */
  mentionsByMonth(entityId: number): Promise<MonthCount[]>;
  /** The entities most often named in the same articles as this one, with the number of such articles. */
  coMentioned(entityId: number, limit: number): Promise<EntityCount[]>;
  /** Ids of the newest articles naming the entity (by publication date, then id), at most `limit`. */
  articlesNaming(entityId: number, limit: number): Promise<number[]>;
  /** Event facts, newest article first, filtered. */
  listEvents(filter: EventFilter): Promise<ListedEvent[]>;
}

/**
 * The folded form aliases are unique by, the matcher's own (src/enrich/gazetteer/fold-alias.ts):
 * words lower-cased, ё→е, Latin diacritics dropped, joined by one space ("Hizb-ut-Tahrir" and
 * "hizb ut tahrir" are one spelling), so the archive refuses exactly what the matcher could not tell apart.
 */
export function aliasKey(alias: string): string {
  return foldAlias(alias.normalize('NFKC'));
}
