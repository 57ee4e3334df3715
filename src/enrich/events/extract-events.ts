/**
 * Event facts from article text: arrests, attacks, convictions, repatriations and bans, in English and
 * Russian, by rules over sentences (see event-triggers.ts and attack-rules.ts for the words).
 *
 * Cost stays near one scan of the text: a single pass for trigger stems finds the few sentences that can
 * state an event, triggers run on lowercased text with cheap word edges, numbers, places and dates are
 * read only once a trigger has passed its rule, and input past `maxChars` is not read.
 */
import {
  countNear,
  isAttributive,
  isEnglishPassive,
  isNegatedOrHypothetical,
  type Span,
  splitClauses,
} from './clause-context.ts';
import type { EventFact, EventLanguage, EventType } from './event-fact.ts';
import { bannedAsAdjective, triggerRules } from './event-triggers.ts';
import { findAttacks } from './find-attacks.ts';
import { type CountMention, findCounts } from './find-counts.ts';
import { type DateMention, findDates } from './find-dates.ts';
import {
  choosePlace,
  findAgent,
  findBanTarget,
  findPlaces,
  findSubject,
  findTarget,
  type Phrase,
} from './find-phrases.ts';
import { maskMarkup } from './mask-markup.ts';
import { splitSentences } from './split-sentences.ts';
import { createStemIndex, lowercaseSameLength } from './word-pattern.ts';

/** Options of extractEvents. */
export interface ExtractEventsOptions {
  /** Run only this language's rules; when absent both run (each matches its own script), which suits mixed texts. */
  language?: EventLanguage;
  /** When the article was published: resolves "on Tuesday", "вчера", "last month", "22 марта". Without it those dates are left out. */
  publishedAt?: Date;
  /** Characters read from the start of the text; the rest is ignored (default defaultMaxChars, at least 1). */
  maxChars?: number;
  /** Facts returned at most (default defaultMaxFacts, at least 1). */
  maxFacts?: number;
}

/** Characters of an article read by default: far beyond any news article, small enough to stay fast on a 5 MB paste. */
export const defaultMaxChars = 200_000;
/** Facts returned by default at most. */
export const defaultMaxFacts = 200;

/**
 * A superset of every trigger's stem, at word starts (the leading non-letter is consumed: much faster in V8
 * than a lookbehind). Attacks with no attack word need a violent actor, so death words alone are not here.
 */
const anyTrigger =
  /(?:^|[^a-zа-яё])(?:detain|detent|arrest|apprehend|custody|rounded up|nabbed|convict|sentenc|jailed|imprison|found guilty|terms|sentences|repatriat|brought|flown home|flew home|returned|evacuat|banned|bans|outlaw|proscri|blacklist|designat|label|recogni[sz]ed|declar|deemed|classified|branded|listed|added|launched|began|started|conducted|carried out|organi[sz]ed|attack|bomb|ied|massacre|hostage|explosion|blast|shooting|shootout|gunfight|firefight|перестрелк|ambush|stormed|opened fire|shelled|blew up|stab|upheld|barred|flown back|flew back|given|handed|gunm[ae]n|militant|insurgent|terrorists|assailant|jihadist|armed men|задерж|арест|взят|заключ|помещ|осуд|осужд|приговор|признал|признан|вын[её]с|репатри|возвращ|вернул|возвратил|вывезен|эвакуир|доставлен|запрет|запрещ|внес|внёс|включ|провел|провёл|term|назначил|теракт|террорист|смертник|самоподрыв|нападени|нападавш|взрыв|стрельб|обстрел|напал|атаковал|взорвал|открыл|ножом|ножевые|оставил|срок|наказани|боевик|вооруж)/g;

const rulesIn = createStemIndex(triggerRules, (rule) => rule.stems);

/** A trigger that passed its rule's conditions, before it becomes a fact. */
export interface EventCandidate {
  type: EventType;
  trigger: Span;
  /** A count of people, null when the sentence says "dozens", undefined when it says nothing. */
  count: number | null | undefined;
  /** The trigger is an active verb, so the words before it are its subject (the actor). */
  active: boolean;
  /** A phrase for the actor the rule already knows (the violent actor of an attack). */
  actor?: string;
}

/** A sentence with white space runs made one space, and the same text lowercased (same length). */
export interface SentenceText {
  text: string;
  lower: string;
}

/** The facts stated in `text`, in order of position. Never throws on any string; returns [] for empty text. */
export function extractEvents(text: string, options: ExtractEventsOptions = {}): EventFact[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const maxChars = Math.max(1, options.maxChars ?? defaultMaxChars);
  const maxFacts = Math.max(1, options.maxFacts ?? defaultMaxFacts);
  const masked = maskMarkup(text.length > maxChars ? text.slice(0, maxChars) : text);
  const lower = lowercaseSameLength(masked);
  const hits = triggerPositions(lower);
  if (hits.length === 0) return [];
  const facts: EventFact[] = [];
  let next = 0;
  for (const span of splitSentences(masked)) {
    while (next < hits.length && hits[next]! < span.start) next++;
    if (next >= hits.length) break;
    if (hits[next]! >= span.end) continue;
    const sentence = readSentence(masked.slice(span.start, span.end), lower.slice(span.start, span.end));
    for (const fact of sentenceFacts(sentence, options)) {
      facts.push({ ...fact, sentence: sentence.text, start: span.start, end: span.end });
      if (facts.length >= maxFacts) return facts;
    }
  }
  return facts;
}

/** The sentence with white space runs made one space (only when it has any: the test is cheaper than the replace). */
function readSentence(raw: string, rawLower: string): SentenceText {
  if (!/\s\s|[^\S ]/.test(raw)) return { text: raw, lower: rawLower };
  return { text: raw.replace(/\s+/g, ' '), lower: rawLower.replace(/\s+/g, ' ') };
}

