/**
 * What both stores share for facets and timelines: the SQL groups matches coarsely (source, language
 * and month; or day, month or year), and these functions fold those few thousand rows into the
 * contract's shapes, so both stores sort, cap and bucket exactly alike.
 */
import type { FacetCount, SearchFacets, TimelineBucket, TimelineInterval } from './store.ts';

/** One group of matches: a source's name, a language, a month (`YYYY-MM`, null when undated). */
export interface FacetRow {
  source: string;
  language: string | null;
  month: string | null;
  n: number;
}

/** One group of dated matches: a day (`YYYY-MM-DD`), a month (`YYYY-MM`) or a year (`YYYY`). */
export interface PeriodRow {
  period: string;
  n: number;
}

/** How many leading characters of an ISO date the SQL groups by for an interval (weeks fold days). */
export function periodPrefixLength(interval: TimelineInterval): 4 | 7 | 10 {
  return interval === 'year' ? 4 : interval === 'month' ? 7 : 10;
}

/** Code-unit order, not the locale's, so ties break the same way on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts per value, largest first, ties by value. */
function byCount(counts: Map<string, number>): FacetCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value));
}

/** Counts per value, newest (largest value) first. */
function byValueDescending(counts: Map<string, number>): FacetCount[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => compareText(b.value, a.value));
}

function add(counts: Map<string, number>, key: string, n: number): void {
  counts.set(key, (counts.get(key) ?? 0) + n);
}

/** Folds grouped rows into the contract's facets; `limit` caps sources and months. */
export function foldFacets(rows: FacetRow[], limit: number): SearchFacets {
  const sources = new Map<string, number>();
  const languages = new Map<string, number>();
  const years = new Map<string, number>();
  const months = new Map<string, number>();
  let undated = 0;
  for (const row of rows) {
    add(sources, row.source, row.n);
    if (row.language !== null) add(languages, row.language, row.n);
    if (row.month === null) undated += row.n;
    else {
      add(months, row.month, row.n);
      add(years, row.month.slice(0, 4), row.n);
    }
  }
  const cap = Math.max(0, Math.floor(limit));
  return {
    sources: byCount(sources).slice(0, cap),
    languages: byCount(languages),
    years: byValueDescending(years),
    months: byValueDescending(months).slice(0, cap),
    undated,
  };
}

/** The first day of the period holding `period` (a day, month or year as grouped by the SQL). */
function periodStart(period: string, interval: TimelineInterval): string {
  switch (interval) {
    case 'year':
      return `${period.slice(0, 4)}-01-01`;
    case 'month':
      return `${period.slice(0, 7)}-01`;
    case 'day':
      return period.slice(0, 10);
    case 'week': {
      // ISO weeks start on Monday: step back (weekday + 6) mod 7 days, in UTC.
      const day = new Date(`${period.slice(0, 10)}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
      return day.toISOString().slice(0, 10);
    }
  }
}

/** Folds grouped rows into timeline buckets, oldest first, leaving out empty periods. */
export function foldTimeline(rows: PeriodRow[], interval: TimelineInterval): TimelineBucket[] {
  const counts = new Map<string, number>();
  for (const row of rows) add(counts, periodStart(row.period, interval), row.n);
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([period, count]) => ({ period, count }))
    .sort((a, b) => compareText(a.period, b.period));
}
