/**
 * `/digest/2025-05-05`: a day's new alerts of the saved searches a user may see, read the seed page's
 * way — the date line, then per search "Viewing results 1 - N of N" and each headline over its lead.
 */
import type { Digest } from '../watch/digest/build-digest.ts';
import { formatDay } from './format-date.ts';
import { Layout } from './layout.tsx';
import { renderDocument } from './render-document.ts';

export function renderDigestPage(digest: Digest): string {
  const previous = new Date(new Date(`${digest.day}T00:00:00.000Z`).getTime() - 86_400_000)
    .toISOString()
    .slice(0, 10);
  const next = new Date(new Date(`${digest.day}T00:00:00.000Z`).getTime() + 86_400_000)
    .toISOString()
    .slice(0, 10);
  return renderDocument(
    <Layout title={`Digest ${digest.day}`}>
      <p class="date-line">{formatDay(digest.day)}</p>
      <h1>Digest</h1>
      <p>
        <a href={`/digest/${previous}`}>Previous day</a> · <a href={`/digest/${next}`}>Next day</a> ·{' '}
        <a href="/inbox">Inbox</a>
      </p>
      {digest.sections.length === 0 ? (
        <p id="digest-empty">No saved search found anything new that day.</p>
      ) : null}
      {digest.sections.map((section) => (
        <section class="digest-section">
          <h2>{section.name}</h2>
          <p class="digest-query">{section.query}</p>
          <p class="viewing">{`Viewing results 1 - ${section.entries.length} of ${section.entries.length}`}</p>
          <ol class="hits">
            {section.entries.map((entry) => (
              <li class="hit">
                <h3 class="hit-title">
                  <a href={`/articles/${entry.articleId}`}>{entry.title}</a>
                </h3>
                <p class="hit-meta">
                  {entry.source}
                  {entry.publishedAt ? ` · ${formatDay(entry.publishedAt)}` : ''} · {entry.why}
                </p>
                <p class="hit-snippet">{entry.lead}</p>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </Layout>,
  );
}
