/**
 * A set of words answered by a few character reads, for the question the matcher asks of every word
 * of every article: can an alias start here? Most words cannot, and a Map lookup on a freshly cut
 * string (hash it, probe a table of thousands) costs more than reading the whole word did.
 *
 * The filter keeps one bit per hash of a word's length, first two and last characters (or of its
 * first three characters, for stems, which are prefixes of the text word): a clear bit means "not
 * in the set"; a set bit means "maybe", and the caller looks the word up as before. 65,536 bits
 * (8 KB) for a few thousand words answer "no" wrongly for none and "maybe" wrongly for a few percent.
 */

const slots = 1 << 16;

/** Words (or word prefixes) that may be present; no false negatives. */
export class WordFilter {
  readonly #bits = new Uint32Array(slots / 32);

  private constructor(private readonly slotOf: (word: string) => number) {}

  /** A filter on whole words: length, first two and last characters. */
  static ofWords(words: Iterable<string>): WordFilter {
    return WordFilter.#build(wordSlot, words);
  }

  /** A filter on the first three characters (words shorter than three are never present). */
  static ofPrefixes(words: Iterable<string>): WordFilter {
    return WordFilter.#build(prefixSlot, words);
  }

  static #build(slotOf: (word: string) => number, words: Iterable<string>): WordFilter {
    const filter = new WordFilter(slotOf);
    for (const word of words) {
      const slot = slotOf(word);
      if (slot >= 0) filter.#bits[slot >>> 5]! |= 1 << (slot & 31);
    }
    return filter;
  }

  /** False when `word` is certainly not in the set. */
  mayHave(word: string): boolean {
    const slot = this.slotOf(word);
    return slot >= 0 && (this.#bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }
}

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function spread(hash: number): number {
  return ((hash ^ (hash >>> 16)) >>> 0) & (slots - 1);
}

function wordSlot(word: string): number {
  const length = word.length;
  if (length === 0) return -1;
  return spread(
    mix(
      mix(mix(mix(0x811c9dc5, length), word.charCodeAt(0)), word.charCodeAt(length > 1 ? 1 : 0)),
      word.charCodeAt(length - 1),
    ),
  );
}

function prefixSlot(word: string): number {
  if (word.length < 3) return -1;
  return spread(mix(mix(mix(0x811c9dc5, word.charCodeAt(0)), word.charCodeAt(1)), word.charCodeAt(2)));
}
