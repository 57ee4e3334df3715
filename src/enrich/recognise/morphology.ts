/**
 * What a dictionary knows about a capitalised word: whether it reads as a given name, a surname, a
 * patronymic or a place, and its dictionary form. `az` (a port of pymorphy2 over the OpenCorpora
 * dictionary, with probabilistic guesses for words it lacks) does the reading; a Latin word is read
 * through its Cyrillic spelling (cyrillic-to-translit-js), which for the region's names is the
 * spelling the dictionary knows (Bakyt → Бакыт, Toktosunov → Токтосунов).
 *
 * The dictionaries take ~0.4 s to load, once per thread (loadMorphology is memoised); a reading costs
 * 0.1–0.3 ms, so readings are memoised per word in a bounded cache.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BoundedCache } from '../language/bounded-cache.ts';

/** How a word reads, as far as names go. Scores are az's probabilities (0..1) of its likeliest reading of each kind. */
export interface WordReading {
  givenName: number;
  surname: number;
  patronymic: number;
  place: number;
  organisation: number;
  /** The dictionary form of the likeliest name reading (lower case, Cyrillic), or the word lower-cased. */
  lemma: string;
  /** The dictionary form as a surname, when az has a surname reading (Каримова → каримов, not карим). */
  surnameLemma?: string;
  /** The likeliest given-name reading is a woman's (Гульбарчын, Айпери): her surname ends in -ова. */
  feminine: boolean;
}

/** Reads words; built once per thread by loadMorphology. */
export interface Morphology {
  read(word: string): WordReading;
}

// az and cyrillic-to-translit-js are CommonJS without type declarations: the parts used, typed here.
interface AzParse {
  tag: Record<string, unknown>;
  score: number;
  normalize(): { word: string };
}
interface AzModule {
  Morph: ((word: string, config?: { parsers: string[] }) => AzParse[]) & {
    init(path: string, callback: (error?: unknown) => void): void;
  };
}
type Transliterator = { reverse(text: string): string };

const require = createRequire(import.meta.url);
const cyrillic = /[\u0400-\u04FF]/;
const readings = new BoundedCache<string, WordReading>(50_000);
let loading: Promise<Morphology> | null = null;

/** The morphology, loading the dictionaries on first use. Rejects (and may be retried) when they cannot load. */
export function loadMorphology(): Promise<Morphology> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function load(): Promise<Morphology> {
  const az = require('az') as AzModule;
  const Transliterate = require('cyrillic-to-translit-js') as new (options: {
    preset: string;
  }) => Transliterator;
  const toCyrillic = new Transliterate({ preset: 'ru' });
  const dictionaries = join(dirname(require.resolve('az/package.json')), 'dicts');
  await new Promise<void>((resolve, reject) =>
    az.Morph.init(dictionaries, (error) =>
      error
        ? reject(new Error(`the name dictionaries (az) did not load from ${dictionaries}: ${String(error)}`))
        : resolve(),
    ),
  );
  return {
    read(word) {
      let reading = readings.get(word);
      if (reading === undefined) {
        const spelled = (cyrillic.test(word) ? word : toCyrillic.reverse(word)).toLowerCase();
        // Capitalised, as names are written: az finds the name readings of a word only so.
        reading = readWord(az, spelled.charAt(0).toUpperCase() + spelled.slice(1));
        readings.set(word, reading);
      }
      return reading;
    },
  };
}

/**
 * The dictionary, then hyphenated words, then guesses by suffix (which read Токтосунова as a surname
 * az has never seen): az's other parsers (numbers, Latin, abbreviations, prefix guesses) tell nothing
 * about names and cost a third of the time.
 */
const nameParsers = { parsers: ['Dictionary?', 'HyphenWords', 'SuffixKnown?'] };

function readWord(az: AzModule, word: string): WordReading {
  const reading: WordReading = {
    givenName: 0,
    surname: 0,
    patronymic: 0,
    place: 0,
    organisation: 0,
    lemma: word.toLowerCase(),
    feminine: false,
  };
  let best = 0;
  for (const parse of az.Morph(word, nameParsers)) {
    const tag = parse.tag;
    const score = parse.score;
    const kind = tag.Name
      ? 'givenName'
      : tag.Surn
        ? 'surname'
        : tag.Patr
          ? 'patronymic'
          : tag.Geox
            ? 'place'
            : tag.Orgn
              ? 'organisation'
              : null;
    if (kind === null) continue;
    if (kind === 'surname' && score > reading.surname) reading.surnameLemma = parse.normalize().word;
    if (kind === 'givenName' && score > reading.givenName) reading.feminine = tag.femn === true;
    reading[kind] = Math.max(reading[kind], score);
    if (score > best) {
      best = score;
      reading.lemma = parse.normalize().word;
    }
  }
  return reading;
}
