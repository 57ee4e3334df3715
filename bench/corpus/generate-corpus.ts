/**
 * A deterministic generator of a realistic Central Asian security-news corpus for benchmarks: the
 * same seed always gives byte-identical articles, word frequencies follow Zipf's law, lengths are
 * lognormal, and named entities and stock phrases occur at rates that make searches behave as on
 * a real archive. Articles are generated one at a time, so corpora of any size stream in constant memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { NewArticle } from '../../src/core/article.ts';
import {
  type CountryEntities,
  countries,
  type EntityName,
  phrases,
  rareNames,
  regional,
} from './entities.ts';
import {
  DiscreteSampler,
  gaussian,
  mulberry32,
  pick,
  type Random,
  randomInt,
  weightedPicker,
  zipfWeights,
} from './random.ts';
import { type BenchSource, benchSources, englishBylines, russianBylines } from './sources.ts';
import { type EncodedWords, encodeWords, TextWriter } from './text-writer.ts';
import { buildEnglishVocabulary } from './vocabulary-en.ts';
import { buildRussianVocabulary } from './vocabulary-ru.ts';

/** A generated article: a NewArticle with every field the corpus sets made required. */
export interface BenchArticle extends NewArticle {
  url: string;
  source: string;
  title: string;
  author: string | null;
  publishedAt: string;
  language: 'en' | 'ru';
  text: string;
}

/** Zipf exponent of word frequencies; ~1.07 is what news corpora measure. */
export const zipfExponent = 1.07;
/** Share of Russian-language articles. */
export const russianShare = 0.1;
/** The corpus spans ten years ending with this instant (exclusive). */
export const corpusEnd = Date.UTC(2026, 0, 1);
/** First instant an article may carry. */
export const corpusStart = Date.UTC(2016, 0, 1);
/** Median article length in words and the cap of the lognormal tail. */
export const medianWords = 350;
export const maxWords = 3000;

const lengthSigma = 0.6; // with median 350 this puts the 99.9th percentile near 2,200 words
const minWords = 40;
const recencyGrowth = Math.log(4); // the last year holds ~4x the articles of the first
/** Headline words skip the ranks below this: headlines drop "the", "of", "and". */
const headlineSkipRanks = 10;

