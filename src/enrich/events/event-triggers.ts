/**
 * The words that state an event, per type and language, with what each needs before it counts. Only
 * realised forms are triggers (detained, задержаны, were sentenced); infinitives and plans ("to repatriate",
 * "вернуть") are not, and nouns ("the detention of") count only with a number of people.
 */
import type { EventLanguage, EventType } from './event-fact.ts';
import { wordPattern } from './word-pattern.ts';

/** One trigger pattern and its conditions. */
export interface TriggerRule {
  type: Exclude<EventType, 'attack'>;
  language: EventLanguage;
  /** Lowercase literals, one of which every match contains: a clause without any skips the pattern (String.includes is far cheaper than a regex). */
  stems: string[];
  /** A wordPattern: matched against the lowercased sentence. */
  pattern: RegExp;
  /** An English participle that is an adjective after a determiner ("the banned group"). */
  participle?: boolean;
  /** An event only with a count of people beside it ("the detention of 8 people", "returned 146 citizens")… */
  needsCount?: boolean;
  /** …or, when given, with this in the lowercased clause instead ("на родину", "from syria"). */
  orContext?: RegExp;
  /** Must match the text right after the trigger ("designated … as extremist"). */
  after?: RegExp;
  /** Must match somewhere in the lowercased clause (a group or extremism word for "banned"). */
  clauseHas?: RegExp;
  /** Must not match the text right after the trigger ("banned from leaving"). */
  notAfter?: RegExp;
  /** Bans carry no count of people. */
  countless?: boolean;
}

const w = wordPattern;

// Context patterns test the lowercased clause, without i/u flags (cheaper on two-byte text).
const homeContext =
  /\bhome\b|\bfrom\s+(?:syria|iraq|afghanistan|camps?|conflict|war)|на\s+родину|из\s+(?:сирии|ирака|афганистана|зон[а-яё]*|лагер[а-яё]*)|в\s+(?:казахстан|узбекистан|таджикистан|кыргызстан|туркменистан|киргизию|киргизстан)(?![а-яё])/;
const extremismAhead = /^[^.;]{0,80}?(?:extremis|terror|экстремист|террорист)/iu;
const asExtremist =
  /^\s+(?:[^\s.;]+\s+){0,6}?as\s+(?:an?\s+)?(?:[^\s.;]+\s+)?(?:extremis|terror)|^\s+(?:it|them)?\s*(?:an?\s+)?(?:[^\s.;]+\s+)?(?:extremis|terror)|^\s+the\s+(?:[^\s.;,]+\s+){1,6}?an?\s+(?:[^\s.;]+\s+)?(?:extremis|terror)/iu;
const groupOrExtremism =
  /extremis|terror|organi[sz]ation|group|movement|party|cell|network|sect|jamaat|организаци|группировк|движени|парти|деятельност|«|экстремист|террорист/;
/** After "banned": a determiner, a preposition or a name makes it a verb; a bare adjective makes it attributive. */
const bannedAsAdjective =
  /^\s+(?!(?:the|a|an|its|their|his|her|in|on|by|since|for|as|under|across|throughout|all|any|this|these|those|it|them|activities|outright|back|last|earlier|from)\b)[\p{Ll}]/u;

