import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticleDate } from './parse-article-date.ts';
import { parseDateLine } from './parse-date-line.ts';

test('accepts ISO 8601, RFC 2822 and day-month-year, normalised to ISO UTC', () => {
  const cases: [string, string][] = [
    ['2025-05-05', '2025-05-05T00:00:00.000Z'],
    ['2025-05-05T14:30:00Z', '2025-05-05T14:30:00.000Z'],
    ['2025-05-05T14:30:00.5+05:00', '2025-05-05T09:30:00.500Z'],
    ['2025-05-05 14:30', '2025-05-05T14:30:00.000Z'],
    ['2025-05-05T14:30:00-0130', '2025-05-05T16:00:00.000Z'],
    ['Mon, 05 May 2025 14:30:00 +0300', '2025-05-05T11:30:00.000Z'],
    ['5 May 2025 14:30 GMT', '2025-05-05T14:30:00.000Z'],
    ['Mon, 05 May 2025 09:30:00 EST', '2025-05-05T14:30:00.000Z'],
    ['05 May 2025', '2025-05-05T00:00:00.000Z'],
    ['5 September 2024', '2024-09-05T00:00:00.000Z'],
  ];
  for (const [input, expected] of cases) assert.equal(parseArticleDate(input), expected, input);
});

test('refuses impossible and unknown dates', () => {
  for (const input of [
    '2025-02-30',
    '2025-13-01',
    '2025-05-05T25:00',
    'yesterday',
    '05/05/2025',
    '31 Foo 2025',
    '',
  ]) {
    assert.equal(parseArticleDate(input), null, input);
  }
});

test('a digest date line is only a date', () => {
  assert.equal(parseDateLine('05 May 2025'), '2025-05-05T00:00:00.000Z');
  assert.equal(parseDateLine('Viewing results 1 - 6 of 31'), null);
  assert.equal(parseDateLine('05 May 2025 was a Monday'), null);
});