/** Offsets of every trigger stem in the lowercased text, ascending. */
function triggerPositions(lower: string): number[] {
  const positions: number[] = [];
  anyTrigger.lastIndex = 0;
  for (let found = anyTrigger.exec(lower); found !== null; found = anyTrigger.exec(lower))
    positions.push(found.index + 1);
  return positions;
}

type SentenceFact = Omit<EventFact, 'sentence' | 'start' | 'end'>;

function sentenceFacts(sentence: SentenceText, options: ExtractEventsOptions): SentenceFact[] {
  let counts: CountMention[] | undefined;
  const readCounts = () => {
    counts ??= findCounts(sentence.lower);
    return counts;
  };
  const perClause = splitClauses(sentence.lower).map((clause) => ({
    clause,
    candidates: [
      ...ruleCandidates(sentence, clause, readCounts, options.language),
      ...findAttacks(sentence, clause, readCounts, options.language),
    ],
  }));
  if (perClause.every(({ candidates }) => candidates.length === 0)) return [];
  const places = findPlaces(sentence.text);
  const dates = findDates(sentence.text, options.publishedAt, sentence.lower);
  const barriers: Span[] = [...places, ...dates];
  const facts: SentenceFact[] = [];
  for (const { clause, candidates } of perClause) {
    for (const type of new Set(candidates.map((candidate) => candidate.type))) {
      const ofType = candidates
        .filter((candidate) => candidate.type === type)
        .sort((a, b) => a.trigger.start - b.trigger.start);
      facts.push(toFact(sentence.text, clause, ofType, places, dates, barriers));
    }
  }
  return facts;
}

function ruleCandidates(
  sentence: SentenceText,
  clause: Span,
  readCounts: () => CountMention[],
  language: EventLanguage | undefined,
): EventCandidate[] {
  const text = sentence.text;
  const clauseLower = sentence.lower.slice(clause.start, clause.end);
  const candidates: EventCandidate[] = [];
  for (const rule of rulesIn(clauseLower)) {
    if (language !== undefined && rule.language !== language) continue;
    rule.pattern.lastIndex = 0;
    for (let found = rule.pattern.exec(clauseLower); found !== null; found = rule.pattern.exec(clauseLower)) {
      const trigger = {
        start: clause.start + found.index,
        end: clause.start + found.index + found[0].length,
      };
      const after = text.slice(trigger.end, clause.end);
      if (isNegatedOrHypothetical(text, sentence.lower, trigger.start, clause.start)) continue;
      if (rule.participle === true && isAttributive(text, trigger)) continue;
      if (rule.type === 'ban' && rule.participle === true && bannedAsAdjective.test(after)) continue;
      if (rule.after !== undefined && !rule.after.test(after)) continue;
      if (rule.notAfter?.test(after) === true) continue;
      if (rule.clauseHas !== undefined && !rule.clauseHas.test(clauseLower)) continue;
      const passive =
        rule.language === 'en' ? isEnglishPassive(text, trigger) : isRussianShortParticiple(found[0]);
      const count =
        rule.countless === true
          ? undefined
          : countNear(text, readCounts(), trigger, clause, passive ? 'before-first' : 'after-first');
      if (rule.needsCount === true && count === undefined && rule.orContext?.test(clauseLower) !== true)
        continue;
      candidates.push({ type: rule.type, trigger, count, active: !passive });
    }
  }
  return candidates;
}

/** One fact from a clause's candidates of one type: the first with a count, its phrases filled from the others. */
function toFact(
  sentence: string,
  clause: Span,
  candidates: EventCandidate[],
  places: Phrase[],
  dates: DateMention[],
  barriers: Span[],
): SentenceFact {
  const main = candidates.find((candidate) => typeof candidate.count === 'number') ?? candidates[0]!;
  const fact: SentenceFact = { type: main.type };
  if (typeof main.count === 'number') fact.count = main.count;
  const actor = firstDefined(
    candidates,
    (candidate) =>
      candidate.actor ??
      findAgent(sentence, candidate.trigger, clause) ??
      (candidate.active ? findSubject(sentence, candidate.trigger, clause, barriers) : undefined),
  );
  if (actor !== undefined) fact.actor = actor;
  const target =
    main.type === 'ban'
      ? firstDefined(candidates, (candidate) => findBanTarget(sentence, candidate.trigger, clause))
      : main.type === 'attack' || main.type === 'repatriation'
        ? undefined
        : findTarget(sentence, clause);
  if (target !== undefined && target !== actor) fact.target = target;
  const place = choosePlace(places, main.trigger, clause);
  if (place !== undefined && place !== actor && place !== target) fact.place = place;
  const date = nearestDate(dates, main.trigger, clause);
  if (date !== undefined) fact.date = date;
  return fact;
}

/** Russian short participles are passive (задержаны, запрещена, возвращён): the words before them are not their agent. */
function isRussianShortParticiple(trigger: string): boolean {
  return /(?:н|на|но|ны)$/.test(trigger.split(' ')[0]!);
}

function nearestDate(dates: DateMention[], trigger: Span, clause: Span): string | undefined {
  let best: DateMention | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const date of dates) {
    const distance =
      Math.max(date.start - trigger.end, trigger.start - date.end, 0) +
      (date.start >= clause.start && date.end <= clause.end ? 0 : 1_000);
    if (distance < bestDistance) {
      best = date;
      bestDistance = distance;
    }
  }
  return best?.date;
}

function firstDefined<T>(
  items: EventCandidate[],
  read: (item: EventCandidate) => T | undefined,
): T | undefined {
  for (const item of items) {
    const value = read(item);
    if (value !== undefined) return value;
  }
  return undefined;
}
