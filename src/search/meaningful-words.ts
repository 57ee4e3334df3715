/**
 * The words of a text that say something about it: lower-cased letter runs of three letters or more,
 * without numbers and without English and Russian stop words. Shared by the top words of a query and
 * "more like this".
 */
import { MARK_END, MARK_START } from '../store/store.ts';

/** The shortest word kept, in letters. */
export const minWordLength = 3;

// Function words and the commonest verbs and adverbs of news prose, which say nothing of a topic.
const english = `a about above across after again against ago all almost also although always am among an and
another any anyone anything are around as at away back be became because become been before being
below between both but by came can cannot could did do does doing done down during each either else
even ever every few for from further get gets got had has have having he her here hers herself him
himself his how however i if in including into is it its itself just last least less like made make
many may me might more most much must my myself near neither never new next no nor not now of off
often on once one only or other others our ours ourselves out over own part per put rather said same
say says see seen several she should since so some still such take than that the their theirs them
themselves then there these they this those though three through thus till to too told two under
until up upon us very via was way we well were what when where whether which while who whom whose
why will with within without would year years yet you your yours yourself yourselves according
week weeks today tuesday monday wednesday thursday friday saturday sunday mr mrs ms four five six seven eight nine ten hundred thousand million first second`;

const russian = `а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже
для до его ее её если есть еще ещё же за здесь и из или им их к как какой когда кто ли либо мне может
мы на над надо наш не него нее неё нет ни них но ну о об однако он она они оно от очень по под при
про с со так также такой там те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы
чье чья эта эти это этого этой этом этот я сказал сказала заявил заявила году года год лет который
которая которые которых также после между время будет быть было своих свой своей свои себя сообщил
сообщили словам`;

/** Lower-cased, with accents folded (`café` → `cafe`), as both stores compare words. */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** English and Russian stop words, lower case. */
export const stopWords: ReadonlySet<string> = new Set(`${english} ${russian}`.split(/\s+/).filter(Boolean));

/** True for a word worth counting: long enough, not a number, not a stop word. */
export function isMeaningfulWord(word: string): boolean {
  // Cheapest tests first: this runs on every word of a hundred texts per results page.
  if (word.length < minWordLength || stopWords.has(word)) return false;
  // Code units can outnumber letters (astral characters): count letters only where it can matter.
  if (word.length < 2 * minWordLength && Array.from(word).length < minWordLength) return false;
  return hasLetter.test(word);
}

const hasLetter = /\p{L}/u;
const hasDigit = /\p{N}/u;

/**
 * The meaningful words of `text` in order, lower-cased but not folded (they are shown to users, and
 * folding would turn Russian `й` into `и`); match marks are treated as spaces.
 */
export function meaningfulWords(text: string): string[] {
  const words =
    text
      .replaceAll(MARK_START, ' ')
      .replaceAll(MARK_END, ' ')
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const kept: string[] = [];
  for (const found of words) {
    const word = found.toLowerCase();
    if (isMeaningfulWord(word) && !hasDigit.test(word)) kept.push(word);
  }
  return kept;
}
