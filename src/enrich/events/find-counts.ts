/**
 * Number mentions in a sentence that can be a count of people, and the ones that cannot: years (in 2017),
 * ages (a 27-year-old, 35-летнего), prison terms (7 years, 7 годам), percentages, ranges (400-500,
 * от 5 до 12), scores (2-1), article numbers (статьи 244).
 */
import { numberWordPattern, readNumberWords, vagueQuantityPattern } from './number-words.ts';
import { wordLetters } from './word-pattern.ts';

/** A number in a sentence, read as a possible count of people. */
export interface CountMention {
  /** The count; null for a vague quantity ("dozens", "десятки"), which means "many, uncounted". */
  value: number | null;
  start: number;
  end: number;
  /** Followed (within five words) by a noun for people, or by a verb whose subject it is ("31 were", "two engineers were"). */
  ofPeople: boolean;
}

// Every pattern here runs on lowercased text, with explicit letter classes and no i/u flags: V8 runs those
// several times faster on two-byte (Cyrillic, curly-quoted) strings.
const mentionPattern = new RegExp(
  `(?<![${wordLetters}.,:/-])(?:(\\d{1,3}(?:[,\\u00a0\\u202f ]\\d{3})+|\\d+)|(${numberWordPattern})|(${vagueQuantityPattern}))(?![${wordLetters}])`,
  'g',
);
const unitWord =
  /^(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?|seconds?|percent|per|times?|km|kilomet[a-zа-яё]*|miles?|kg|tons?|tonnes?|dollars?|usd|euros?|soms?|tenge|sums?|rubles?|roubles?|stages?|rounds?|million|billion|thousand|st|nd|rd|th|am|pm|летн[a-zа-яё]*|лет|год[a-zа-яё]*|месяц[a-zа-яё]*|недел[a-zа-яё]*|дн[a-zа-яё]*|день|час[a-zа-яё]*|минут[a-zа-яё]*|секунд[a-zа-яё]*|процент[a-zа-яё]*|раз|раза|км|кг|тонн[a-zа-яё]*|долл[a-zа-яё]*|рубл[a-zа-яё]*|тенге|сом[a-zа-яё]{0,2}|сум[a-zа-яё]{0,2}|евро|этап[a-zа-яё]*|раунд[a-zа-яё]*|тыс|млн|млрд|[йгмхея]|го|ый|ой|ая|ое|ого|january|february|march|april|may|june|july|august|september|october|november|december|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)$/;
