/**
 * A malformed query shown back to its author: the parser's message, and the query with a caret line
 * under the bad column, in monospace — the same picture the CLI draws.
 */
import type { AppError } from '../core/errors.ts';

/** The query and, under it, `^^^` from the error's column over its length (columns are code points). */
export function caretLines(query: string, column: number, length = 1): [string, string] {
  // Control characters and tabs would shift or break the line: show each as one space, as the lexer reads them.
  const shown = Array.from(query)
    .map((ch) => (/[\p{Cc}]/u.test(ch) ? ' ' : ch))
    .join('');
  const size = Array.from(shown).length;
  const start = Math.min(Math.max(column, 1), size + 1);
  const span = Math.max(1, Math.min(length, size + 1 - start));
  return [shown, `${' '.repeat(start - 1)}${'^'.repeat(span)}`];
}

/** The error box; `label` names which query it was when there are several (compare page). */
export function QueryErrorBox({ error, query, label }: { error: AppError; query: string; label?: string }) {
  const column = error.location?.column;
  return (
    <section class="query-error" role="alert" aria-labelledby="query-error-title">
      <h2 id="query-error-title">
        {label ? `${label} cannot be searched` : 'This query cannot be searched'}
      </h2>
      <p class="query-error-message">{error.message}</p>
      {column !== undefined ? (
        <pre class="query-caret">
          <code>{caretLines(query, column, error.location?.length).join('\n')}</code>
        </pre>
      ) : null}
      <p>
        Quote a phrase with "double quotes", combine words with OR, exclude one with -word, and filter with
        source:"Name", lang:ru, after:2024-01, before:2025, date:2025-05.
      </p>
    </section>
  );
}
