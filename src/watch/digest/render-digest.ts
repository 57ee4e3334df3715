/** A digest as plain text, as the seed page reads: date line, then per saved search its count line and headline-over-lead entries. */
import type { Digest } from './build-digest.ts';

/** `05 May 2025` for `2025-05-05`. */
export function digestDateLine(day: string): string {
  return new Date(`${day}T00:00:00.000Z`).toLocaleDateString('en-GB', {
    day: '2-digit',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function renderDigestText(digest: Digest): string {
  const lines = [digestDateLine(digest.day), ''];
  if (digest.sections.length === 0) {
    lines.push('No saved search found anything new that day.', '');
    return lines.join('\n');
  }
  for (const section of digest.sections) {
    const count = section.entries.length;
    lines.push(`"${section.name}" — ${section.query}`, `Viewing results 1 - ${count} of ${count}`, '');
    for (const entry of section.entries) {
      const date = entry.publishedAt === null ? 'undated' : digestDateLine(entry.publishedAt.slice(0, 10));
      lines.push(entry.title, `${entry.source} · ${date} · ${entry.why}`, entry.lead, '');
    }
  }
  return lines.join('\n');
}
