/**
 * Parses the dates found in import files into ISO 8601 UTC strings.
 *
 * Date.parse alone is not used: it reads zone-less ISO times as local time (so the archive would
 * depend on the importing machine's time zone) and rolls 30 February over to March.
 */
import { monthNumber, parseDateLine } from './parse-date-line.ts';
import { utcDate } from './utc-date.ts';

/** The date forms the importers accept, for error messages. */
export const acceptedDateForms =
  'ISO 8601 (2025-05-05, 2025-05-05T14:30:00Z), RFC 2822 (Mon, 05 May 2025 14:30:00 +0000) or 05 May 2025';

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const rfc2822Pattern =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|UT|UTC|GMT|Z|[ECMP][SD]T)$/i;
/** RFC 2822's obsolete North American zones, in minutes east of UTC. */
const namedZones = new Map<string, number>([
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['z', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
]);

/** The ISO UTC form (toISOString) of `value` in one of acceptedDateForms; null when it is none of them. Zone-less times are UTC. */
export function parseArticleDate(value: string): string | null {
  const text = value.trim();
  const iso = isoPattern.exec(text);
  if (iso !== null) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    return utcDate(
      Number(year),
      Number(month),
      Number(day),
      Number(hour ?? 0),
      Number(minute ?? 0),
      Number(second ?? 0),
      Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
      zone === undefined ? 0 : zoneOffset(zone),
    );
  }
  const rfc = rfc2822Pattern.exec(text);
  if (rfc !== null) {
    const [, day, monthName, year, hour, minute, second, zone] = rfc;
    const month = monthNumber(monthName!);
    if (month === 0) return null;
    return utcDate(
      Number(year),
      month,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second ?? 0),
      0,
      zoneOffset(zone!),
    );
  }
  return parseDateLine(text);
}

/** Minutes east of UTC for `Z`, `+05:00`, `+0500`, `+05` or a named zone. */
function zoneOffset(zone: string): number {
  const named = namedZones.get(zone.toLowerCase());
  if (named !== undefined) return named;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}
