/**
 * A growable UTF-8 byte buffer for assembling article text. Words are copied as pre-encoded bytes and
 * the text is decoded once per article: building strings word by word cost ~60 ns a word in V8
 * (two rope nodes each), which alone kept the generator under 20,000 articles/s.
 */

/** A vocabulary encoded once: the bytes of word i are flat[start[i]] .. flat[start[i + 1]] (exclusive). */
export interface EncodedWords {
  flat: Uint8Array;
  start: Int32Array;
  /** True when every word is ASCII. */
  ascii: boolean;
}

const maxWordBytes = 62;

/** Encodes `words` into one flat byte array with offsets. */
export function encodeWords(words: readonly string[]): EncodedWords {
  const encoded = words.map((word) => Buffer.from(word, 'utf8'));
  const start = new Int32Array(words.length + 1);
  for (let i = 0; i < encoded.length; i++) start[i + 1] = start[i]! + encoded[i]!.length;
  // sampledWords reserves 64 bytes a word up front instead of checking each copy.
  if (encoded.some((bytes) => bytes.length > maxWordBytes))
    throw new Error(`a word is over ${maxWordBytes} bytes`);
  const flat = new Uint8Array(start[words.length]!);
  for (let i = 0; i < encoded.length; i++) flat.set(encoded[i]!, start[i]!);
  return { flat, start, ascii: flat.length === words.reduce((sum, word) => sum + word.length, 0) };
}

const space = 0x20;

/** Draws word indexes; DiscreteSampler satisfies it. */
export interface IndexSampler {
  sample(random: () => number): number;
}

/** Appends bytes and strings; `take` returns the text so far and empties the buffer. */
export class TextWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private length = 0;
  private readonly encodings = new Map<string, Uint8Array>();
  /** Whether everything since the last take was ASCII: then decoding is a plain byte copy (latin1). */
  private asciiOnly = true;

  /** Appends word `index` of `words`, preceded by a space when asked. */
  word(words: EncodedWords, index: number, spaceBefore: boolean): void {
    if (!words.ascii) this.asciiOnly = false;
    const from = words.start[index]!;
    const to = words.start[index + 1]!;
    this.reserve(to - from + 1);
    const buffer = this.buffer;
    let at = this.length;
    if (spaceBefore) buffer[at++] = space;
    for (let i = from; i < to; i++) buffer[at++] = words.flat[i]!;
    this.length = at;
  }

  /**
   * Appends a string from a small recurring set (names, phrases, punctuation), encoding each once:
   * Buffer.write per call cost more than all the words of a sentence.
   */
  cached(value: string): void {
    let bytes = this.encodings.get(value);
    if (bytes === undefined) {
      bytes = Buffer.from(value, 'utf8');
      this.encodings.set(value, bytes);
    }
    if (bytes.length !== value.length) this.asciiOnly = false;
    this.reserve(bytes.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < bytes.length; i++) buffer[at++] = bytes[i]!;
    this.length = at;
  }

  /**
   * Appends `count` sampled words, each after a space, with a comma after a word whenever the
   * `commas` countdown runs out (it is returned, updated); no comma after word index `lastComma` or later.
   * One tight loop with everything in locals: this is where the generator spends its time.
   */
  sampledWords(
    words: EncodedWords,
    sampler: IndexSampler,
    random: () => number,
    count: number,
    commas: { untilComma: number; nextGap: () => number },
    lastComma: number,
  ): void {
    if (!words.ascii) this.asciiOnly = false;
    this.reserve(count * 64);
    const { flat, start } = words;
    const buffer = this.buffer;
    let at = this.length;
    let untilComma = commas.untilComma;
    for (let i = 0; i < count; i++) {
      const index = sampler.sample(random);
      const to = start[index + 1]!;
      buffer[at++] = space;
      for (let j = start[index]!; j < to; j++) buffer[at++] = flat[j]!;
      if (--untilComma <= 0 && i < lastComma) {
        buffer[at++] = 0x2c;
        untilComma = commas.nextGap();
      }
    }
    commas.untilComma = untilComma;
    this.length = at;
  }

  /** Appends one ASCII character. */
  ascii(code: number): void {
    this.reserve(1);
    this.buffer[this.length++] = code;
  }

  /** The text written since the last take. */
  take(): string {
    // latin1 of ASCII bytes is the same text as utf8, decoded several times faster.
    const value = this.buffer.toString(this.asciiOnly ? 'latin1' : 'utf8', 0, this.length);
    this.length = 0;
    this.asciiOnly = true;
    return value;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}
