/**
 * The article page, `/articles/:id`: headline, source, date, author, the original link, the text as
 * paragraphs, the people, places, topics and events enrichment found in it, and "more like this". The stored text is rendered as text only (escaped by preact): the
 * stored HTML, although sanitised at ingest, is never put on the page.
 */

import { type EntityRef, entityDirectory } from '../api/entities/entity-directory.ts';
import type { Article } from '../core/article.ts';
import { safeExternalUrl } from '../core/canonical-url.ts';
import { findSimilarArticles } from '../search/more-like-this.ts';
import type { SearchResultHit } from '../search/search-articles.ts';
import type { ClusterMember } from '../store/clusters.ts';
import type { StoredArticleEnrichment } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { ArticleEnrichment } from './article-enrichment.tsx';
import { renderErrorPage } from './error-page.tsx';
import { languageLabel } from './facet-sidebar.tsx';
import { formatDay, isoDay } from './format-date.ts';
import { displayArticleHtml } from './article-html.ts';
import { Layout } from './layout.tsx';
import { filterClause } from './query-text.ts';
import { type RenderedPage, renderDocument } from './render-document.ts';
import { plainSearchHref } from './search-params.ts';

/** How many similar articles are listed. */
const similarLimit = 5;

/** An article id from the path: a positive whole number, else null. */
export function parseArticleId(raw: string): number | null {
  if (!/^\d{1,15}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && Number.isSafeInteger(id) ? id : null;
}

/** The text split into paragraphs: at blank lines, or at line breaks when there are no blank lines. */
export function splitParagraphs(text: string): string[] {
  const blocks = text.split(/\n\s*\n/);
  const parts = blocks.length > 1 ? blocks : text.split('\n');
  return parts.map((part) => part.replace(/\s+/g, ' ').trim()).filter((part) => part !== '');
}

/** Loads and renders the article with id `rawId`; 400 for an id that is not a number, 404 for an unknown one. */
export async function showArticlePage(store: Store, rawId: string): Promise<RenderedPage> {
  const id = parseArticleId(rawId);
  if (id === null) {
    return {
      status: 400,
      html: renderErrorPage(
        400,
        'Bad article id',
        'An article id is a positive whole number, as in /articles/42.',
      ),
    };
  }
  const article = await store.getArticle(id);
  if (article === null) {
    return {
      status: 404,
      html: renderErrorPage(404, 'Article not found', `The archive has no article ${id}.`),
    };
  }
  const [similar, sameStory, enrichment, directory] = await Promise.all([
    findSimilarArticles(store, article, similarLimit),
    article.clusterId === null ? [] : store.clusters.members(article.clusterId),
    store.enrichment.articleEnrichment(article.id),
    entityDirectory(store),
  ]);
  return {
    status: 200,
    html: renderDocument(
      <ArticlePage
        article={article}
        similar={similar}
        sameStory={sameStory.filter((member) => member.id !== article.id)}
        enrichment={enrichment}
        entityById={(entityId) => directory.byId.get(entityId)}
      />,
    ),
  };
}

function ArticlePage({
  article,
  similar,
  sameStory,
  enrichment,
  entityById,
}: {
  article: Article;
  similar: SearchResultHit[];
  sameStory: ClusterMember[];
  enrichment: StoredArticleEnrichment | null;
  entityById: (id: number) => EntityRef | undefined;
}) {
  const original = safeExternalUrl(article.url);
  const day = isoDay(article.publishedAt);
  const sourceClause = filterClause('source', article.source);
  return (
    <Layout title={article.title}>
      <article class="article" lang={article.language ?? undefined}>
        <header class="article-header">
          <h1 class="article-title">{article.title}</h1>
          <p class="article-meta">
            {sourceClause ? (
              <a class="article-source" href={plainSearchHref(sourceClause)}>
                {article.source}
              </a>
            ) : (
              <span class="article-source">{article.source}</span>
            )}
            {' · '}
            {day ? <time datetime={day}>{formatDay(article.publishedAt)}</time> : 'undated'}
            {article.publishedAtEstimated ? ' (fetched then; the outlet gave no date)' : null}
            {article.author ? <span class="article-author">{` · by ${article.author}`}</span> : null}
            {article.language ? ` · ${languageLabel(article.language)}` : null}
          </p>
          {original ? (
            <p class="article-original">
              <a href={original} rel="noopener noreferrer nofollow">
                Read the original at {new URL(original).host}
              </a>
            </p>
          ) : null}
        </header>
        {article.html ? (
          // Stored HTML went through the allow-list when it came in; it goes through it again here, so
          // that no way into the archive (an API client, a future importer) can put markup on a page.
          <div
            class="article-text"
            // Set as HTML on purpose: displayArticleHtml runs the allow-list (see above).
            dangerouslySetInnerHTML={{ __html: displayArticleHtml(article.html, article.url ?? '') }}
          />
        ) : (
          <div class="article-text">
            {splitParagraphs(article.text).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
        )}
      </article>
      <ArticleEnrichment enrichment={enrichment} entityById={entityById} />
      {sameStory.length > 0 ? (
        <section class="same-story" id="same-story" aria-labelledby="same-story-heading">
          <h2 id="same-story-heading">The same story elsewhere</h2>
          <ul>
            {sameStory.map((member) => (
              <li key={member.id} class="similar">
                <a href={`/articles/${member.id}`}>{member.title}</a>
                <span class="hit-meta">{` · ${member.source} · ${member.publishedAt ? formatDay(member.publishedAt) : 'undated'}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="more-like-this" aria-labelledby="similar-heading">
        <h2 id="similar-heading">More like this</h2>
        {similar.length === 0 ? (
          <p>No similar article in the archive.</p>
        ) : (
          <ul>
            {similar.map((hit) => (
              <li key={hit.id} class="similar">
                <a href={`/articles/${hit.id}`}>{hit.title.text}</a>
                <span class="hit-meta">{` · ${hit.source} · ${formatDay(hit.publishedAt)}`}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
