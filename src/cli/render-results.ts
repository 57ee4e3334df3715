/**
 * A results page as text that reads like the seed page: the date line, "Viewing results 1 - 6 of 31",
 * then each hit's headline, its source and date, and a snippet with the matched words marked.
 */
import type { SearchResults } from '../search/search-articles.ts';
import { renderHighlighted, stripControlCharacters, type TerminalStyle } from './terminal-style.ts';

/** A date as the seed page writes it: `05 May 2025` (UTC). */
export function formatDay(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return date.toLocaleDateString('en-GB', {
    day: '2-digit',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The "Viewing results" line; exact total, as the seed shows it. */
export function viewingLine(results: Pick<SearchResults, 'first' | 'last' | 'total'>): string {
  if (results.total === 0) return 'No results';
  if (results.first === 0) return `No results on this page (there are ${results.total})`;
  return `Viewing results ${results.first} - ${results.last} of ${results.total}`;
}

/** The whole page, ending with a newline. `today` is the date line (default: now). */
export function renderResultsPage(
  results: SearchResults,
  style: TerminalStyle,
  today: Date = new Date(),
): string {
  const lines = [formatDay(today), '', viewingLine(results), ''];
  for (const hit of results.hits) {
    lines.push(style.heading(renderHighlighted(hit.title, style)));
    const meta = [
      stripControlCharacters(hit.source),
      hit.publishedAt ? formatDay(hit.publishedAt) : 'undated',
      `#${hit.id}`,
    ];
    lines.push(style.dim(meta.join(' · ')));
    lines.push(renderHighlighted(hit.snippet, style), '');
  }
  if (results.total === 0) {
    lines.push(
      results.query.root === null
        ? 'The archive is empty: import articles with `wirewatch import FILE`.'
        : noHitsAdvice(),
    );
    lines.push('');
  } else if (results.last < results.total) {
    const pages = Math.ceil(results.total / results.perPage);
    lines.push(style.dim(`Page ${results.page} of ${pages} — next: --page ${results.page + 1}`), '');
  }
  return lines.join('\n');
}

function noHitsAdvice(): string {
  return 'Nothing matches. Try fewer words, OR between alternatives, a prefix such as extrem*, or drop a filter.';
}
