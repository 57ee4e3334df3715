/**
 * MinHash signatures of article text and their LSH band keys: the near-duplicate test behind story
 * clusters (the same wire story carried by several outlets).
 *
 * Everything is 32-bit integer arithmetic (Math.imul, >>> 0) with seeds fixed in this file, so a
 * signature computed in one process, on one machine, equals the one computed anywhere else: signatures
 * are stored per article and compared months later. The npm MinHash packages tried were broken (STACK.md).
 * The values below were chosen by measurement on test/fixtures/clusters (see cluster-quality.test.ts).
 */

/**
 * Words per shingle (range 1–8). Measured (test/ingest/cluster/sweep-parameters.ts, 6 fixture draws ×
 * 3 arrival orders): with 2, different stories of one topic share too many word pairs ("national
 * security", "criminal case") and got merged (precision 0.993, min 0.941); 3 gave P 1.000 / R 0.987;
 * 4 and 5 kept P 1.000 but lost a little recall (0.986, 0.979), each swapped word costing more shingles.
 */
export const shingleSize = 3;

/**
 * Hashes per signature: 512 bytes. The Jaccard estimate's standard error is sqrt(J(1 − J) / 128),
 * 0.04 at J = 0.3. With 64 or 96 hashes the noisier estimate let a same-topic pair through now and
 * then (P 0.998, min 0.955); 192 or 256 (with 3 or 4 rows a band) gained nothing.
 */
export const signatureLength = 128;

/**
 * Signature rows per LSH band, so there are signatureLength / rowsPerBand = 64 bands. Two texts of
 * Jaccard similarity s share a band with probability 1 − (1 − s²)⁶⁴: 0.998 at s = 0.3, 0.93 at 0.2,
 * 0.77 at 0.15, 0.15 at 0.05, 0.006 at 0.01. Two rows, because a teaser cut to half an article has
 * s ≈ 0.3 with the full text: with 3 rows recall fell to 0.964, with 4 (32 bands) to 0.869. The price is
 * more candidates from other stories (0.82 an article on the fixtures against 0.06 with 3 rows), each
 * rejected by one 128-hash comparison.
 */
export const rowsPerBand = 2;

/** The largest accepted shingleSize. */
const maxShingleSize = 8;

