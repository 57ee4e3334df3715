/**
 * A day's digest, the seed page's way of reading a day: the date line, then for each saved search
 * with alerts that day its name and query, "Viewing results 1 - N of N", and each alert's headline
 * over its lead, cut on a word with "...". The day is a UTC calendar day of when the alerts were
 * found (an ingest's day), so a digest of yesterday never changes once the day is over.
 */
import { AppError } from '../../core/errors.ts';
import { buildSnippet } from '../../search/snippet.ts';
import type { Store } from '../../store/store.ts';

/** How long a lead runs before "...". */
const leadLength = 400;

export interface DigestEntry {
  articleId: number;
  title: string;
  source: string;
  publishedAt: string | null;
  lead: string;
  why: string;
}

export interface DigestSection {
  savedSearchId: number;
  name: string;
  query: string;
  entries: DigestEntry[];
}

export interface Digest {
  /** YYYY-MM-DD */
  day: string;
  sections: DigestSection[];
}

/** The day of `value` (YYYY-MM-DD, a real date); WATCH_INVALID otherwise. */
export function parseDigestDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00.000Z`) : null;
  if (date === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new AppError(
      'WATCH_INVALID',
      `"${value.slice(0, 40)}" is not a day: write it as YYYY-MM-DD, e.g. 2025-05-05`,
    );
  return value;
}

/** `dailyOnly`: only the searches whose owners asked for a daily digest (the mailed one). */
export async function buildDigest(
  store: Store,
  options: { day: string; userId?: number; dailyOnly?: boolean },
): Promise<Digest> {
  const day = parseDigestDay(options.day);
  const from = `${day}T00:00:00.000Z`;
  const to = new Date(new Date(from).getTime() + 86_400_000).toISOString();
  const alerts = await store.savedSearches.alertsBetween(
    from,
    to,
    options.userId === undefined ? {} : { userId: options.userId },
  );
  const sections = new Map<number, DigestSection>();
  const skipped = new Set<number>();
  for (const alert of alerts) {
    if (skipped.has(alert.savedSearchId)) continue;
    let section = sections.get(alert.savedSearchId);
    if (section === undefined) {
      const search = await store.savedSearches.get(alert.savedSearchId);
      if (options.dailyOnly && search?.digest !== 'daily') {
        skipped.add(alert.savedSearchId);
        continue;
      }
      section = {
        savedSearchId: alert.savedSearchId,
        name: alert.savedSearchName,
        query: search?.query ?? '',
        entries: [],
      };
      sections.set(alert.savedSearchId, section);
    }
    const article = await store.getArticle(alert.articleId);
    if (article === null) continue;
    section.entries.push({
      articleId: article.id,
      title: article.title,
      source: article.source,
      publishedAt: article.publishedAt,
      lead: buildSnippet(article.text, leadLength).text,
      why: alert.why,
    });
  }
  return { day, sections: [...sections.values()].filter((section) => section.entries.length > 0) };
}
