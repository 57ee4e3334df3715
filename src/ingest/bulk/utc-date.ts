/**
 * Builds a UTC date from parts, refusing impossible ones that Date would silently roll over.
 */

/** The ISO 8601 UTC string (toISOString) for the parts, or null when any part is out of range (e.g. 30 February). */
export function utcDate(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
  offsetMinutes = 0,
): string | null {
  if (hour > 23 || minute > 59 || second > 60) return null;
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millisecond));
  // Date.UTC rolls 2025-02-30 over to 2 March; a date that does not round-trip was not a real date.
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) {
    return null;
  }
  return new Date(local.getTime() - offsetMinutes * 60_000).toISOString();
}
