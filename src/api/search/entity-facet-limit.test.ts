import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entityFacetMatchLimit, wantsEntityFacets } from './entity-facet-limit.ts';

describe('wantsEntityFacets', () => {
  it('counts searches up to the limit, and none with no matches', () => {
    assert.equal(wantsEntityFacets(1, false), true);
    assert.equal(wantsEntityFacets(entityFacetMatchLimit, false), true);
    assert.equal(wantsEntityFacets(entityFacetMatchLimit + 1, false), false);
    assert.equal(wantsEntityFacets(0, false), false);
    assert.equal(wantsEntityFacets(0, true), false);
  });

  it('always counts the whole archive, however large', () => {
    assert.equal(wantsEntityFacets(entityFacetMatchLimit * 50, true), true);
  });
});
