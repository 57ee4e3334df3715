/** The results page's query string: defaults, bad values refused with the parameter named, links. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../core/errors.ts';
import { lastPage, pagerPages } from './pager.tsx';
import { readSearchState, searchHref } from './search-params.ts';

describe('readSearchState', () => {
  it('fills the defaults: page 1, relevance, 10 a page, auto interval, share of archive', () => {
    assert.deepEqual(readSearchState({ q: 'court' }), {
      q: 'court',
      page: 1,
      sort: 'relevance',
      perPage: 10,
      interval: 'auto',
      scale: 'share',
    });
  });

  it('takes the first of repeated values', () => {
    assert.equal(readSearchState({ q: ['a', 'b'] }).q, 'a');
  });

  it('names the bad parameter', () => {
    for (const [query, name] of [
      [{ page: '0' }, 'page'],
      [{ page: '1.5' }, 'page'],
      [{ per_page: '101' }, 'per_page'],
      [{ sort: 'title' }, 'sort'],
      [{ interval: 'hour' }, 'interval'],
      [{ scale: 'log' }, 'scale'],
    ] as const) {
      assert.throws(
        () => readSearchState(query),
        (error) => isAppError(error) && error.status === 400 && error.message.startsWith(name),
      );
    }
  });
});

describe('searchHref', () => {
  it('leaves defaults out and encodes the query', () => {
    const state = readSearchState({ q: 'source:"Kabar Wire" & co' });
    assert.equal(searchHref(state), '/search?q=source%3A%22Kabar+Wire%22+%26+co');
    assert.equal(
      searchHref(state, { page: 3, sort: 'date' }),
      '/search?q=source%3A%22Kabar+Wire%22+%26+co&page=3&sort=date',
    );
  });
});

describe('the cursor (after=)', () => {
  it('is read when present, kept by the timeline switches and dropped by anything that moves the page', () => {
    assert.equal('after' in readSearchState({ q: 'court' }), false);
    const state = readSearchState({ q: 'court', sort: 'date', page: '3', after: 'abc_-1' });
    assert.equal(state.after, 'abc_-1');
    assert.equal(
      searchHref(state, { scale: 'count' }),
      '/search?q=court&page=3&after=abc_-1&sort=date&scale=count',
    );
    assert.equal(searchHref(state, { page: 2 }), '/search?q=court&page=2&sort=date');
    assert.equal(searchHref(state, { sort: 'oldest', page: 1 }), '/search?q=court&sort=oldest');
    assert.equal(searchHref(state, { q: 'x' }), '/search?q=x&page=3&sort=date');
    assert.equal(searchHref(state, { page: 4, after: 'def' }), '/search?q=court&page=4&after=def&sort=date');
  });
});

describe('pager pages', () => {
  it('shows the first, the last and a window around the current page', () => {
    assert.deepEqual(pagerPages(1, 4), [1, 2, 3, 4]);
    assert.deepEqual(pagerPages(10, 20), [1, 0, 7, 8, 9, 10, 11, 12, 13, 0, 20]);
  });

  it('stops at the deepest page the store serves', () => {
    assert.equal(lastPage(31, 10), 4);
    assert.equal(lastPage(5_000_000, 10), 10_000);
    assert.equal(lastPage(0, 10), 1);
  });
});
