/**
 * The facets of a search (source, language, year, month) with their exact counts; each value links to
 * the same search narrowed by that value (`source:"…"`, `lang:xx`, `date:YYYY`, `date:YYYY-MM`).
 */
import type { ComponentChildren } from 'preact';
import type { ParsedQuery } from '../search/query-ast.ts';
import type { FacetCount, SearchFacets } from '../store/store.ts';
import { formatMonth } from './format-date.ts';
import { dateClause, filterClause, narrowQuery } from './query-text.ts';

/** What the sidebar needs; `href(q)` links to the results of another query, other settings kept. */
export interface FacetSidebarProps {
  facets: SearchFacets;
  query: ParsedQuery;
  href: (q: string) => string;
  /** More groups after the month (the entity facets). */
  children?: ComponentChildren;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** A language code with its English name: `Russian (ru)`; the code alone when it has no name. */
export function languageLabel(code: string): string {
  try {
    const name = languageNames.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** The sidebar's facet groups. */
export function FacetSidebar({ facets, query, href, children }: FacetSidebarProps) {
  const link = (clause: string | null) => (clause === null ? null : href(narrowQuery(query, clause)));
  return (
    <div class="facets">
      <h2>Refine</h2>
      <FacetGroup
        id="facet-source"
        title="Source"
        counts={facets.sources}
        label={(value) => value}
        link={(value) => link(filterClause('source', value))}
      />
      <FacetGroup
        id="facet-language"
        title="Language"
        counts={facets.languages}
        label={languageLabel}
        link={(value) => link(filterClause('lang', value))}
      />
      <FacetGroup
        id="facet-year"
        title="Year"
        counts={facets.years}
        label={(value) => value}
        link={(value) => link(dateClause(value))}
      />
      <FacetGroup
        id="facet-month"
        title="Month"
        counts={facets.months}
        label={formatMonth}
        link={(value) => link(dateClause(value))}
      />
      {facets.undated > 0 ? <p class="facet-note">{`Undated: ${facets.undated}`}</p> : null}
      {children}
    </div>
  );
}

interface FacetGroupProps {
  id: string;
  title: string;
  counts: FacetCount[];
  label: (value: string) => string;
  link: (value: string) => string | null;
}

function FacetGroup({ id, title, counts, label, link }: FacetGroupProps) {
  if (counts.length === 0) return null;
  return (
    <section class="facet-group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul>
        {counts.map((entry) => {
          const href = link(entry.value);
          return (
            <li key={entry.value} class="facet">
              {href ? <a href={href}>{label(entry.value)}</a> : <span>{label(entry.value)}</span>}{' '}
              <span class="count">{entry.count}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
