/** A digest as plain text, as the seed page reads: date line, then per saved search its count line and headline-over-lead entries. */
import { formatDay } from '../../web/format-date.ts';
import type { Digest } from './build-digest.ts';

export function renderDigestText(digest: Digest): string {
  const lines = [formatDay(digest.day), ''];
  if (digest.sections.length === 0) {
    lines.push('No saved search found anything new that day.', '');
    return lines.join('\n');
  }
  for (const section of digest.sections) {
    const count = section.entries.length;
    lines.push(`"${section.name}" — ${section.query}`, `Viewing results 1 - ${count} of ${count}`, '');
    for (const entry of section.entries) {
      lines.push(
        entry.title,
        `${entry.source} · ${formatDay(entry.publishedAt)} · ${entry.why}`,
        entry.lead,
        '',
      );
    }
  }
  return lines.join('\n');
}
