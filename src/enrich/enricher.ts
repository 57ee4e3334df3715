/**
 * One article → what enrichment finds in it: its language, the entities it names (gazetteer
 * spellings in any script, Russian case forms, transliteration keys), the spellings of the names it
 * uses, its topics (the rule that fired kept) and its event facts (a fact's place linked to the
 * gazetteer's). An Enricher is built once from the archive's gazetteer and
 * is a pure function of the article after that, so it can run anywhere (a batch, a worker thread).
 *
 * The work is bounded whatever the article: the text examined is capped (a 5 MB text costs what its
 * first part costs), and so are mentions and spellings per article.
 */
import type {
  ArticleEnrichment,
  ArticleToEnrich,
  FoundEvent,
  FoundMention,
  StoredEntity,
} from '../store/enrichment.ts';
import type { EventFact } from './events/event-fact.ts';
import { extractEvents } from './events/extract-events.ts';
import type { Gazetteer } from './gazetteer/load-gazetteer.ts';
import { createMentionMatcher, type Mention, type MentionMatcher } from './gazetteer/mention-matcher.ts';
import { BoundedCache } from './language/bounded-cache.ts';
import { detectLanguage, looksLikeName, nameKey, undeterminedLanguage } from './language/index.ts';
import { groupRecognised } from './recognise/group-recognised.ts';
import type { Morphology } from './recognise/morphology.ts';
import { recogniseNames } from './recognise/recognise-names.ts';
import { defaultTopicRules } from './topics/default-topic-rules.ts';
import { tagTopics } from './topics/tag-topics.ts';
import type { TopicRules } from './topics/topic-rules.ts';

/**
 * Characters of an article's text read at most. News articles are under 20,000; the rest of a longer
 * one (a court ruling pasted whole, a hostile 5 MB text) is still searchable by its words, just not
 * enriched past this point.
 */
export const maxEnrichedChars = 100_000;
/** Distinct name spellings kept per article: a list of names is worth its first few hundred. */
const maxSpellings = 300;

/** What the enricher was built from, and how to enrich with it. */
export interface Enricher {
  /** The gazetteer version the findings belong to (stored with them). */
  readonly version: number;
  readonly entityCount: number;
  enrich(article: ArticleToEnrich): ArticleEnrichment;
}

/** The matcher's view of the archive's entities: slugs as ids, every stored spelling as an alias. */
function gazetteerOf(entities: readonly StoredEntity[]): Gazetteer {
  const listed = entities.map((entity) => ({
    id: entity.slug,
    type: entity.type,
    subtype: entity.subtype ?? '',
    name: entity.name,
    aliases: entity.aliases.filter((alias) => alias !== entity.name),
  }));
  return {
    entities: listed,
    byId: new Map(listed.map((entity) => [entity.id, entity])),
    sourceOf: new Map(),
    aliasIndex: new Map(),
  };
}

/** An Enricher over `entities` (the archive's gazetteer at `version`) and the topic rules (the shipped ones by default). */
export function createEnricher(
  entities: readonly StoredEntity[],
  version: number,
  topicRules?: TopicRules,
  /** Recognises the names the gazetteer lacks (recognise/); without it only the gazetteer's are found. */
  morphology?: Morphology,
): Enricher {
  const matcher: MentionMatcher = createMentionMatcher(gazetteerOf(entities), { keyOf: nameKey });
  const idOfSlug = new Map(entities.map((entity) => [entity.slug, entity.id]));
  const placeSlugs = new Set(
    entities.filter((entity) => entity.type === 'place').map((entity) => entity.slug),
  );
  const rules = topicRules ?? defaultTopicRules();
  return {
    version,
    entityCount: entities.length,
    enrich(article) {
      const text =
        article.text.length > maxEnrichedChars ? article.text.slice(0, maxEnrichedChars) : article.text;
      const language = languageToStore(article, text);
      const titleMentions = matcher.findMentions(article.title);
      const textMentions = matcher.findMentions(text);
      const mentions = groupMentions(titleMentions, textMentions, idOfSlug);
      const recognised =
        morphology === undefined
          ? undefined
          : groupRecognised(
              recogniseNames(article.title, morphology, titleMentions, { headline: true }),
              recogniseNames(text, morphology, textMentions),
            );
      const eventLanguage = (language ?? article.language) === 'ru' ? 'ru' : 'en';
      const published = article.publishedAt === null ? undefined : new Date(article.publishedAt);
      const events = extractEvents(text, {
        language: eventLanguage,
        ...(published !== undefined && !Number.isNaN(published.getTime()) ? { publishedAt: published } : {}),
      }).map((fact) => toFoundEvent(fact, matcher, idOfSlug, placeSlugs));
      return {
        articleId: article.id,
        ...(language === undefined ? {} : { language }),
        mentions,
        topics: tagTopics(text, article.title, rules),
        events,
        spellings: nameSpellings(`${article.title}\n${text}`),
        ...(recognised === undefined || recognised.length === 0 ? {} : { recognised }),
      };
    },
  };
}

