/**
 * What the event rules ask of a sentence: its clauses, whether a trigger is negated or hypothetical, and
 * which number near a trigger counts people.
 */
import type { CountMention } from './find-counts.ts';
import { numberWordPattern } from './number-words.ts';

/** A span inside a sentence. */
export interface Span {
  start: number;
  end: number;
}

/** Parts of a sentence that state separate events ("…killed 14, as well as a bombing that…"). */
const clauseBreak = /;|,?\s+(?:as well as|а также)\s+/g;

/** The clauses of `sentence` (lowercased); one fact per event type is kept per clause. */
export function splitClauses(sentence: string): Span[] {
  const clauses: Span[] = [];
  let start = 0;
  clauseBreak.lastIndex = 0;
  for (let found = clauseBreak.exec(sentence); found !== null; found = clauseBreak.exec(sentence)) {
    clauses.push({ start, end: found.index });
    start = found.index + found[0].length;
  }
  clauses.push({ start, end: sentence.length });
  return clauses;
}

/** Quantifiers that contain a negation word but do not negate: "no fewer than", "не менее". */
const negatedQuantifier =
  /\b(?:no|not)\s+(?:fewer|less|more|later|earlier)\s+than\b|(?<![а-яё])не\s+(?:менее|более|позднее|раньше|больше|меньше)(?![а-яё])/g;
