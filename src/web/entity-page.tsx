/**
 * An entity's page, `/entities/:slug`: what it is and where it belongs, every spelling by script, who
 * bans or designates it, how often the archive names it month by month (the timeline chart, with its
 * table for screen readers), the entities named with it, the newest articles naming it and their event
 * facts. An unknown slug is a 404 page; a merged entity's slug redirects (301) to the entity it joined.
 * Names and spellings come from gazetteer files and articles: every one is escaped by preact.
 */
import type { EntityRef } from '../api/entities/entity-directory.ts';
import { entityDirectory } from '../api/entities/entity-directory.ts';
import {
  type Designation,
  type EntityProfile,
  loadEntityProfile,
  type ProfileArticle,
} from '../api/entities/entity-profile.ts';
import { formatCount } from './chart-format.ts';
import { entityClause, entityHref } from './enrichment-clause.ts';
import { entityTypeLabel, slugWords } from './enrichment-labels.ts';
import { renderErrorPage } from './error-page.tsx';
import { EventList } from './event-list.tsx';
import { formatDay, isoDay } from './format-date.ts';
import { Layout } from './layout.tsx';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { plainSearchHref } from './search-params.ts';
import { TimelineChart } from './timeline-chart.tsx';
import type { Store } from '../store/store.ts';

/** A page, or where the slug now lives. */
export type EntityPageAnswer = RenderedPage | { redirect: string };

/** Loads and renders the entity of `slug`. */
export async function showEntityPage(store: Store, slug: string): Promise<EntityPageAnswer> {
  const found = await loadEntityProfile(store, slug);
  if (found.kind === 'merged') return { redirect: entityHref(found.into.slug) };
  if (found.kind === 'missing') {
    return {
      status: 404,
      html: renderErrorPage(
        404,
        'Entity not found',
        `No person, organisation or place has the id “${slug}”. The entities page lists them all.`,
      ),
    };
  }
  const directory = await entityDirectory(store);
  const page = <EntityPage profile={found.profile} entityById={(id) => directory.byId.get(id)} />;
  return { status: 200, html: renderDocument(page) };
}

/** The search link for articles naming `entity` (newest first), or null when its slug cannot be written. */
function articlesHref(entity: { slug: string; type: EntityRef['type'] }, also?: EntityRef): string | null {
  const clause = entityClause(entity);
  const other = also === undefined ? '' : entityClause(also);
  if (clause === null || other === null) return null;
  return `${plainSearchHref(other ? `${clause} ${other}` : clause)}&sort=date`;
}

function EntityPage({
  profile,
  entityById,
}: {
  profile: EntityProfile;
  entityById: (id: number) => EntityRef | undefined;
}) {
  const { entity } = profile;
  const search = articlesHref(entity);
  const eventsClause = entityClause(entity);
  return (
    <Layout title={entity.name} current="entities">
      <article class="entity" aria-labelledby="entity-name">
        <header class="entity-header">
          <h1 id="entity-name">{entity.name}</h1>
          <p class="entity-kind">
            {entityTypeLabel(entity.type)}
            {entity.subtype ? ` · ${slugWords(entity.subtype)}` : null}
            {profile.country ? (
              <>
                {' · country: '}
                {profile.country.entity ? (
                  <a href={entityHref(profile.country.entity.slug)}>{profile.country.name}</a>
                ) : (
                  profile.country.name
                )}
              </>
            ) : null}
            {profile.parent ? (
              <>
                {' · in '}
                <a href={entityHref(profile.parent.slug)}>{profile.parent.name}</a>
              </>
            ) : null}
          </p>
          {profile.note ? <p class="entity-note">{profile.note}</p> : null}
          {entity.origin === 'recognised' ? (
            <p class="entity-note entity-recognised">
              Found in the articles by the name recogniser, not in the gazetteer. If it is someone or
              something the gazetteer knows, merge it there (
              <code>{`wirewatch entities merge ${entity.slug} <gazetteer-slug>`}</code>).
            </p>
          ) : null}
          {search ? (
            <p>
              <a href={search}>
                {entity.type === 'place'
                  ? `Search the archive for articles naming ${entity.name} or a place in it`
                  : `Search the archive for articles naming ${entity.name}`}
              </a>
            </p>
          ) : null}
        </header>
        <Spellings profile={profile} />
        {profile.designations.length > 0 ? (
          <Designations name={entity.name} designations={profile.designations} />
        ) : null}
        <section class="entity-timeline" id="timeline" aria-labelledby="mentions-heading">
          <h2 id="mentions-heading">Mentions per month</h2>
          <TimelineChart
            timeline={profile.timeline}
            scale="count"
            counted={`Articles naming ${entity.name}`}
          />
        </section>
        <CoMentioned profile={profile} />
        <section class="entity-articles" aria-labelledby="latest-heading">
          <h2 id="latest-heading">Latest articles</h2>
          {profile.latestArticles.length === 0 ? (
            <p>No article in the archive names it yet.</p>
          ) : (
            <LatestArticles articles={profile.latestArticles} />
          )}
        </section>
        <section class="entity-events" aria-labelledby="events-heading">
          <h2 id="events-heading">Events</h2>
          {profile.events.length === 0 ? (
            <p>No event fact was read from the articles naming it.</p>
          ) : (
            <>
              <EventList events={profile.events} entityById={entityById} />
              {eventsClause ? (
                <p>
                  <a href={`/events?${new URLSearchParams({ q: eventsClause })}`}>
                    Every event of the articles naming it
                  </a>
                </p>
              ) : null}
            </>
          )}
        </section>
      </article>
    </Layout>
  );
}