/** Letters (and the Uzbek Latin apostrophes) that only Central Asian languages of the region use. */
const centralAsianLetters = /[әғқңөұүһіӘҒҚҢӨҰҮҺІӣӯҳҷӢӮҲҶўЎ]|[oOgG][ʻʼ‘'`]/;

/** Below this confidence a detection does not overrule the language an article came with. */
const overruleConfidence = 0.5;

/**
 * The language to store for an article, or undefined to keep its own. Import only tells Cyrillic from
 * Latin (`ru`/`en`, core/guess-language.ts), so a confident detection of another language (Kazakh,
 * Kyrgyz, Uzbek, Tajik written in Cyrillic or Latin) replaces those two; any other stored language
 * came from the source and stays.
 */
function languageToStore(article: ArticleToEnrich, text: string): string | undefined {
  const stored = article.language;
  if (stored !== null && stored !== 'en' && stored !== 'ru') return undefined;
  // Detection costs ~0.1 ms; a script guess can only be wrong when the text has letters Russian and
  // English lack (Kazakh ә қ ң ө ұ ү һ і, Kyrgyz, Tajik ӣ ӯ ҳ ҷ, Uzbek ў, Uzbek Latin oʻ gʻ).
  if (stored !== null && !centralAsianLetters.test(text.slice(0, 2000))) return undefined;
  const detected = detectLanguage(`${article.title}\n${text}`);
  if (detected.code === undeterminedLanguage || detected.code === stored) return undefined;
  if (stored === null) return detected.code;
  const scriptGuessAgrees = detected.code === 'en' || detected.code === 'ru';
  return !scriptGuessAgrees && detected.confidence >= overruleConfidence ? detected.code : undefined;
}

/** An event fact as stored, its place linked to the gazetteer place it names (when it names one). */
function toFoundEvent(
  fact: EventFact,
  matcher: MentionMatcher,
  idOfSlug: ReadonlyMap<string, number>,
  placeSlugs: ReadonlySet<string>,
): FoundEvent {
  const place =
    fact.place === undefined
      ? undefined
      : matcher.findMentions(fact.place).find((m) => placeSlugs.has(m.entityId));
  const placeEntityId = place === undefined ? undefined : idOfSlug.get(place.entityId);
  return {
    type: fact.type,
    ...(fact.count === undefined ? {} : { count: fact.count }),
    ...(fact.actor === undefined ? {} : { actor: fact.actor }),
    ...(fact.target === undefined ? {} : { target: fact.target }),
    ...(fact.place === undefined ? {} : { place: fact.place }),
    ...(placeEntityId === undefined ? {} : { placeEntityId }),
    ...(fact.date === undefined ? {} : { date: fact.date }),
    sentence: fact.sentence,
  };
}

/** One row per entity: how often it is named, where first (title mentions count as offset -1). */
function groupMentions(
  inTitle: Mention[],
  inText: Mention[],
  idOfSlug: ReadonlyMap<string, number>,
): FoundMention[] {
  const found = new Map<number, FoundMention>();
  const add = (mention: Mention, offset: number) => {
    const entityId = idOfSlug.get(mention.entityId);
    if (entityId === undefined) return;
    const known = found.get(entityId);
    if (known !== undefined) {
      known.mentions += 1;
      return;
    }
    found.set(entityId, {
      entityId,
      mentions: 1,
      firstOffset: offset,
      surface: mention.surface,
      via: mention.via,
    });
  };
  for (const mention of inTitle) add(mention, -1);
  for (const mention of inText) add(mention, mention.start);
  return [...found.values()];
}

/**
 * A capitalised word as forEachWord (with apostrophes kept) cuts words: letters, marks, digits and
 * apostrophes, starting where no such character precedes. Finding only these by regex costs half of
 * visiting every word (the same words, checked on 500 generated articles).
 */
const capitalisedWord = /(?<![\p{L}\p{M}\p{N}'’‘ʻʼ`])[\p{Lu}][\p{L}\p{M}\p{N}'’‘ʻʼ`]*/gu;

/**
 * A written word's key when it looks like a name, '' when not: the same capitalised words recur
 * across articles, and the three shape tests and the key cost more than a lookup.
 */
function spellingKeyOf(word: string): string {
  let key = spellingKeys.get(word);
  if (key === undefined) {
    key = looksLikeName(word) ? nameKey(word) : '';
    spellingKeys.set(word, key);
  }
  return key;
}
const spellingKeys = new BoundedCache<string, string>(50_000);

/**
 * The name-like words of a text under their transliteration keys, so that a search for one spelling
 * can add the others the archive holds (Токаев → Tokayev, Tokaev). Words are kept lower-cased.
 */
function nameSpellings(text: string): { key: string; spelling: string }[] {
  const seen = new Set<string>();
  const kept = new Set<string>();
  const spellings: { key: string; spelling: string }[] = [];
  capitalisedWord.lastIndex = 0;
  for (let found = capitalisedWord.exec(text); found !== null; found = capitalisedWord.exec(text)) {
    if (spellings.length >= maxSpellings) break;
    const word = found[0];
    if (seen.has(word)) continue;
    seen.add(word);
    const key = spellingKeyOf(word);
    if (key === '') continue;
    const spelling = word.toLowerCase();
    if (kept.has(spelling)) continue;
    kept.add(spelling);
    spellings.push({ key, spelling });
  }
  return spellings;
}
