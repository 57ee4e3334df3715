import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFeedDate } from './parse-feed-date.ts';

test('reads RFC 822, RFC 3339 and their broken variants', () => {
  const cases: [string, string][] = [
    ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
    ['2004-01-01T19:48:21.0+01:00', '2004-01-01T18:48:21.000Z'],
    ['Mon, 5 May 2025 10:00 MSK', '2025-05-05T07:00:00.000Z'],
    ['Mon, 05 May 25 10:00:00 +0500', '2025-05-05T05:00:00.000Z'],
    ['Mon, 05 May 99 10:00:00 GMT', '1999-05-05T10:00:00.000Z'],
    ['Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00.000Z'],
    ['Mon, 05 May 2025 10:00:00 GMT+3', '2025-05-05T07:00:00.000Z'],
    ['Mon, 05 May 2025 10:00:00', '2025-05-05T10:00:00.000Z'],
    ['Sun Jan 4 16:29:06 PST 2004', '2004-01-05T00:29:06.000Z'],
    ['2025-05-05 14:30:00', '2025-05-05T14:30:00.000Z'],
    ['2025-05-05 14:30 +0500', '2025-05-05T09:30:00.000Z'],
    ['20040105T101010Z', '2004-01-05T10:10:10.000Z'],
    ['2003-12', '2003-12-01T00:00:00.000Z'],
    ['2003', '2003-01-01T00:00:00.000Z'],
    ['May 5, 2025 3:04 PM', '2025-05-05T15:04:00.000Z'],
    ['5 мая 2025 14:30', '2025-05-05T14:30:00.000Z'],
    ['5 мая 2025 г., 14:30 MSK', '2025-05-05T11:30:00.000Z'],
    ['1 января 2024', '2024-01-01T00:00:00.000Z'],
    ['05.05.2025 14:30', '2025-05-05T14:30:00.000Z'],
  ];
  for (const [input, expected] of cases) assert.equal(parseFeedDate(input)?.toISOString(), expected, input);
});

test('Almaty time follows Kazakhstan’s 2024 move from UTC+6 to UTC+5', () => {
  assert.equal(parseFeedDate('Fri, 05 May 2023 10:00:00 ALMT')?.toISOString(), '2023-05-05T04:00:00.000Z');
  assert.equal(parseFeedDate('Mon, 05 May 2025 10:00:00 ALMT')?.toISOString(), '2025-05-05T05:00:00.000Z');
});

test('what is not a date is null, never a guess', () => {
  for (const input of [
    '',
    'yesterday',
    'sometime last week',
    '2025-02-30',
    'Fri, 13 Jun 2014 09:00:00 XYZ',
    '31 Foo 2025',
    'x'.repeat(200),
    undefined,
    null,
  ]) {
    assert.equal(parseFeedDate(input), null, String(input));
  }
});
