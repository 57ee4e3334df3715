/**
 * An article's name occurrences (recognise-names.ts, title and text) as the store files them: one
 * RecognisedMention per type and key, counted, with its first place and spelling, and the slug a new
 * entity for it gets — its name in Latin letters and a short hash of its type and key, so two
 * spellings of one name (Токтосунов, Toktosunov) give one slug and no two names share one.
 */
import { createHash } from 'node:crypto';
import type { RecognisedMention } from '../../store/enrichment.ts';
import { romanizeWord } from '../language/romanize-word.ts';
import type { NameOccurrence } from './recognise-names.ts';

/** Recognised names kept per article at most: a list of names is worth its first ones. */
export const maxRecognisedPerArticle = 100;

const cyrillic = /[\u0400-\u04FF]/;

/** The slug of a recognised entity. */
export function recognisedSlug(type: string, name: string, key: string): string {
  const latin = name
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word !== '')
    .map((word) => romanizeWord(word, cyrillic.test(word) ? 'cyrillic' : 'latin'))
    .filter((word) => word !== '')
    .join('-')
    .slice(0, 80);
  const hash = createHash('sha256').update(`${type}\u0000${key}`).digest('hex').slice(0, 6);
  return `${latin === '' ? type : latin}-${hash}`;
}

/** Title occurrences count at offset -1, as the gazetteer's mentions do. */
export function groupRecognised(inTitle: NameOccurrence[], inText: NameOccurrence[]): RecognisedMention[] {
  const found = new Map<string, RecognisedMention>();
  const add = (occurrence: NameOccurrence, offset: number) => {
    const id = `${occurrence.type} ${occurrence.surnameOnly ? `surname:${occurrence.surnameKey}` : occurrence.key}`;
    const known = found.get(id);
    if (known !== undefined) {
      known.mentions += 1;
      return;
    }
    if (found.size >= maxRecognisedPerArticle) return;
    found.set(id, {
      type: occurrence.type,
      name: occurrence.name,
      key: occurrence.key,
      slug: recognisedSlug(occurrence.type, occurrence.name, occurrence.key),
      ...(occurrence.surnameKey === undefined ? {} : { surnameKey: occurrence.surnameKey }),
      surnameOnly: occurrence.surnameOnly,
      mentions: 1,
      firstOffset: offset,
      surface: occurrence.surface,
    });
  };
  for (const occurrence of inTitle) add(occurrence, -1);
  for (const occurrence of inText) add(occurrence, occurrence.start);
  return [...found.values()];
}
