import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxRetryAfterMs, parseRetryAfter } from './retry-after.ts';

const now = Date.parse('2026-11-24T08:00:00Z');

test('delay-seconds and HTTP dates become milliseconds', () => {
  assert.equal(parseRetryAfter('120', now), 120_000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Tue, 24 Nov 2026 08:01:30 GMT', now), 90_000);
  // A date in the past means "now".
  assert.equal(parseRetryAfter('Tue, 24 Nov 2026 07:00:00 GMT', now), 0);
});

test('huge waits are capped at a day; junk and absence give undefined', () => {
  assert.equal(parseRetryAfter('99999999999', now), maxRetryAfterMs);
  assert.equal(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now), maxRetryAfterMs);
  for (const junk of [undefined, '', 'soon', '-5', '1.5', '12abc', 'Blursday']) {
    assert.equal(parseRetryAfter(junk, now), undefined, String(junk));
  }
});
