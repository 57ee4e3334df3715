/**
 * What enrichment found in an article, on its page: the people, organisations and places it names
 * (linked to their pages, with the spelling the article used), its topics with the rule that tagged
 * it and the words that made the rule fire, and its event facts. An article not enriched yet says so.
 */
import type { EntityRef } from '../api/entities/entity-directory.ts';
import type { ArticleMention, EntityType, StoredArticleEnrichment } from '../store/enrichment.ts';
import { entityHref } from './enrichment-clause.ts';
import { entityTypeLabel, slugWords } from './enrichment-labels.ts';
import { EventList } from './event-list.tsx';

/** The section; `enrichment` null or with a null version means the article is not enriched yet. */
export function ArticleEnrichment({
  enrichment,
  entityById,
}: {
  enrichment: StoredArticleEnrichment | null;
  entityById: (id: number) => EntityRef | undefined;
}) {
  return (
    <section class="article-enrichment" id="enrichment" aria-labelledby="enrichment-heading">
      <h2 id="enrichment-heading">Who, what and where</h2>
      {enrichment === null || enrichment.version === null ? (
        <p class="not-enriched">
          This article has not been enriched yet: the people, organisations and places it names, its topics
          and its events appear here once <code>wirewatch enrich</code> has read it.
        </p>
      ) : (
        <EnrichmentFound enrichment={enrichment} entityById={entityById} />
      )}
    </section>
  );
}

const entityTypes: readonly EntityType[] = ['person', 'organisation', 'place'];

function EnrichmentFound({
  enrichment,
  entityById,
}: {
  enrichment: StoredArticleEnrichment;
  entityById: (id: number) => EntityRef | undefined;
}) {
  const { mentions, topics, events } = enrichment;
  if (mentions.length === 0 && topics.length === 0 && events.length === 0) {
    return <p>Enrichment found no person, organisation, place, topic or event in this article.</p>;
  }
  return (
    <>
      {entityTypes.map((type) => (
        <MentionGroup key={type} type={type} mentions={mentions.filter((mention) => mention.type === type)} />
      ))}
      {topics.length > 0 ? (
        <div class="article-topics">
          <h3>Topics</h3>
          <ul>
            {topics.map((topic) => (
              <li key={`${topic.topic} ${topic.rule}`}>
                <span class="topic-name">{slugWords(topic.topic)}</span>
                <span class="topic-why">
                  {' — rule '}
                  <code>{topic.rule}</code>
                  {topic.evidence ? <>, on the words “{topic.evidence}”</> : null}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {events.length > 0 ? (
        <div class="article-events">
          <h3>Events</h3>
          <EventList events={events} entityById={entityById} />
        </div>
      ) : null}
    </>
  );
}

function MentionGroup({ type, mentions }: { type: EntityType; mentions: ArticleMention[] }) {
  if (mentions.length === 0) return null;
  return (
    <div class={`article-mentions mentions-${type}`}>
      <h3>{entityTypeLabel(type, true)}</h3>
      <ul class="mention-list">
        {mentions.map((mention) => (
          <li key={mention.slug}>
            <a href={entityHref(mention.slug)}>{mention.name}</a>
            <span class="mention-meta">
              {mention.surface !== mention.name ? ` as “${mention.surface}”` : null}
              {mention.mentions > 1 ? ` · ${mention.mentions} times` : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
