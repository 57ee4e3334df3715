/**
 * A Map with a hard size limit, for memoising pure per-word functions (stems, name keys).
 *
 * Words come from untrusted text, so an unbounded memo would let one hostile article of unique
 * nonsense words grow memory without limit. When full, the oldest entry is dropped (first in,
 * first out): Map keeps insertion order, so eviction is O(1) and needs no bookkeeping. Frequent
 * words are re-added at once after an eviction, which is all a stem cache needs from LRU.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;

  /** @param capacity most entries kept; at least 1. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`BoundedCache: capacity must be a positive integer, got ${capacity}`);
    }
    this.#capacity = capacity;
  }

  /** The cached value, or undefined when the key was never stored or has been evicted. */
  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Stores a value, evicting the oldest entry when the cache is full. */
  set(key: K, value: V): void {
    if (this.#entries.size >= this.#capacity && !this.#entries.has(key)) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }

  /** How many entries are held now; never more than the capacity. */
  get size(): number {
    return this.#entries.size;
  }
}
