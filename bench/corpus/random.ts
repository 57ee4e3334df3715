/**
 * Seeded randomness for the benchmark corpus: a small fast PRNG and the samplers built on it. Nothing
 * here reads the clock or Math.random, so the same seed always gives the same corpus.
 */

/** A uniform source of floats in [0, 1). */
export type Random = () => number;

/** mulberry32: 32-bit state, passes SmallCrush, and is a few ns per call, which the word loop needs. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) * 2.3283064365386963e-10; // exactly 2^-32; multiplying beats dividing
  };
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty array, uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A standard normal deviate (Box–Muller; the second deviate is dropped to keep the stream simple). */
export function gaussian(random: Random): number {
  const u = 1 - random(); // (0, 1], so the log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Samples indexes from a fixed discrete distribution in O(1) with one draw: Vose's alias method.
 * The word loop calls this ~10 million times a second, so it must not search.
 */
export class DiscreteSampler {
  /**
   * One 32-bit entry per column: the high 16 bits are the chance (in 1/65536) of keeping the column,
   * the low 16 bits its alias. Packing both halves the memory the hot loop touches.
   */
  private readonly table: Uint32Array;
  private readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0 || n > 0xffff) throw new Error('DiscreteSampler takes 1 to 65,535 weights');
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    const scaled = new Float64Array(n);
    for (let i = 0; i < n; i++) scaled[i] = (weights[i]! * n) / total;
    this.size = n;
    // Until paired, a column keeps itself: chance 1 (0xffff) and alias = itself, so both outcomes agree.
    this.table = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.table[i] = (0xffff << 16) | i;
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) (scaled[i]! < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const under = small.pop()!;
      const over = large.pop()!;
      this.table[under] = ((Math.floor(scaled[under]! * 65536) << 16) | over) >>> 0;
      scaled[over] = scaled[over]! + scaled[under]! - 1;
      (scaled[over]! < 1 ? small : large).push(over);
    }
  }

  /** An index drawn with probability proportional to its weight. */
  sample(random: Random): number {
    const u = random() * this.size;
    const column = u | 0;
    const entry = this.table[column]!;
    return (u - column) * 65536 < entry >>> 16 ? column : entry & 0xffff;
  }
}

/** Zipf weights 1/rank^s for ranks 1..n. */
export function zipfWeights(n: number, s: number): Float64Array {
  const weights = new Float64Array(n);
  for (let rank = 1; rank <= n; rank++) weights[rank - 1] = rank ** -s;
  return weights;
}

/** A sampler over `items` with the given weights, returning items rather than indexes. */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  const sampler = new DiscreteSampler(weights);
  return (random) => items[sampler.sample(random)]!;
}

/** The sounds a language's pseudo-words are built from. */
export interface Phonology {
  onsets: readonly string[];
  vowels: readonly string[];
  codas: readonly string[];
  endings: readonly string[];
  /** Share of words with three syllables rather than two (0..1). */
  threeSyllableShare: number;
}

/** A pseudo-word of two or three syllables and an ending, for the long tail of a vocabulary. */
export function pseudoWord(random: Random, phonology: Phonology): string {
  const syllables = random() < 1 - phonology.threeSyllableShare ? 2 : 3;
  let word = '';
  for (let i = 0; i < syllables; i++) {
    word += pick(random, phonology.onsets) + pick(random, phonology.vowels) + pick(random, phonology.codas);
  }
  return word + pick(random, phonology.endings);
}
