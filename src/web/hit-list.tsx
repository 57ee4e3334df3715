/**
 * Hits as the seed page lists them: the headline (linked to the article page), then source and date,
 * then the snippet with the matched words marked and "..." where it was cut.
 */
import type { SearchResultHit } from '../search/search-articles.ts';
import { formatDay, isoDay } from './format-date.ts';
import { Highlighted } from './highlighted-text.tsx';
import { MatchedVia } from './match-reasons.tsx';

/** What the list needs: `first` numbers the first hit (`<ol start>`); `level` is the headlines' heading level. */
export interface HitListProps {
  hits: SearchResultHit[];
  first: number;
  level?: 2 | 3;
}

/**
 * The ordered list of hits. Copies of one story (a cluster) after its best hit on the page are folded
 * into that hit's "and N more outlets" line instead of repeating near-identical rows.
 */
export function HitList({ hits, first, level = 2 }: HitListProps) {
  const shownClusters = new Set<number>();
  const rows = hits.filter((hit) => {
    if (hit.cluster === null) return true;
    if (shownClusters.has(hit.cluster.id)) return false;
    shownClusters.add(hit.cluster.id);
    return true;
  });
  return (
    <ol class="hits" start={first}>
      {rows.map((hit) => (
        <HitItem key={hit.id} hit={hit} level={level} />
      ))}
    </ol>
  );
}

/** "and 3 more outlets" (or "1 more copy" when the copies all come from this hit's outlet). */
function moreOutlets(cluster: NonNullable<SearchResultHit['cluster']>): string {
  const outlets = cluster.sources - 1;
  if (outlets > 0) return `and ${outlets} more outlet${outlets === 1 ? '' : 's'}`;
  const copies = cluster.articles - 1;
  return `and ${copies} more cop${copies === 1 ? 'y' : 'ies'}`;
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
      <MatchedVia reasons={hit.matchedVia} />
      {hit.cluster ? (
        <p class="hit-cluster">
          <a href={`/articles/${hit.id}#same-story`}>{moreOutlets(hit.cluster)}</a>
          {` carried this story`}
        </p>
      ) : null}
    </li>
  );
}
