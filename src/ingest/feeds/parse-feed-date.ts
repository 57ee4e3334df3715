/**
 * Reads the dates feeds really carry. The strict ISO 8601 and RFC 2822 forms go through the bulk
 * importer's parseArticleDate; everything else is read token by token: two-digit years, missing
 * seconds or zones, `+0500` and `GMT+3` offsets, zone abbreviations from Moscow to Almaty, ctime
 * order (`Sun Jan 4 16:29:06 PST 2004`), AM/PM, and Russian month names (`5 мая 2025 14:30`).
 * A time without a zone is read as UTC, as parseArticleDate does, so nothing depends on this machine's zone.
 */
import { parseArticleDate } from '../bulk/parse-article-date.ts';
import { utcDate } from '../bulk/utc-date.ts';
import { monthFromName, zoneOffsetMinutes } from './date-names.ts';

/** Feed dates longer than this are not dates. */
const maxDateLength = 80;

/** The instant `value` names, or null when it cannot be read (the caller then marks the date missing). */
export function parseFeedDate(value: string | undefined | null): Date | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (text === '' || text.length > maxDateLength) return null;
  const iso = parseArticleDate(text) ?? parseLooseIso(text) ?? parseTokens(text);
  return iso === null ? null : new Date(iso);
}

/** ISO 8601 / W3C-DTF variants: partial dates (`2003-12`, `2003`), basic form, comma fractions, `+05`, named zones. */
const looseIsoPattern =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:(?:T|\s+)(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{2,5})?$/;

function parseLooseIso(text: string): string | null {
  const match = looseIsoPattern.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const offset = zone === undefined ? 0 : zoneOffsetMinutes(zone, Number(year));
  if (offset === null) return null;
  return utcDate(
    Number(year),
    Number(month ?? 1),
    Number(day ?? 1),
    Number(hour ?? 0),
    Number(minute ?? 0),
    Number(second ?? 0),
    Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
    offset,
  );
}

/** Words that may stand in a date without meaning anything: weekdays, "at", the Russian "г." (year). */
const fillerWords =
  /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|at|on|the|of|г|года?|в|пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)$/i;

/** Day, month name, year, time and zone in any common order, e.g. `Mon, 5 May 25 10:00 MSK`, `May 5, 2025 3:04 PM`. */
function parseTokens(text: string): string | null {
  const tokens = text
    .replace(/(\d)(st|nd|rd|th)\b/gi, '$1')
    .replace(/(\d)([A-Za-z]{3,5})$/, '$1 $2')
    .split(/[\s,]+|(?<=[A-Za-zА-Яа-яЁё])\.|\.(?=\s)/u)
    .filter((token) => token !== '');
  let day = 0;
  let month: number | undefined;
  let year: number | undefined;
  let time: [number, number, number, number] | undefined;
  let meridiem: 'am' | 'pm' | undefined;
  let zone: string | undefined;
  const numbers: string[] = [];
  for (const token of tokens) {
    const clock = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/.exec(token);
    if (clock !== null && time === undefined) {
      time = [
        Number(clock[1]),
        Number(clock[2]),
        Number(clock[3] ?? 0),
        Number((clock[4] ?? '0').padEnd(3, '0').slice(0, 3)),
      ];
      continue;
    }
    const numeric =
      /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(token) ??
      /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(token);
    if (numeric !== null && month === undefined) {
      // 05.05.2025 (day first, as Russian sites write it) or 2025/05/05.
      const yearFirst = numeric[1]!.length === 4;
      day = Number(yearFirst ? numeric[3] : numeric[1]);
      month = Number(numeric[2]);
      year = expandYear(yearFirst ? numeric[1]! : numeric[3]!);
      continue;
    }
    if (/^\d{1,4}$/.test(token)) {
      numbers.push(token);
      continue;
    }
    if (/^[ap]\.?m\.?$/i.test(token)) {
      meridiem = token[0]!.toLowerCase() === 'a' ? 'am' : 'pm';
      continue;
    }
    const named = monthFromName(token);
    if (named !== 0 && month === undefined) {
      month = named;
      continue;
    }
    if (fillerWords.test(token)) continue;
    if (
      zone === undefined &&
      time !== undefined &&
      /^(?:[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,4}(?::\d{2})?)$/.test(token)
    ) {
      zone = token;
      continue;
    }
    return null;
  }
  if (month === undefined) return null;
  if (year === undefined) {
    if (numbers.length !== 2) return null;
    const [first, second] = numbers as [string, string];
    // The four-digit number is the year; of two short numbers the day comes first (5 May 25), as RFC 822 writes it.
    const yearFirst = first.length === 4 || (second.length <= 2 && Number(first) > 31);
    year = expandYear(yearFirst ? first : second);
    day = Number(yearFirst ? second : first);
  } else if (numbers.length !== 0) {
    return null;
  }
  const [hour, minute, second_, millisecond] = time ?? [0, 0, 0, 0];
  let hour24 = hour;
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour24 = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  const offset = zone === undefined ? 0 : zoneOffsetMinutes(zone, year);
  if (offset === null) return null;
  return utcDate(year, month, day, hour24, minute, second_, millisecond, offset);
}

/** RFC 822's two-digit years: 00–49 are 2000s, 50–99 are 1900s. */
function expandYear(text: string): number {
  const value = Number(text);
  if (text.length > 2) return value;
  return value < 50 ? 2000 + value : 1900 + value;
}
