/**
 * An entity's profile as terminal text: the gazetteer's facts, then mentions per month as a bar
 * chart, co-mentioned entities, the latest articles and events. Names, spellings and titles may
 * come from hostile text (an article, a user's gazetteer), so control characters are stripped.
 */
import type { MonthCount } from '../store/enrichment.ts';
import type { EntityProfile } from './entity-profile.ts';
import { renderEvent } from './render-events.ts';
import { stripControlCharacters } from './terminal-style.ts';

/** Months drawn at most (the latest); earlier ones are summed on one line. */
const maxChartMonths = 36;
/** Width of the longest bar. */
const maxBarWidth = 40;

/** The whole profile, ending with a newline. */
export function renderEntityProfile(profile: EntityProfile): string {
  const lines: string[] = [];
  lines.push(`${clean(profile.name)} (${profile.slug})`);
  if (profile.mergedFrom !== null) lines.push(`  (${profile.mergedFrom} was merged into it)`);
  const facts = [
    profile.type,
    profile.subtype,
    profile.country === null ? null : `country ${profile.country}`,
  ]
    .filter((part) => part !== null)
    .join(' · ');
  lines.push(facts);
  if (profile.parent !== null) lines.push(`in ${clean(profile.parent.name)} (${profile.parent.slug})`);
  if (profile.origin !== 'gazetteer')
    lines.push(`added by ${profile.origin === 'user' ? 'a user' : 'the recogniser'}`);
  lines.push(`aliases: ${profile.aliases.length === 0 ? 'none' : profile.aliases.map(clean).join(', ')}`);
  if (profile.designations.length > 0) {
    lines.push('', 'banned or designated:');
    for (const designation of profile.designations) {
      const when = [
        designation.since === undefined ? '' : `since ${designation.since}`,
        designation.until === undefined ? '' : `until ${designation.until}`,
      ]
        .filter(Boolean)
        .join(' ');
      lines.push(
        `  ${designation.by.padEnd(3)} as ${designation.as}${when === '' ? '' : `, ${when}`}${designation.note === undefined ? '' : ` (${clean(designation.note)})`}`,
      );
    }
  }
  if (profile.note !== null) lines.push('', `note: ${clean(profile.note)}`);

  const dated = profile.mentionsByMonth.reduce((sum, month) => sum + month.count, 0);
  lines.push('', `mentions per month (${dated} dated articles):`);
  lines.push(...(dated === 0 ? ['  none yet'] : renderMonthChart(profile.mentionsByMonth)));

  lines.push('', 'named with:');
  if (profile.coMentioned.length === 0) lines.push('  nothing yet');
  for (const other of profile.coMentioned)
    lines.push(`  ${String(other.count).padStart(5)}  ${clean(other.name)} (${other.slug}, ${other.type})`);

  lines.push('', 'latest articles:');
  if (profile.latestArticles.length === 0) lines.push('  none yet');
  for (const article of profile.latestArticles)
    lines.push(
      `  #${article.id}  ${article.publishedAt?.slice(0, 10) ?? 'undated   '}  ${clean(article.source)} · ${clean(article.title)}`,
    );

  lines.push('', 'latest events:');
  if (profile.latestEvents.length === 0) lines.push('  none yet');
  for (const event of profile.latestEvents) lines.push(renderEvent(event, '  '));
  return `${lines.join('\n')}\n`;
}

/** The latest months with mentions (from the first, at most maxChartMonths), empty ones included, as bars. */
export function renderMonthChart(months: readonly MonthCount[]): string[] {
  const valid = months.filter((month) => /^\d{4}-(0[1-9]|1[0-2])$/.test(month.month));
  if (valid.length === 0) return [];
  const last = valid.at(-1)!.month;
  const first = valid[0]!.month;
  const start =
    monthIndex(last) - monthIndex(first) >= maxChartMonths
      ? monthAt(monthIndex(last) - maxChartMonths + 1)
      : first;
  const counts = new Map(valid.map((month) => [month.month, month.count]));
  const shown: MonthCount[] = [];
  for (let index = monthIndex(start); index <= monthIndex(last); index++) {
    const month = monthAt(index);
    shown.push({ month, count: counts.get(month) ?? 0 });
  }
  const earlier = valid.filter((month) => month.month < start).reduce((sum, month) => sum + month.count, 0);
  const largest = Math.max(...shown.map((month) => month.count), 1);
  const width = String(largest).length;
  const lines = shown.map((month) => {
    const bar =
      month.count === 0 ? '' : '█'.repeat(Math.max(1, Math.round((month.count / largest) * maxBarWidth)));
    return `  ${month.month}  ${String(month.count).padStart(width)} ${bar}`.trimEnd();
  });
  if (earlier > 0) lines.unshift(`  (${earlier} articles in earlier months)`);
  return lines;
}

/** Months since year 0 of `YYYY-MM`. */
function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The `YYYY-MM` of a month index. */
function monthAt(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function clean(text: string): string {
  return stripControlCharacters(text);
}