const symbolAfter = /^\s*(?:%|‰|:\d|[-–]\s*\d|[.,]\d)/;
const rangeAfter = new RegExp(`^\\s*(?:to|and|or|до|по|или|[-–])\\s*(?:\\d|${numberWordPattern})`);
const rangeBefore = new RegExp(
  `(?:\\d|(?<![${wordLetters}])${numberWordPattern})\\s*(?:to|and|or|до|по|или|[-–])\\s*$`,
);
const nonCountBefore =
  /(?:\b(?:aged?|ages|no|number|article|articles|part|paragraph|section|flight|page|chapter|case|code|room|between|from)|(?<![а-яё])(?:статья|статьи|статье|ст|части|ч|пункт[a-zа-яё]*|номер[a-zа-яё]*|рейс[a-zа-яё]*|глав[a-zа-яё]*|дело|дела|между|от|с)|(?:january|february|march|april|may|june|july|august|september|october|november|december)|[$€£№#])\.?\s*$/;
const personNoun =
  /^(?:people|persons?|men|women|children|kids|boys|girls|members|suspects|citizens|nationals|residents|soldiers|servicemen|troops|officers|policemen|guards|passengers|civilians|worshippers|militants|fighters|insurgents|supporters|followers|adherents|activists|journalists|bloggers|students|teenagers|youths?|individuals|defendants|returnees|migrants|workers|pilgrims|imams|preachers|recruits|engineers|doctors|teachers|farmers|drivers|guests|spectators|fans|pupils|schoolchildren|staff|conscripts|peacekeepers|diplomats|clerics|extremists|terrorists|jihadists|detainees|prisoners|orphans|families|relatives|tourists|employees|officials|others|victims|leaders|believers|women|man|woman|person|child|человек[a-zа-яё]*|люд[a-zа-яё]*|граждан[a-zа-яё]*|жител[a-zа-яё]*|член[a-zа-яё]*|участник[a-zа-яё]*|сторонник[a-zа-яё]*|последовател[a-zа-яё]*|подозреваем[a-zа-яё]*|обвиняем[a-zа-яё]*|осужд[её]нн[a-zа-яё]*|боевик[a-zа-яё]*|военн[a-zа-яё]*|солдат[a-zа-яё]*|пограничник[a-zа-яё]*|полицейск[a-zа-яё]*|сотрудник[a-zа-яё]*|пассажир[a-zа-яё]*|мирн[a-zа-яё]*|дет[a-zа-яё]*|реб[её]н[a-zа-яё]*|женщин[a-zа-яё]*|мужчин[a-zа-яё]*|мигрант[a-zа-яё]*|студент[a-zа-яё]*|верующ[a-zа-яё]*|активист[a-zа-яё]*|журналист[a-zа-яё]*|блогер[a-zа-яё]*|террорист[a-zа-яё]*|экстремист[a-zа-яё]*|вербовщик[a-zа-яё]*|задержанн[a-zа-яё]*|паломник[a-zа-яё]*|имам[a-zа-яё]*|выход[a-zа-яё]*|уроженц[a-zа-яё]*|подрост[a-zа-яё]*|иностран[a-zа-яё]*|сирот[a-zа-яё]*|адепт[a-zа-яё]*|нарушител[a-zа-яё]*|беженц[a-zа-яё]*|заложник[a-zа-яё]*|violators|intruders|refugees|hostages|gunmen|assailants|attackers)$/;
const subjectVerb = /^(?:were|was|have|had|are|is|died|погибл[а-яё]*|был[а-яё]*)$/;
const yearLike = /^(?:19|20)\d\d$/;
const nextWord = new RegExp(`^[\\s-]*([${wordLetters}'’]+)`);

/** Every number mention in `sentence` (lowercased: see lowercaseSameLength) that could count people, in order. */
export function findCounts(sentence: string): CountMention[] {
  const mentions: CountMention[] = [];
  mentionPattern.lastIndex = 0;
  for (let found = mentionPattern.exec(sentence); found !== null; found = mentionPattern.exec(sentence)) {
    const start = found.index;
    const end = start + found[0].length;
    const after = sentence.slice(end, end + 60);
    const before = sentence.slice(Math.max(0, start - 24), start);
    if (
      symbolAfter.test(after) ||
      rangeAfter.test(after) ||
      rangeBefore.test(before) ||
      nonCountBefore.test(before)
    )
      continue;
    const words = nextWords(after);
    if (words[0] !== undefined && unitWord.test(words[0])) continue;
    const ofPeople = words.some((word) => personNoun.test(word) || subjectVerb.test(word));
    const value = readValue(found);
    if (value === undefined) continue;
    if (
      value !== null &&
      found[1] !== undefined &&
      yearLike.test(found[1]) &&
      !personNoun.test(words[0] ?? '')
    )
      continue;
    mentions.push({ value, start, end, ofPeople });
  }
  return mentions;
}

/** The mention's value: a number, null for a vague quantity, undefined when unreadable. */
function readValue(found: RegExpExecArray): number | null | undefined {
  if (found[1] !== undefined) return Number(found[1].replace(/[^\d]/g, ''));
  if (found[2] !== undefined) return readNumberWords(found[2]) ?? undefined;
  return null;
}

/**
 * Up to five words right after a number, stopping at punctuation ("active members of" → active, members,
 * of): five, so that a group's name fits between a number and its noun ("four Hizb ut-Tahrir supporters").
 */
function nextWords(after: string): string[] {
  const words: string[] = [];
  let rest = after;
  for (let i = 0; i < 5; i++) {
    const found = nextWord.exec(rest);
    if (found === null) break;
    words.push(found[1]!);
    rest = rest.slice(found[0].length);
  }
  return words;
}