/** Everything one language contributes to generation, built once and shared by all corpora. */
interface LanguageModel {
  words: string[];
  capitalized: string[];
  encoded: EncodedWords;
  encodedCapitalized: EncodedWords;
  sampler: DiscreteSampler;
  pickSource: (random: Random) => BenchSource;
  bylines: { given: string[]; family: string[] };
  form: (entity: EntityName, short: boolean) => string;
  /** " said." after the speaker of a quotation. */
  saidSuffix: string;
  /** Opening and closing quotation marks: straight in English (as most wires send), «» in Russian. */
  quotes: [string, string];
  titleCase: boolean;
  phrases: Array<{ text: string; perSentence: number }>;
  phraseChance: number;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function buildModel(language: 'en' | 'ru'): LanguageModel {
  const words = language === 'en' ? buildEnglishVocabulary() : buildRussianVocabulary();
  const sources = benchSources.filter((source) => source.language === language);
  const stock = phrases.map((phrase) => ({ text: phrase[language], perSentence: phrase.perSentence }));
  const capitalized = words.map(capitalize);
  return {
    words,
    capitalized,
    encoded: encodeWords(words),
    encodedCapitalized: encodeWords(capitalized),
    sampler: new DiscreteSampler(zipfWeights(words.length, zipfExponent)),
    pickSource: weightedPicker(
      sources,
      sources.map((source) => source.weight),
    ),
    bylines: language === 'en' ? englishBylines : russianBylines,
    form:
      language === 'en'
        ? (entity, short) => (short && entity.enShort ? entity.enShort : entity.en)
        : (entity, short) => (short && entity.ruShort ? entity.ruShort : entity.ru),
    saidSuffix: language === 'en' ? ' said.' : ' заявил.',
    quotes: language === 'en' ? ['"', '"'] : ['«', '»'],
    titleCase: language === 'en',
    phrases: stock,
    phraseChance: stock.reduce((sum, phrase) => sum + phrase.perSentence, 0),
  };
}

let models: { en: LanguageModel; ru: LanguageModel } | undefined;

/** The language models, built on first use (about 50 ms) rather than at import. */
function languageModels(): { en: LanguageModel; ru: LanguageModel } {
  models ??= { en: buildModel('en'), ru: buildModel('ru') };
  return models;
}

const pickCountry = weightedPicker(
  countries,
  countries.map((country) => country.weight),
);

/** One named entity for a story about `country`: people, places and organisations at news-like rates. */
function entityFor(random: Random, model: LanguageModel, country: CountryEntities): string {
  const kind = random();
  const local = random() < 0.75;
  if (kind < 0.4) return model.form(pick(random, local ? country.people : regional.people), random() < 0.6);
  if (kind < 0.75) {
    if (local && random() < 0.35) return model.form(country.country, false);
    return model.form(pick(random, local ? country.places : regional.places), false);
  }
  return model.form(pick(random, local ? country.organisations : regional.organisations), random() < 0.5);
}

/** State shared by the sentences of one article. */
interface ArticleContext {
  random: Random;
  model: LanguageModel;
  country: CountryEntities;
  /** Rare names still to be placed in the text. */
  pendingRare: string[];
  /** Words left before the next comma; a geometric countdown costs one draw per comma, not per word. */
  untilComma: number;
  nextGap: () => number;
  writer: TextWriter;
}

const commaRate = 0.06;
const logNoComma = Math.log(1 - commaRate);

function nextCommaGap(random: Random): number {
  return 2 + Math.floor(Math.log(1 - random()) / logNoComma);
}

const period = 0x2e;

/** One sentence of `length` Zipf words plus, sometimes, an entity, a stock phrase or a rare name. */
function sentence(context: ArticleContext, length: number, spaceBefore: boolean): void {
  const { random, model, writer } = context;
  const entityAt = random() < 0.4 ? randomInt(random, 1, length - 1) : length;
  const phraseAt = random() < model.phraseChance ? randomInt(random, 1, length - 1) : length;
  const rareAt = context.pendingRare.length > 0 && random() < 0.5 ? length >> 1 : length;
  const quoted = random() < 0.08;
  if (spaceBefore) writer.ascii(0x20);
  if (quoted) writer.cached(model.quotes[0]);
  writer.word(model.encodedCapitalized, model.sampler.sample(random), false);
  // Words run between the insertion points; each insertion goes before the word at its index.
  // (Three points at most: a min() loop, because Array.sort showed up at 10% of the profile.)
  let entity = entityAt;
  let phrase = phraseAt;
  let rare = rareAt;
  let written = 1;
  for (;;) {
    const at = Math.min(entity, phrase, rare);
    writer.sampledWords(model.encoded, model.sampler, random, at - written, context, length - 3 - written);
    written = at;
    if (at >= length) break;
    writer.ascii(0x20);
    if (at === entity) {
      writer.cached(entityFor(random, model, context.country));
      entity = length;
    } else if (at === phrase) {
      writer.cached(pickPhrase(random, model));
      phrase = length;
    } else {
      writer.cached(context.pendingRare.pop()!);
      rare = length;
    }
  }
  // A quotation ends "...," Tokayev said.
  if (quoted) {
    writer.ascii(0x2c);
    writer.cached(model.quotes[1]);
    writer.ascii(0x20);
    writer.cached(model.form(pick(random, context.country.people), true));
    writer.cached(model.saidSuffix);
  } else writer.ascii(period);
}

function pickPhrase(random: Random, model: LanguageModel): string {
  let u = random() * model.phraseChance;
  for (const phrase of model.phrases) {
    u -= phrase.perSentence;
    if (u < 0) return phrase.text;
  }
  return model.phrases[0]!.text;
}

/** Body text of about `targetWords` words, in paragraphs of 2–6 sentences. */
function body(context: ArticleContext, targetWords: number): string {
  const { random } = context;
  let written = 0;
  while (written < targetWords) {
    if (written > 0) context.writer.cached('\n\n');
    const sentences = randomInt(random, 2, 6);
    for (let s = 0; s < sentences && written < targetWords; s++) {
      const length = Math.min(randomInt(random, 7, 26), Math.max(4, targetWords - written));
      sentence(context, length, s > 0);
      written += length;
    }
  }
  return context.writer.take();
}

/** A 6–14 word headline, usually naming an entity, without the most common function words. */
function headline(context: ArticleContext, rare: string | undefined): string {
  const { random, model } = context;
  const length = randomInt(random, 6, 14);
  const parts: string[] = [];
  if (rare !== undefined) parts.push(rare);
  if (random() < 0.7) parts.push(entityFor(random, model, context.country));
  while (parts.length < length) {
    let word = model.sampler.sample(random);
    if (word < headlineSkipRanks) word = model.sampler.sample(random);
    if (word < headlineSkipRanks) continue;
    parts.push(model.titleCase ? model.capitalized[word]! : model.words[word]!);
  }
  // Entities lead some headlines and sit mid-headline in others.
  if (parts.length > 2 && random() < 0.5) parts.push(parts.shift()!);
  parts[0] = capitalize(parts[0]!);
  return parts.join(' ');
}

const cyrillicToLatin: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** URL slug of a headline: transliterated, lower case, first eight words. */
function slugOf(title: string): string {
  const latin = title.toLowerCase().replace(/[а-яё]/g, (letter) => cyrillicToLatin[letter] ?? '');
  return latin
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .slice(0, 8)
    .join('-');
}

/** A publication instant in the ten-year window, denser towards the end, to the minute. */
function publicationTime(random: Random): number {
  const x = Math.log(1 + random() * (Math.exp(recencyGrowth) - 1)) / recencyGrowth;
  const minutes = Math.floor((x * (corpusEnd - corpusStart)) / 60_000);
  return corpusStart + minutes * 60_000;
}

/** Generates `count` articles; the same `count` and `seed` always give the same articles. */
export function* generateArticles(count: number, seed = 42): Generator<BenchArticle> {
  const { en, ru } = languageModels();
  const random = mulberry32(seed);
  const writer = new TextWriter();
  const nextGap = (): number => nextCommaGap(random);
  for (let n = 1; n <= count; n++) {
    const language = random() < russianShare ? 'ru' : 'en';
    const model = language === 'ru' ? ru : en;
    const source = model.pickSource(random);
    const published = new Date(publicationTime(random));
    const pendingRare: string[] = [];
    for (const rare of rareNames) if (random() < rare.perArticle) pendingRare.push(rare[language]);
    const context: ArticleContext = {
      random,
      model,
      country: pickCountry(random),
      pendingRare,
      untilComma: 0,
      nextGap,
      writer,
    };
    context.untilComma = nextGap();
    const title = headline(context, pendingRare.length > 0 && random() < 0.4 ? pendingRare[0] : undefined);
    const targetWords = Math.round(Math.exp(Math.log(medianWords) + lengthSigma * gaussian(random)));
    const text = body(context, Math.min(maxWords, Math.max(minWords, targetWords)));
    const author =
      random() < 0.12 ? null : `${pick(random, model.bylines.given)} ${pick(random, model.bylines.family)}`;
    const iso = published.toISOString();
    yield {
      url: `https://${source.domain}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${slugOf(title)}-${n}`,
      source: source.name,
      title,
      author,
      publishedAt: iso,
      language,
      text,
    };
  }
}

/** Streams `count` generated articles to `path` as JSONL (one article per line); returns bytes written. */
export function writeCorpusJsonl(path: string, count: number, seed = 42): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    bytes += writeSync(fd, pending.join(''));
    pending = [];
    pendingLength = 0;
  };
  try {
    for (const article of generateArticles(count, seed)) {
      const line = `${JSON.stringify(article)}\n`;
      pending.push(line);
      pendingLength += line.length;
      // ~1 MB writes: few syscalls, and memory stays flat however large the corpus.
      if (pendingLength > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return bytes;
}