// Lowercase patterns without the i and u flags: they run on every trigger, often on two-byte (Cyrillic) text.
const englishBlocker =
  /\b(?:not|no|never|nobody|none|neither|nor|without|if|unless|whether|plans?|planned|planning|plot|plotted|plotting|intends?|intended|would|could|should|will|shall|urged?|urging|call(?:ed|s)?\s+(?:on|for)|threaten(?:s|ed)?|den(?:y|ies|ied)|rumou?rs?|false|reports?\s+that|expected|likely|possible|risk|fears?|feared|prevent(?:ed|ing)?|foil(?:ed)?|thwart(?:ed)?|warn(?:s|ed)?|avoid(?:ed)?|sought|tried|attempt(?:ed)?\s+to|number\s+of|n't)\b/;
const modalMay = /\b(?:may|might)\b/;
const russianBlocker =
  /(?<![а-яё])(?:не|ни|никто|ничего|нельзя|без|если|планиру[а-яё]*|планировал[а-яё]*|намерен[а-яё]*|намерева[а-яё]*|собира[а-яё]*|могут|может|мог|могли|должн[а-яё]*|будут|будет|бы|призва[а-яё]*|призыва[а-яё]*|опроверг[а-яё]*|слух[а-яё]*|угроз[а-яё]*|готовил[а-яё]*|готовящ[а-яё]*|подготовк[а-яё]*|предотвра[а-яё]*|боят[а-яё]*|боял[а-яё]*|опасени[а-яё]*|опаса[а-яё]*|ожида[а-яё]*|избежа[а-яё]*|пытал[а-яё]*|число|числа|количество|количества)(?![а-яё])/;

/**
 * True when the words just before a trigger (back to the last comma, at most 80 characters) negate it or
 * make it hypothetical: "no one was detained", "if convicted", "plans to repatriate", "не был задержан".
 * `lower` is `text` lowercased (same length); "may" is read in `text`, where May the month is capitalised.
 */
export function isNegatedOrHypothetical(
  text: string,
  lower: string,
  triggerStart: number,
  clauseStart: number,
): boolean {
  const from = Math.max(clauseStart, triggerStart - 80);
  let window = lower.slice(from, triggerStart);
  const comma = Math.max(window.lastIndexOf(','), window.lastIndexOf(':'), window.lastIndexOf('—'));
  const windowStart = comma >= 0 ? from + comma + 1 : from;
  if (comma >= 0) window = window.slice(comma + 1);
  window = window.replace(negatedQuantifier, ' ');
  return (
    englishBlocker.test(window) ||
    russianBlocker.test(window) ||
    modalMay.test(text.slice(windowStart, triggerStart))
  );
}

/** Determiners before a participle make it an adjective: "the banned group", "the detained men". */
const determinerBefore = /\b(?:the|a|an|its|their|his|her|these|those|this|that)\s+$/i;
/** Nouns for people right after a participle make it an adjective: "37 repatriated men". */
const personAfter =
  /^\s+(?:men|women|children|citizens|nationals|people|persons|militants|fighters|suspects|members|returnees|journalists|activists)\b/i;

/** A number right before a participle makes a following noun for people its head: "37 repatriated men". */
const numberBefore = new RegExp(
  `(?:\\d|(?<![a-z])(?:${numberWordPattern}|several|many|some|other|dozens))\\s+$`,
  'i',
);

/**
 * True when an English participle trigger is used as an adjective, not as a verb: after a determiner
 * ("the banned group"), or between a number and a noun for people ("37 repatriated men"). A noun after
 * the verb is its object otherwise ("police detained members of…"), and a phrasal trigger ("rounded up")
 * is never an adjective.
 */
export function isAttributive(sentence: string, trigger: Span): boolean {
  if (determinerBefore.test(sentence.slice(Math.max(0, trigger.start - 8), trigger.start))) return true;
  if (sentence.slice(trigger.start, trigger.end).includes(' ')) return false;
  return (
    personAfter.test(sentence.slice(trigger.end, trigger.end + 16)) &&
    numberBefore.test(sentence.slice(Math.max(0, trigger.start - 40), trigger.start))
  );
}

const englishPassive =
  /\b(?:was|were|been|be|being|is|are)\s+(?:(?:also|later|reportedly|allegedly|then|subsequently|recently|all|not)\s+)?$/i;

/** True when an English trigger follows a form of "be" ("were detained"): its count comes before it. */
export function isEnglishPassive(sentence: string, trigger: Span): boolean {
  return englishPassive.test(sentence.slice(Math.max(0, trigger.start - 40), trigger.start));
}

const approximatorsOnly =
  /^(?:\s|about|around|some|nearly|almost|roughly|approximately|at least|more than|over|up to|as many as|an estimated|estimated|no fewer than|no less than|fewer than|less than|close to|just over|just under|около|более|свыше|почти|порядка|примерно|не менее|не более|как минимум|по меньшей мере|по крайней мере|до|приблизительно|менее|больше|еще|ещё|another|a further|further)*$/;

/**
 * The count of people a trigger states: the first number for people after it (up to 60 characters, not
 * past a comma), or the nearest one before it (up to 80 characters, same comma rule); `order` says which
 * side is tried first. A bare number right after the trigger also counts ("killed 3."). Returns null when
 * the nearest quantity is vague ("dozens"), undefined when there is none.
 */
export function countNear(
  sentence: string,
  counts: CountMention[],
  trigger: Span,
  clause: Span,
  order: 'after-first' | 'before-first',
): number | null | undefined {
  const after = () => countAfter(sentence, counts, trigger, clause);
  const before = () => countBefore(sentence, counts, trigger, clause);
  const first = order === 'after-first' ? after() : before();
  if (first !== undefined) return first;
  return order === 'after-first' ? before() : after();
}

function countAfter(
  sentence: string,
  counts: CountMention[],
  trigger: Span,
  clause: Span,
): number | null | undefined {
  for (const mention of counts) {
    if (mention.start < trigger.end || mention.start >= clause.end) continue;
    // A quoted name between the verb and its count is read past ("из лагеря «Аль-Хол» ещё 16").
    const gap = sentence.slice(trigger.end, mention.start).replace(quotedName, 'q');
    if (gap.length > 60 || /[,;:()«»"“”]/.test(gap)) return undefined;
    const bare = approximatorsOnly.test(gap.toLowerCase());
    if (mention.value === null) return mention.ofPeople || bare ? null : undefined;
    if (mention.ofPeople || bare) return mention.value;
  }
  return undefined;
}

function countBefore(
  sentence: string,
  counts: CountMention[],
  trigger: Span,
  clause: Span,
): number | null | undefined {
  // A count before an aside ("516 people, most of them children, have been brought back") reaches the
  // verb across it: the aside is skipped when it opens with one of the usual words.
  const reach = sentence
    .slice(clause.start, trigger.start)
    .replace(aside, (found) => ' '.repeat(found.length));
  for (let i = counts.length - 1; i >= 0; i--) {
    const mention = counts[i]!;
    if (mention.end > trigger.start || mention.start < clause.start) continue;
    if (reach[mention.start - clause.start] === ' ') continue; // inside the aside: "including four women"
    const gap = reach.slice(mention.end - clause.start);
    if (gap.length > 120 || /[,;:]/.test(gap)) return undefined;
    if (mention.ofPeople) return mention.value;
  }
  return undefined;
}

/**
 * An aside between commas that cannot hold the verb: "including four women", "most of them children",
 * "в том числе…", or a clause about the people counted ("who had fought in Syria", "suspected of
 * recruiting", "подозреваемых в вербовке", "которые воевали…").
 */
/** A short quoted name (a group's, a camp's), read past between a verb and its count. */
const quotedName = /«[^«»,;]{1,40}»|“[^“”,;]{1,40}”|"[^",;]{1,40}"/g;

const aside =
  /,\s*(?:including|among them|most of them|many of them|mostly|mainly|all of them|in total|who|suspected|accused|aged|в том числе|из них|среди них|большинство из них|преимущественно|подозреваем[а-яё]*|обвиняем[а-яё]*|причастн[а-яё]*|котор[а-яё]+|в возрасте)(?![\p{L}])[^,;:]{0,80},/giu;
