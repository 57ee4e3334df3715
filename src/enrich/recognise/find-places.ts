/**
 * Places: a capitalised Russian word az reads as a place after a preposition or a word for a
 * settlement ("в Шамалды-Сае", "селе Кок-Жар"), a Russian place adjective before a place noun
 * ("Исфаринского района"), or an English name after "village of" or before "village" / "district".
 */
import { phraseKey } from '../language/index.ts';
import { nameForm } from './find-people.ts';
import type { Morphology } from './morphology.ts';
import {
  placeCuesAfter,
  placeCuesBefore,
  placeOf,
  russianPlaceAdjective,
  russianPlaceNoun,
} from './name-cues.ts';
import {
  cyrillic,
  isNameWord,
  lowerWordBefore,
  type NameOccurrence,
  plainOccurrence,
  type Token,
} from './name-runs.ts';

const nextWord = /^[\s\u00a0]*([\p{L}\p{M}'’-]+)/u;

export function placeIn(text: string, run: Token[], morphology: Morphology): NameOccurrence | null {
  if (run.length > 3 || run.some((token) => !isNameWord(token))) return null;
  if (cyrillic.test(run[0]!.text)) {
    const before = lowerWordBefore(text, run[0]!.start);
    const noun = /^ ([а-яё]+)/.exec(text.slice(run.at(-1)!.end, run.at(-1)!.end + 20))?.[1] ?? '';
    if (
      run.length === 1 &&
      russianPlaceAdjective.test(run[0]!.text.toLowerCase()) &&
      russianPlaceNoun.test(noun)
    )
      return plainOccurrence('place', text, run[0]!.start, run[0]!.end + 1 + noun.length);
    if (run.length !== 1 || !placeCuesBefore.has(before)) return null;
    const reading = morphology.read(run[0]!.text);
    const settlementNoun = !['в', 'во', 'из', 'под', 'около', 'близ', 'возле', 'через'].includes(before);
    if (reading.place < 0.5 && !settlementNoun) return null;
    if (reading.givenName >= 0.5 || reading.surname >= 0.5) return null;
    const name = reading.place >= 0.5 ? nameForm(run[0]!.text, reading) : run[0]!.text;
    return { ...plainOccurrence('place', text, run[0]!.start, run[0]!.end), name, key: phraseKey(name) };
  }
  const after = nextWord.exec(text.slice(run.at(-1)!.end, run.at(-1)!.end + 30))?.[1]?.toLowerCase() ?? '';
  if (
    !placeCuesAfter.has(after) &&
    !placeOf.test(text.slice(Math.max(0, run[0]!.start - 30), run[0]!.start).toLowerCase())
  )
    return null;
  return plainOccurrence('place', text, run[0]!.start, run.at(-1)!.end);
}
