import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offsetPageLinks } from './offset-page-links.ts';

const path = '/api/v1/saved-searches';
const offsets = (total: number, limit: number, offset: number) => {
  const { nextOffset, prevOffset } = offsetPageLinks(path, { total, limit, offset });
  return [prevOffset, nextOffset];
};

describe('offsetPageLinks', () => {
  it('steps a page at a time, with no previous page on the first and no next on the last', () => {
    assert.deepEqual(offsets(130, 50, 0), [null, 50]);
    assert.deepEqual(offsets(130, 50, 50), [0, 100]);
    assert.deepEqual(offsets(130, 50, 100), [50, null]);
    assert.deepEqual(offsets(100, 50, 50), [0, null], 'a full last page has no next');
  });

  it('goes back to the start from an offset that is not a multiple of the limit', () => {
    assert.deepEqual(offsets(130, 50, 20), [0, 70]);
  });

  it('sends a page past the end back to the last page that holds anything', () => {
    assert.deepEqual(offsets(130, 50, 1000), [100, null]);
    assert.deepEqual(offsets(130, 50, 130), [80, null]);
    assert.deepEqual(offsets(0, 25, 75), [0, null], 'an empty list: back to the start');
    assert.deepEqual(offsets(0, 25, 0), [null, null]);
  });

  it('links each page with its limit and offset', () => {
    assert.deepEqual(offsetPageLinks(path, { total: 130, limit: 50, offset: 50 }).links, {
      next: '/api/v1/saved-searches?limit=50&offset=100',
      prev: '/api/v1/saved-searches?limit=50&offset=0',
    });
  });
});
