/**
 * /api/v1/sources: the archive's sources with their outlet types and followed feeds (read), and, for
 * admins only (an admin's token with the admin scope: anyone else gets 403 and nothing changes),
 * following a feed (`POST`: a feed's or a site's URL, found and read through the ingestion's fetch
 * client and its address guard before anything is stored, as `wirewatch sources add` does), no longer
 * following a source's feeds or one of them (`DELETE`: its articles stay), and setting its outlet type
 * (`PATCH`). Each change is audited with the token's user as the actor, in the change's transaction.
 * Ids are the sources' ids throughout (those GET lists); a feed is named by its id under its source.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SourceSummary } from '../../core/article.ts';
import { AppError } from '../../core/errors.ts';
import { allowPrivateOfEnvironment, followFeedAt, unfollowFeed } from '../../ingest/poll/follow-feed.ts';
import type { Store } from '../../store/store.ts';
import type { Subscription } from '../../store/subscriptions.ts';
import { ProblemSchema } from '../problem-schema.ts';
import {
  SourceDeleteResponseSchema,
  SourceFeedParamsSchema,
  SourceListSchema,
  SourceParamsSchema,
  SourcePatchBodySchema,
  SourcePatchResponseSchema,
  SourcePostBodySchema,
  SourcePostResponseSchema,
} from './source-schema.ts';

/** How an API change is described in its audit entry. */
const overTheApi = 'over the API';

/** Options of the sources resource. */
export interface SourceRoutesOptions {
  /**
   * Non-public address ranges a feed may be fetched from anyway (CIDR); default WIREWATCH_ALLOW_PRIVATE
   * from the environment, as the ingestion reads it.
   */
  allowPrivate?: readonly string[];
}

function presentFeed(feed: Subscription) {
  return {
    id: feed.id,
    url: feed.feedUrl,
    site_url: feed.siteUrl,
    title: feed.title,
    interval_minutes: feed.intervalMinutes,
    created_at: feed.createdAt,
    last_fetch_at: feed.lastFetchAt,
    last_error: feed.lastError,
    next_fetch_at: feed.nextFetchAt,
  };
}

function presentSource(source: SourceSummary, feeds: Subscription[]) {
  return {
    id: source.id,
    name: source.name,
    slug: source.slug,
    outlet_type: source.outletType,
    article_count: source.articleCount,
    first_published_at: source.firstPublishedAt,
    last_published_at: source.lastPublishedAt,
    feeds: feeds.filter((feed) => feed.sourceId === source.id).map(presentFeed),
  };
}

/** The admin making the change (the access hook let only admins through). */
function actorOf(request: FastifyRequest): string {
  if (request.principal === null) throw new AppError('AUTH_REQUIRED', 'this needs an admin’s API token');
  return request.principal.user.name;
}

