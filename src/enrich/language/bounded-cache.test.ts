import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
  it('never holds more than its capacity, dropping the oldest entry first', () => {
    const cache = new BoundedCache<string, number>(3);
    for (let i = 0; i < 1000; i++) cache.set(`w${i}`, i);
    assert.equal(cache.size, 3);
    assert.equal(cache.get('w996'), undefined);
    assert.equal(cache.get('w997'), 997);
    assert.equal(cache.get('w999'), 999);
  });

  it('overwrites an existing key without evicting another', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    assert.equal(cache.get('a'), 3);
    assert.equal(cache.get('b'), 2);
  });

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new BoundedCache(0), /capacity must be a positive integer/);
    assert.throws(() => new BoundedCache(1.5), /capacity must be a positive integer/);
  });
});