/** Every trigger rule but the attack ones (see attack-rules.ts). */
export const triggerRules: TriggerRule[] = [
  // arrest / detention
  {
    type: 'arrest',
    language: 'en',
    stems: ['detained', 'arrested', 'apprehended', 'rounded', 'nabbed', 'custody', 'under arrest'],
    pattern: w(
      'detained|arrested|apprehended|rounded\\s+up|nabbed|taken\\s+into\\s+custody|took\\s+into\\s+custody|placed\\s+under\\s+arrest',
    ),
    participle: true,
  },
  {
    type: 'arrest',
    language: 'en',
    stems: ['detaining', 'arresting'],
    pattern: w('detaining|arresting'),
    needsCount: true,
  },
  {
    type: 'arrest',
    language: 'en',
    stems: ['arrest', 'detention'],
    pattern: w('(?:arrests?|detentions?)\\s+of'),
    needsCount: true,
  },
  {
    type: 'arrest',
    language: 'ru',
    stems: ['задержал', 'задержан', 'арестова', 'стражу'],
    pattern: w(
      'задержал[иа]?|задержан[аоы]?|арестовал[иа]?|арестован[аоы]?|(?:взят|заключ[её]н|помещ[её]н)[аоы]?\\s+под\\s+стражу',
    ),
  },
  { type: 'arrest', language: 'ru', stems: ['задержани'], pattern: w('задержани[еяюи]'), needsCount: true },
  {
    type: 'arrest',
    language: 'ru',
    stems: ['провел', 'провёл'],
    pattern: w('пров[её]л[иа]?\\s+(?:[а-яё]+\\s+)?(?:задержани[а-яё]*|арест[а-яё]*)'),
  },
  {
    type: 'arrest',
    language: 'en',
    stems: ['arrests', 'detentions'],
    pattern: w('(?:carried\\s+out|made|conducted)\\s+(?:[a-z]+\\s+)?(?:arrests|detentions)'),
  },
  // conviction / sentence
  {
    type: 'conviction',
    language: 'en',
    stems: ['convicted', 'sentenced', 'jailed', 'imprisoned', 'guilty'],
    pattern: w('convicted|sentenced|jailed|imprisoned|found\\s+guilty'),
    participle: true,
  },
  {
    type: 'conviction',
    language: 'en',
    stems: ['terms', 'sentences', 'sentence', 'term'],
    pattern: w(
      '(?:handed|given|received|receiving|gave)\\s+(?:[a-z0-9-]+\\s+){0,5}?(?:prison\\s+|jail\\s+)?(?:terms|sentences|sentence|term)',
    ),
  },
  {
    type: 'conviction',
    language: 'ru',
    stems: ['осужд', 'осудил', 'приговор', 'виновн'],
    pattern: w(
      'осужден[аоы]?|осуждён|осудил[иа]?|приговорил[иа]?|приговор[её]н[аоы]?|признал[иа]?\\s+виновн[а-яё]*|признан[аоы]?\\s+виновн[а-яё]*|вын[её]с(?:ли|ла)?\\s+(?:обвинительный\\s+)?приговор',
    ),
  },
  {
    type: 'conviction',
    language: 'en',
    stems: ['given', 'handed'],
    pattern: w('(?:given|handed(?:\\s+down)?)\\s+(?:[a-z-]+\\s+){0,2}?(?:years?|life)'),
    after: /^(?:\s+(?:in|of|behind|imprisonment|sentences?|each)\b|\s*[.,;]|\s*$)/,
    clauseHas: /prison|jail|colony|penal|court|sentence|imprison|custod/,
  },
  {
    type: 'conviction',
    language: 'en',
    stems: ['upheld'],
    pattern: w('upheld\\s+(?:the\\s+|a\\s+|their\\s+|his\\s+|her\\s+)?(?:conviction|sentence|verdict)s?'),
  },
  {
    type: 'conviction',
    language: 'ru',
    stems: ['срок', 'наказани'],
    pattern: w(
      'получил[иа]?\\s+(?:[а-яё]+\\s+){0,2}?(?:срок[а-яё]*|наказани[а-яё]*)|назначен[аоы]?\\s+(?:[а-яё]+\\s+){0,2}?наказани[а-яё]*',
    ),
    clauseHas: /суд|лишени[а-яё]*\s+свободы|колони|заключени|лет/,
  },
  {
    // The trigger is the verb alone: the people sentenced (in the dative) come between it and the penalty.
    type: 'conviction',
    language: 'ru',
    stems: ['назначил'],
    pattern: w('назначил[иа]?'),
    after: /^[^.;]{0,80}?наказани/u,
    clauseHas: /суд|лишени[а-яё]*\s+свободы|колони|заключени|лет/,
  },
  {
    type: 'conviction',
    language: 'ru',
    stems: ['в силе'],
    pattern: w('оставил[иа]?\\s+в\\s+силе\\s+(?:обвинительный\\s+)?приговор[а-яё]*'),
  },
  // repatriation
  {
    type: 'repatriation',
    language: 'en',
    stems: ['repatriated'],
    pattern: w('repatriated'),
    participle: true,
  },
  {
    type: 'repatriation',
    language: 'en',
    stems: ['home', 'brought back'],
    pattern: w('(?:brought|flown|flew)\\s+(?:back\\s+)?home|brought\\s+back'),
  },
  {
    type: 'repatriation',
    language: 'en',
    stems: ['brought', 'flown back', 'flew back'],
    pattern: w('brought|flown\\s+back|flew\\s+back'),
    notAfter:
      /^\s+(?:charges?|cases?|criminal|an?\s+(?:case|charge|lawsuit|suit|appeal)|to\s+(?:justice|court|trial|the\s+police)|before|in\s+for|under)\b/i,
    clauseHas: homeContext,
  },
  {
    type: 'repatriation',
    language: 'en',
    stems: ['returned', 'evacuated'],
    pattern: w('returned|evacuated'),
    needsCount: true,
    orContext: homeContext,
  },
  {
    type: 'repatriation',
    language: 'en',
    stems: ['repatriation'],
    pattern: w('repatriation\\s+of'),
    needsCount: true,
  },
  {
    type: 'repatriation',
    language: 'en',
    stems: ['to repatriate', 'to bring', 'to return', 'to evacuate'],
    pattern: w(
      '(?:launched|began|started|conducted|carried\\s+out|organi[sz]ed)[^.;]{0,60}?\\b(?:operation|flights?|mission)\\b[^.;]{0,60}?\\bto\\s+(?:repatriate|bring\\s+(?:back|home)|return|evacuate)',
    ),
  },
  {
    type: 'repatriation',
    language: 'ru',
    stems: ['репатриир'],
    pattern: w('репатриировал[иа]?|репатриирован[аоы]?'),
  },
  {
    type: 'repatriation',
    language: 'ru',
    stems: ['возвращ', 'вернул', 'возвратил', 'вывезен', 'эвакуирован', 'доставлен'],
    pattern: w(
      'возвращен[аоы]?|возвращ[её]н|вернул[иа]?|возвратил[иа]?|вывезен[аоы]?|эвакуирован[аоы]?|доставлен[аоы]?',
    ),
    needsCount: true,
    orContext: homeContext,
  },
  // ban / designation
  {
    type: 'ban',
    language: 'en',
    stems: ['banned', 'outlawed', 'proscribed', 'blacklisted', 'barred'],
    pattern: w('banned|outlawed|proscribed|blacklisted|barred'),
    participle: true,
    clauseHas: groupOrExtremism,
    notAfter: /^\s+from\b/i,
    countless: true,
  },
  {
    type: 'ban',
    language: 'en',
    stems: ['bans'],
    pattern: w('bans'),
    after: /^\s+(?:the|its|their|all)\b|^\s+\p{Lu}/u,
    clauseHas: groupOrExtremism,
    countless: true,
  },
  {
    type: 'ban',
    language: 'en',
    stems: ['designated', 'labeled', 'labelled'],
    pattern: w('designated|labell?ed'),
    after: extremismAhead,
    countless: true,
  },
  {
    type: 'ban',
    language: 'en',
    stems: ['recognized', 'recognised', 'declar', 'deemed', 'classified', 'branded', 'listed'],
    pattern: w('recogni[sz]ed|declared|declaring|deemed|classified|branded|listed'),
    after: asExtremist,
    countless: true,
  },
  {
    type: 'ban',
    language: 'en',
    stems: ['added'],
    pattern: w('added'),
    after: /^[^.;]{0,80}?\bto\s+(?:its|the|a|their)\s+(?:[^\s.;]+\s+){0,4}?(?:list|register|blacklist)/i,
    clauseHas: /terror|extremis|sanction/,
    countless: true,
  },
  {
    type: 'ban',
    language: 'ru',
    stems: ['запретил', 'запрещ'],
    pattern: w('запретил[иа]?|запрещ[её]н[аоы]?'),
    clauseHas: groupOrExtremism,
    countless: true,
  },
  {
    type: 'ban',
    language: 'ru',
    stems: ['признал', 'признан'],
    pattern: w('признал[иа]?|признан[аоы]?|признани[еяю]'),
    after: /^\s+(?:[\p{L}«»-]+\s+){0,3}?(?:экстремистск|террористическ)/iu,
    countless: true,
  },
  {
    type: 'ban',
    language: 'ru',
    stems: ['внес', 'внёс', 'включ'],
    pattern: w('вн[её]с(?:ли|ла|л|ен[аоы]?|ён)?|включил[иа]?|включен[аоы]?|включ[её]н'),
    after: /^[^.;]{0,60}?(?:список|перечень|реестр)/iu,
    clauseHas: /экстремист|террорист|запрещ[её]нн/,
    countless: true,
  },
];

export { bannedAsAdjective };