/** Registers the routes. */
export function sourceRoutes(store: Store, options: SourceRoutesOptions = {}): FastifyPluginAsyncZod {
  const allowPrivate = options.allowPrivate ?? allowPrivateOfEnvironment();

  /** The source with this id and every followed feed; SOURCE_NOT_FOUND when there is none. */
  const sourceWithFeeds = async (id: number) => {
    const [sources, feeds] = await Promise.all([store.listSources(), store.subscriptions.list()]);
    const source = sources.find((candidate) => candidate.id === id);
    if (source === undefined)
      throw new AppError('SOURCE_NOT_FOUND', `no source has the id ${id}: GET /api/v1/sources lists them`);
    return { source, feeds: feeds.filter((feed) => feed.sourceId === id) };
  };
  const presentById = async (id: number) => {
    const { source, feeds } = await sourceWithFeeds(id);
    return presentSource(source, feeds);
  };

  return async (app) => {
    app.get(
      '/sources',
      {
        config: { responseCache: true },
        schema: {
          summary: 'Every source with its article count, dates, outlet type and followed feeds',
          tags: ['sources'],
          response: { 200: SourceListSchema },
        },
      },
      async () => {
        const [sources, feeds] = await Promise.all([store.listSources(), store.subscriptions.list()]);
        return { sources: sources.map((source) => presentSource(source, feeds)) };
      },
    );

    app.post(
      '/sources',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Follow a feed (admins)',
          description:
            'The URL is a feed’s, or a page’s that links to its feed; it is fetched and read before anything is stored, and never from a loopback, private, link-local or metadata address unless the operator allows the range (WIREWATCH_ALLOW_PRIVATE). Its articles are filed under `name` (default: the feed’s title) and archived by the next fetch. 201 when followed, 200 when it was followed already. Audited as source.add with the token’s user.',
          tags: ['sources'],
          body: SourcePostBodySchema,
          response: {
            200: SourcePostResponseSchema,
            201: SourcePostResponseSchema,
            400: ProblemSchema,
            403: ProblemSchema,
            422: ProblemSchema,
            502: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { url, name, interval_minutes: intervalMinutes } = request.body;
        const followed = await followFeedAt(
          store,
          url,
          {
            ...(name === undefined ? {} : { name }),
            ...(intervalMinutes === undefined ? {} : { intervalMinutes }),
          },
          actorOf(request),
          { allowPrivate, how: overTheApi },
        );
        reply.code(followed.created ? 201 : 200);
        return {
          created: followed.created,
          source: await presentById(followed.subscription.sourceId),
          feed: presentFeed(followed.subscription),
          found_on: followed.resolved.discoveredOn ?? null,
          format: followed.resolved.feed.format,
          items: followed.resolved.feed.items.length,
        };
      },
    );

    app.delete(
      '/sources/:id',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Stop following every feed of a source (admins)',
          description:
            'Its articles stay in the archive, and so does the source. Audited as source.remove, one entry per feed.',
          tags: ['sources'],
          params: SourceParamsSchema,
          response: { 200: SourceDeleteResponseSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { source, feeds } = await sourceWithFeeds(request.params.id);
        if (feeds.length === 0)
          throw new AppError(
            'SUBSCRIPTION_NOT_FOUND',
            `"${source.name}" has no followed feed (its articles came in another way); nothing to stop`,
          );
        const removed: Subscription[] = [];
        for (const feed of feeds) removed.push(await unfollowFeed(store, feed.id, actor, overTheApi));
        return { source: await presentById(source.id), removed_feeds: removed.map(presentFeed) };
      },
    );

    app.delete(
      '/sources/:id/feeds/:feed_id',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Stop following one feed of a source (admins)',
          description: 'Its articles stay in the archive. Audited as source.remove.',
          tags: ['sources'],
          params: SourceFeedParamsSchema,
          response: { 200: SourceDeleteResponseSchema, 403: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { source, feeds } = await sourceWithFeeds(request.params.id);
        const feed = feeds.find((candidate) => candidate.id === request.params.feed_id);
        if (feed === undefined)
          throw new AppError(
            'SUBSCRIPTION_NOT_FOUND',
            `"${source.name}" has no followed feed with the id ${request.params.feed_id}`,
          );
        const removed = await unfollowFeed(store, feed.id, actor, overTheApi);
        return { source: await presentById(source.id), removed_feeds: [presentFeed(removed)] };
      },
    );

    app.patch(
      '/sources/:id',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Set or clear a source’s outlet type (admins)',
          description: 'Audited as source.type, with the type it had.',
          tags: ['sources'],
          params: SourceParamsSchema,
          body: SourcePatchBodySchema,
          response: {
            200: SourcePatchResponseSchema,
            400: ProblemSchema,
            403: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { source } = await sourceWithFeeds(request.params.id);
        const change = await store.setSourceType(source.slug, request.body.outlet_type, actor);
        return { source: await presentById(source.id), previous_outlet_type: change.previous };
      },
    );
  };
}
