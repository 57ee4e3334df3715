/**
 * GET /api/v1/articles/:id and POST /api/v1/articles. A POST is all or nothing: every article is
 * validated with the same rules as a JSONL import first, and one bad article fails the request with
 * a 422 naming it, so a client never has to work out which half of its batch was written.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Article, NewArticle, WriteOutcome } from '../../core/article.ts';
import { AppError } from '../../core/errors.ts';
import { knownFieldNames, rawArticleFrom, validateArticle } from '../../ingest/bulk/validate-article.ts';
import type { StoredArticleEnrichment } from '../../store/enrichment.ts';
import type { Store } from '../../store/store.ts';
import { entityDirectory } from '../entities/entity-directory.ts';
import { type EntityById, presentEventFact } from '../events/present-event.ts';
import { type ProblemField, RequestFieldsError } from '../problem-details.ts';
import { ProblemSchema } from '../problem-schema.ts';
import {
  type ArticleInput,
  ArticleParamsSchema,
  type ArticleResponse,
  ArticleResponseSchema,
  ArticlesPostBodySchema,
  ArticlesPostResponseSchema,
} from './article-schema.ts';

/** The largest POST body: a batch of long articles, well under what would strain the server. */
export const articlesBodyLimit = 16 * 1024 * 1024;

/**
 * The API's view of a stored article and what enrichment found in it (`enrichment` null or with a
 * null version: not enriched yet); `entityById` names the places events point at.
 */
export function presentArticle(
  article: Article,
  enrichment: StoredArticleEnrichment | null,
  entityById: EntityById,
): ArticleResponse {
  const enriched = enrichment !== null && enrichment.version !== null;
  return {
    id: article.id,
    url: article.url,
    canonical_url: article.canonicalUrl,
    source: article.source,
    title: article.title,
    author: article.author,
    published_at: article.publishedAt,
    published_at_estimated: article.publishedAtEstimated,
    fetched_at: article.fetchedAt,
    language: article.language,
    text: article.text,
    html: article.html,
    content_hash: article.contentHash,
    links: { html: `/articles/${article.id}` },
    enriched,
    entities: enriched
      ? enrichment.mentions.map((mention) => ({
          slug: mention.slug,
          name: mention.name,
          type: mention.type,
          mentions: mention.mentions,
          surface: mention.surface,
          via: mention.via,
        }))
      : [],
    topics: enriched ? enrichment.topics.map(({ topic, rule, evidence }) => ({ topic, rule, evidence })) : [],
    events: enriched ? enrichment.events.map((event) => presentEventFact(event, entityById)) : [],
  };
}

/** Validates every article of a batch; throws one 422 listing each bad one by its JSON pointer. */
export function validateBatch(
  inputs: ArticleInput[],
  pointerPrefix: (index: number) => string,
): NewArticle[] {
  const articles: NewArticle[] = [];
  const errors: ProblemField[] = [];
  inputs.forEach((input, index) => {
    const result = validateArticle(rawArticleFrom(input), { line: index + 1 });
    if (result instanceof AppError) {
      // The importer's messages start with the field they are about ("published_at "x" is not a date").
      const field = /^(\w+)/.exec(result.message)?.[1];
      const pointer = `${pointerPrefix(index)}${field && knownFieldNames.has(field) ? `/${field}` : ''}`;
      errors.push({ in: 'body', pointer, message: result.message });
    } else articles.push(result);
  });
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new RequestFieldsError(
      'ARTICLE_INVALID',
      `${errors.length} of ${inputs.length} articles are invalid, nothing was written; first: ${first.pointer || '/'}: ${first.message}`,
      errors,
    );
  }
  return articles;
}

/** Registers the routes. */
export function articleRoutes(store: Store): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/articles/:id',
      {
        config: { responseCache: true },
        schema: {
          summary: 'One article, in full, with the entities, topics and event facts found in it',
          tags: ['articles'],
          params: ArticleParamsSchema,
          response: { 200: ArticleResponseSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const [article, enrichment, directory] = await Promise.all([
          store.getArticle(request.params.id),
          store.enrichment.articleEnrichment(request.params.id),
          entityDirectory(store),
        ]);
        if (article === null) throw notFound(request.params.id);
        return presentArticle(article, enrichment, (id) => directory.byId.get(id));
      },
    );

    app.post(
      '/articles',
      {
        bodyLimit: articlesBodyLimit,
        schema: {
          summary: 'Add one article or a batch',
          description:
            'All or nothing: an invalid article fails the whole request (422) and names it. Articles already in the archive (same canonical URL, or same text without a URL) are reported as duplicates, not errors.',
          tags: ['articles'],
          body: ArticlesPostBodySchema,
          response: { 200: ArticlesPostResponseSchema, 201: ArticlesPostResponseSchema, 422: ProblemSchema },
        },
      },
      async (request, reply) => {
        const batch = Array.isArray(request.body);
        const inputs = Array.isArray(request.body) ? request.body : [request.body];
        const articles = validateBatch(inputs, (index) => (batch ? `/${index}` : ''));
        const outcomes = await store.transaction(async (writer) => {
          const written = await writer.addArticles(articles);
          // Validation above uses the store's own limits, so a refusal here is a bug: undo the batch.
          const refused = written.findIndex((outcome) => outcome.status === 'rejected');
          if (refused !== -1) {
            const outcome = written[refused] as { message: string };
            throw new AppError('ARTICLE_INVALID', `article ${refused + 1} was refused: ${outcome.message}`);
          }
          return written as Array<Exclude<WriteOutcome, { status: 'rejected' }>>;
        });
        const results = outcomes.map((outcome, index) => {
          return outcome.status === 'inserted'
            ? { index, status: 'inserted' as const, id: outcome.id }
            : { index, status: 'duplicate' as const, id: outcome.id, duplicate_by: outcome.by };
        });
        const inserted = results.filter((result) => result.status === 'inserted').length;
        reply.code(inserted > 0 ? 201 : 200);
        return { inserted, duplicates: results.length - inserted, results };
      },
    );
  };
}

function notFound(id: number): AppError {
  return new AppError('ARTICLE_NOT_FOUND', `no article with id ${id}`);
}
