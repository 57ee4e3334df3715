/**
 * Recognises the date line that heads a digest page, `05 May 2025`.
 */
import { utcDate } from './utc-date.ts';

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const fullMonths = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The month number (1–12) of an English month name or its three-letter form, else 0. */
export function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  const index = lower.length === 3 ? months.indexOf(lower) : fullMonths.indexOf(lower);
  return index + 1;
}

/** Start of the day (ISO, UTC) for a line that is only a date like `05 May 2025` or `5 Sep 2024`, else null. */
export function parseDateLine(line: string): string | null {
  const match = /^\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\s*$/.exec(line);
  if (match === null) return null;
  const month = monthNumber(match[2]!);
  if (month === 0) return null;
  return utcDate(Number(match[3]), month, Number(match[1]));
}
