/** Dates as the desk shows them: the seed page's `05 May 2025`, and labels for timeline periods. */

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `05 May 2025` (UTC), as the seed page writes its date line; `undated` for null or garbage. */
export function formatDay(value: string | Date | null): string {
  if (value === null) return 'undated';
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? 'undated' : dayFormat.format(date);
}

/** The `YYYY-MM-DD` day of an ISO timestamp, for `<time datetime>`; undefined when there is none. */
export function isoDay(value: string | null): string | undefined {
  if (value === null) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** A timeline period (its first day, `YYYY-MM-DD`) written for people, by the width of the bucket. */
export function formatPeriod(period: string, interval: string): string {
  const date = new Date(`${period}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  if (interval === 'year') return period.slice(0, 4);
  if (interval === 'month') return monthFormat.format(date);
  if (interval === 'week') return `week of ${dayFormat.format(date)}`;
  return dayFormat.format(date);
}

/** A `YYYY-MM` month facet value as `May 2025`. */
export function formatMonth(month: string): string {
  return formatPeriod(`${month}-01`, 'month');
}