/** Marks that join a word (Uzbek oʻ, "Kyrgyzstan's"): removed so that apostrophe styles do not split words. */
const apostrophes = /['`´\u2018\u2019\u02bb\u02bc]/g;
/** Invisible format characters (soft hyphen, zero-width space and joiners, BOM) that would split a word. */
const formatCharacters = /\p{Cf}/gu;
/** A combining mark, kept after a Cyrillic letter (й, ў stay themselves) and dropped after anything else. */
const marks = /(\p{Script=Cyrillic})(\p{M}+)|\p{M}+/gu;
/** Latin letters that have no decomposition but have a plain-letter reading. */
const plainLetters: Record<string, string> = { ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i', æ: 'ae', œ: 'oe' };
const plainLetterPattern = /[ßøđłıæœ]/g;
const wordPattern = /[\p{L}\p{N}]+/gu;

/**
 * The words of `text` joined by single spaces: NFKC, lower case, ё → е, diacritics dropped from Latin
 * letters (Cyrillic kept as it is), apostrophes and invisible characters removed, every other
 * non-letter non-digit a word break.
 */
export function normalizeText(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .normalize('NFD')
    .replace(marks, (_match, cyrillic: string | undefined, kept: string | undefined) =>
      cyrillic === undefined ? '' : cyrillic + kept,
    )
    .normalize('NFC')
    .replace(plainLetterPattern, (letter) => plainLetters[letter] ?? letter)
    .replace(apostrophes, '')
    .replace(formatCharacters, '');
  return (folded.match(wordPattern) ?? []).join(' ');
}

/** The words of normalised text (normalizeText's output); none for empty text. */
export function splitWords(normalized: string): string[] {
  return normalized === '' ? [] : normalized.split(' ');
}

/**
 * The distinct 32-bit hashes of the `size`-word shingles of `words`, sorted. Fewer words than `size`
 * make one shingle of all of them; no words make none.
 */
export function shingleHashes(words: readonly string[], size: number = shingleSize): Uint32Array {
  if (!Number.isInteger(size) || size < 1 || size > maxShingleSize) {
    throw new RangeError(`shingleHashes: size must be an integer from 1 to ${maxShingleSize}, got ${size}`);
  }
  if (words.length === 0) return new Uint32Array(0);
  const wordHashes = words.map(hashString);
  const count = Math.max(1, wordHashes.length - size + 1);
  const shingles = new Uint32Array(count);
  for (let start = 0; start < count; start++) {
    let hash = 0x811c9dc5 ^ size;
    const end = Math.min(start + size, wordHashes.length);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ wordHashes[i]!, 0x01000193);
    shingles[start] = mix32(hash);
  }
  shingles.sort();
  return distinctSorted(shingles);
}

/** One fixed seed per signature position: a splitmix32 sequence from a constant, the same everywhere. */
const maxSignatureLength = 1024;
const seeds = createSeeds(maxSignatureLength);

/**
 * The MinHash signature of a shingle set: for each position i, the least of mix32(shingle ^ seed[i]).
 * An empty set gives a signature of 0xffffffff everywhere. `length` is 1–1024, a multiple of the band
 * rows when the signature is to be banded.
 */
export function minhashSignature(shingles: Uint32Array, length: number = signatureLength): Uint32Array {
  if (!Number.isInteger(length) || length < 1 || length > maxSignatureLength) {
    throw new RangeError(`minhashSignature: length must be an integer from 1 to ${maxSignatureLength}`);
  }
  const signature = new Uint32Array(length).fill(0xffffffff);
  for (let i = 0; i < length; i++) {
    const seed = seeds[i]!;
    let least = 0xffffffff;
    for (let j = 0; j < shingles.length; j++) {
      const value = mix32(shingles[j]! ^ seed);
      if (value < least) least = value;
    }
    signature[i] = least;
  }
  return signature;
}

/** The share of positions where two signatures agree: an unbiased estimate of the Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(
      `estimateJaccard: signatures of ${a.length} and ${b.length} hashes cannot be compared`,
    );
  }
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/**
 * The LSH band keys of a signature, one per band of `rows` consecutive hashes: `b07:3f2a9c1d` is band 7
 * and a hash of its rows. Texts that share any key are candidates for the same cluster.
 */
export function bandKeys(signature: Uint32Array, rows: number = rowsPerBand): string[] {
  if (!Number.isInteger(rows) || rows < 1 || signature.length % rows !== 0) {
    throw new RangeError(`bandKeys: ${signature.length} hashes do not split into bands of ${rows} rows`);
  }
  const keys: string[] = [];
  for (let band = 0; band * rows < signature.length; band++) {
    let hash = 0x9747b28c ^ band;
    for (let row = band * rows; row < (band + 1) * rows; row++) {
      hash = mix32(Math.imul(hash ^ signature[row]!, 0x5bd1e995));
    }
    keys.push(`b${band.toString(16).padStart(2, '0')}:${hash.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

/** MurmurHash3's finaliser: a bijection on 32-bit integers in which every input bit moves every output bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units, finished with mix32. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix32(hash);
}

/** `count` seeds from splitmix32 started at a fixed constant. */
function createSeeds(count: number): Uint32Array {
  const out = new Uint32Array(count);
  let state = 0x2545f491;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    out[i] = mix32(state);
  }
  return out;
}

/** The sorted array without repeats (a view of the same buffer). */
function distinctSorted(sorted: Uint32Array): Uint32Array {
  let length = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[length - 1]) sorted[length++] = sorted[i]!;
  }
  return sorted.subarray(0, length);
}
