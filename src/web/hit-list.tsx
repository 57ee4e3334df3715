/**
 * Hits as the seed page lists them: the headline (linked to the article page), then source and date,
 * then the snippet with the matched words marked and "..." where it was cut.
 */
import type { SearchResultHit } from '../search/search-articles.ts';
import { formatDay, isoDay } from './format-date.ts';
import { Highlighted } from './highlighted-text.tsx';

/** What the list needs: `first` numbers the first hit (`<ol start>`); `level` is the headlines' heading level. */
export interface HitListProps {
  hits: SearchResultHit[];
  first: number;
  level?: 2 | 3;
}

/** The ordered list of hits. */
export function HitList({ hits, first, level = 2 }: HitListProps) {
  return (
    <ol class="hits" start={first}>
      {hits.map((hit) => (
        <HitItem key={hit.id} hit={hit} level={level} />
      ))}
    </ol>
  );
}

function HitItem({ hit, level }: { hit: SearchResultHit; level: 2 | 3 }) {
  const day = isoDay(hit.publishedAt);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li class="hit" lang={hit.language ?? undefined}>
      <Heading class="hit-title">
        <a href={`/articles/${hit.id}`}>
          <Highlighted value={hit.title} />
        </a>
      </Heading>
      <p class="hit-meta">
        <span class="hit-source">{hit.source}</span>
        {' · '}
        {day ? <time datetime={day}>{formatDay(hit.publishedAt)}</time> : 'undated'}
        {hit.publishedAtEstimated ? <span class="estimated"> (fetched; no date given)</span> : null}
      </p>
      <p class="snippet">
        <Highlighted value={hit.snippet} />
      </p>
    </li>
  );
}