function Spellings({ profile }: { profile: EntityProfile }) {
  return (
    <section class="entity-spellings" aria-labelledby="spellings-heading">
      <h2 id="spellings-heading">Spellings</h2>
      <dl class="spelling-groups">
        {profile.spellings.map((group) => (
          <div key={group.script}>
            <dt>{group.script}</dt>
            <dd>
              <ul class="spelling-list">
                {group.spellings.map((spelling) => (
                  <li key={spelling}>{spelling}</li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const designationWords: Readonly<Record<Designation['as'], string>> = {
  terrorist: 'terrorist organisation',
  extremist: 'extremist organisation',
  banned: 'banned organisation',
};

function Designations({ name, designations }: { name: string; designations: Designation[] }) {
  return (
    <section class="entity-designations" aria-labelledby="designations-heading">
      <h2 id="designations-heading">Bans and designations</h2>
      <table class="designations-table">
        <caption>{`Who bans or designates ${name}, as what, and since when`}</caption>
        <thead>
          <tr>
            <th scope="col">By</th>
            <th scope="col">As</th>
            <th scope="col">Since</th>
            <th scope="col">Until</th>
          </tr>
        </thead>
        <tbody>
          {designations.map((designation, index) => (
            <tr key={`${designation.by}-${index}`}>
              <th scope="row">
                {designation.byName}
                {designation.byName !== designation.by ? ` (${designation.by})` : null}
              </th>
              <td>
                {designationWords[designation.as]}
                {designation.note ? <span class="designation-note">{` — ${designation.note}`}</span> : null}
              </td>
              <td>{designation.since ?? 'date not recorded'}</td>
              <td>{designation.until ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CoMentioned({ profile }: { profile: EntityProfile }) {
  return (
    <section class="entity-co-mentioned" aria-labelledby="co-mentioned-heading">
      <h2 id="co-mentioned-heading">Named with it</h2>
      {profile.coMentioned.length === 0 ? (
        <p>No other entity is named in the same articles.</p>
      ) : (
        <ul class="co-mentioned">
          {profile.coMentioned.map((other) => {
            const both = articlesHref(profile.entity, other);
            const articles = `${formatCount(other.count)} article${other.count === 1 ? '' : 's'}`;
            return (
              <li key={other.slug} class="co-mentioned-entity">
                <a href={entityHref(other.slug)}>{other.name}</a>
                <span class="hit-meta">{` · ${entityTypeLabel(other.type).toLowerCase()} · `}</span>
                {both ? (
                  <a class="count" href={both} aria-label={`${articles} naming both`}>
                    {articles}
                  </a>
                ) : (
                  <span class="count">{articles}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function LatestArticles({ articles }: { articles: ProfileArticle[] }) {
  return (
    <ol class="hits">
      {articles.map((article) => {
        const day = isoDay(article.publishedAt);
        return (
          <li key={article.id} class="hit" lang={article.language ?? undefined}>
            <h3 class="hit-title">
              <a href={`/articles/${article.id}`}>{article.title}</a>
            </h3>
            <p class="hit-meta">
              <span class="hit-source">{article.source}</span>
              {' · '}
              {day ? <time datetime={day}>{formatDay(article.publishedAt)}</time> : 'undated'}
              {article.publishedAtEstimated ? <span class="estimated"> (fetched; no date given)</span> : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
