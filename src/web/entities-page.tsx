/**
 * The entities page, `/entities?q=…&type=…`: the people, organisations and places enrichment knows,
 * by type, most named first, each with the number of articles naming it; `q` keeps those with a name
 * or spelling containing it (any script; case and ё ignored), `type` one type.
 */
import {
  type CountedEntity,
  listCountedEntities,
  maxEntityFilterLength,
} from '../api/entities/entity-list.ts';
import type { EntityType } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { formatCount } from './chart-format.ts';
import { entityClause, entityHref } from './enrichment-clause.ts';
import { entityTypeLabel, slugWords } from './enrichment-labels.ts';
import { Layout } from './layout.tsx';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { choice, firstValue, plainSearchHref } from './search-params.ts';
import { regionName } from '../api/entities/entity-profile.ts';

/** How many entities of each type are listed. */
export const entitiesPerType = 100;

const typeChoices = ['all', 'person', 'organisation', 'place'] as const;
const entityTypes: readonly EntityType[] = ['person', 'organisation', 'place'];

/** The page's query string, checked; throws AppError (400) for an unknown type. */
export function readEntitiesState(query: Record<string, unknown>): { q: string; type: EntityType | null } {
  const type = choice('type', firstValue(query.type), typeChoices, 'all');
  return { q: firstValue(query.q).slice(0, maxEntityFilterLength), type: type === 'all' ? null : type };
}

/** Lists the entities the state asks for. */
export async function showEntitiesPage(
  store: Store,
  state: { q: string; type: EntityType | null },
): Promise<RenderedPage> {
  const counted = await listCountedEntities(store, {
    ...(state.type === null ? {} : { type: state.type }),
    q: state.q,
  });
  return { status: 200, html: renderDocument(<EntitiesPage state={state} counted={counted} />) };
}

function EntitiesPage({
  state,
  counted,
}: {
  state: { q: string; type: EntityType | null };
  counted: CountedEntity[];
}) {
  const shownTypes = state.type === null ? entityTypes : [state.type];
  return (
    <Layout title="People, organisations and places" current="entities">
      <h1>People, organisations and places</h1>
      <search>
        <form class="entities-form filter-form" action="/entities" method="get">
          <div class="filter-field">
            <label for="entity-filter">Name or spelling</label>
            <input
              id="entity-filter"
              name="q"
              type="search"
              value={state.q}
              maxLength={maxEntityFilterLength}
            />
          </div>
          <div class="filter-field">
            <label for="entity-type">Type</label>
            <select id="entity-type" name="type">
              <option value="all" selected={state.type === null}>
                All
              </option>
              {entityTypes.map((type) => (
                <option key={type} value={type} selected={state.type === type}>
                  {entityTypeLabel(type, true)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Filter</button>
        </form>
      </search>
      {counted.length === 0 ? (
        <p class="no-hits">
          {state.q.trim() === ''
            ? 'The archive has no entities yet: they come with the gazetteer, loaded by wirewatch enrich.'
            : `No entity has a name or spelling containing “${state.q}”.`}
        </p>
      ) : (
        shownTypes.map((type) => (
          <EntityTable key={type} type={type} counted={counted.filter((item) => item.entity.type === type)} />
        ))
      )}
    </Layout>
  );
}

function EntityTable({ type, counted }: { type: EntityType; counted: CountedEntity[] }) {
  if (counted.length === 0) return null;
  const id = `entities-${type}`;
  const shown = counted.slice(0, entitiesPerType);
  return (
    <section class="entity-type" aria-labelledby={id}>
      <h2 id={id}>{`${entityTypeLabel(type, true)} (${formatCount(counted.length)})`}</h2>
      <table class="entities-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Country</th>
            <th scope="col" class="number">
              Articles
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ entity, articles }) => {
            const clause = entityClause(entity);
            return (
              <tr key={entity.slug} data-slug={entity.slug}>
                <th scope="row">
                  <a href={entityHref(entity.slug)}>{entity.name}</a>
                </th>
                <td>
                  {entity.subtype
                    ? slugWords(entity.subtype)
                    : entity.origin === 'recognised'
                      ? 'recognised'
                      : ''}
                </td>
                <td>{entity.country ? regionName(entity.country) : ''}</td>
                <td class="number">
                  {clause && articles > 0 ? (
                    <a href={plainSearchHref(clause)}>{formatCount(articles)}</a>
                  ) : (
                    formatCount(articles)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {counted.length > shown.length ? (
        <p class="facet-note">
          {`The ${formatCount(shown.length)} most named of ${formatCount(counted.length)}: filter by name to find the others.`}
        </p>
      ) : null}
    </section>
  );
}
