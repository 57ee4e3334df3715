/**
 * The enrichment facets of a search, beside the source, language and date ones: the people,
 * organisations and places the matching articles name, their topics and event types, each with its
 * exact count and a link narrowing the search (`org:hizb-ut-tahrir`, `topic:terrorism`,
 * `event:arrest`); each entity also links to its page.
 */
import { entityFacetMatchLimit } from '../api/search/entity-facet-limit.ts';
import type { ParsedQuery } from '../search/query-ast.ts';
import type { EnrichmentFacets, EntityCount } from '../store/enrichment.ts';
import { formatCount } from './chart-format.ts';
import { type EnrichmentField, enrichmentClause, entityClause, entityHref } from './enrichment-clause.ts';
import { eventTypeLabel, slugWords } from './enrichment-labels.ts';
import { narrowQuery } from './query-text.ts';

/** What the groups need; `href(q)` links to the results of another query, other settings kept. */
export interface EntityFacetGroupsProps {
  /** The counts; null when the search matched too many articles to count them (see the note). */
  facets: EnrichmentFacets | null;
  query: ParsedQuery;
  href: (q: string) => string;
}

/** The five groups, those with values; a note instead when the search was too broad to count. */
export function EntityFacetGroups({ facets, query, href }: EntityFacetGroupsProps) {
  if (facets === null) {
    return (
      <p class="facet-note">
        {`People, organisations, places, topics and events are counted for searches of up to ${formatCount(entityFacetMatchLimit)} articles: narrow the search to see them.`}
      </p>
    );
  }
  const narrow = (clause: string | null) => (clause === null ? null : href(narrowQuery(query, clause)));
  const valueLink = (field: EnrichmentField) => (value: string) => narrow(enrichmentClause(field, value));
  return (
    <>
      <EntityGroup id="facet-person" title="People" counts={facets.people} narrow={narrow} />
      <EntityGroup
        id="facet-organisation"
        title="Organisations"
        counts={facets.organisations}
        narrow={narrow}
      />
      <EntityGroup id="facet-place" title="Places" counts={facets.places} narrow={narrow} />
      <ValueGroup
        id="facet-topic"
        title="Topics"
        counts={facets.topics}
        label={slugWords}
        link={valueLink('topic')}
      />
      <ValueGroup
        id="facet-event"
        title="Events"
        counts={facets.events}
        label={eventTypeLabel}
        link={valueLink('event')}
      />
    </>
  );
}

function EntityGroup(props: {
  id: string;
  title: string;
  counts: EntityCount[];
  narrow: (clause: string | null) => string | null;
}) {
  if (props.counts.length === 0) return null;
  return (
    <section class="facet-group" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      <ul>
        {props.counts.map((entity) => {
          const href = props.narrow(entityClause(entity));
          return (
            <li key={entity.slug} class="facet entity-facet" data-slug={entity.slug}>
              <span class="facet-value">
                {href ? <a href={href}>{entity.name}</a> : <span>{entity.name}</span>}{' '}
                <a class="entity-page-link" href={entityHref(entity.slug)}>
                  <span aria-hidden="true">→</span>
                  <span class="visually-hidden">{`${entity.name}: entity page`}</span>
                </a>
              </span>{' '}
              <span class="count">{entity.count}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ValueGroup(props: {
  id: string;
  title: string;
  counts: Array<{ value: string; count: number }>;
  label: (value: string) => string;
  link: (value: string) => string | null;
}) {
  if (props.counts.length === 0) return null;
  return (
    <section class="facet-group" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      <ul>
        {props.counts.map((entry) => {
          const href = props.link(entry.value);
          return (
            <li key={entry.value} class="facet">
              {href ? <a href={href}>{props.label(entry.value)}</a> : <span>{props.label(entry.value)}</span>}{' '}
              <span class="count">{entry.count}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
