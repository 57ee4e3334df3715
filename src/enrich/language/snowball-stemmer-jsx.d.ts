/**
 * Types for the two compiled stemmers used from snowball-stemmer.jsx@0.2 (the Snowball project's
 * algorithms compiled from JSX to CommonJS; the package ships no types).
 *
 * `stemWord` memoises every word in a plain object without limit, which hostile text would grow
 * forever, so stem-word.ts drives the stemmer through the three methods stemWord itself calls.
 * Their names carry the JSX compiler's type suffixes; the version is pinned to 0.2.x.
 */
interface SnowballJsxStemmer {
  /** Sets the word to stem (lower case). */
  setCurrent$S(word: string): void;
  /** Stems the current word in place. */
  stem$(): boolean;
  /** The current word: the stem after stem$(). */
  getCurrent$(): string;
}

declare module 'snowball-stemmer.jsx/dest/english-stemmer.common.js' {
  export class EnglishStemmer implements SnowballJsxStemmer {
    setCurrent$S(word: string): void;
    stem$(): boolean;
    getCurrent$(): string;
  }
}

declare module 'snowball-stemmer.jsx/dest/russian-stemmer.common.js' {
  export class RussianStemmer implements SnowballJsxStemmer {
    setCurrent$S(word: string): void;
    stem$(): boolean;
    getCurrent$(): string;
  }
}
