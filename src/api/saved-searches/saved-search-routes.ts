/**
 * /api/v1/saved-searches: the caller's saved searches (their own and the shared ones; an admin's,
 * every one, which may be thousands: so paged by limit and offset), saving one (the write scope:
 * analysts and admins), one search, changing it (name, query, webhook, sharing, digest:
 * edit-search.ts; a refusal names the body field), removing it, and its hits paged by article id
 * with why each alerted and the caller's read state. The rules are the web desk's (save-search.ts,
 * saved-search-access.ts): a search the caller may not see is 404 whether or not it exists, a shared
 * one they may see but do not own is 403 to change or remove. A new search's webhook secret and
 * feed key are in the answer that saved it and nowhere else; a webhook secret an edit makes, in the
 * answer to that edit alone. Answers are per caller and never kept in the response cache.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { compileAllowList } from '../../ingest/fetch/allow-list.ts';
import { allowPrivateOfEnvironment } from '../../ingest/poll/follow-feed.ts';
import type { SavedSearch, SavedSearchHit } from '../../store/saved-searches.ts';
import type { Store } from '../../store/store.ts';
import { queryChangeNote } from '../../watch/searches/edit-search.ts';
import { saveSearch } from '../../watch/searches/save-search.ts';
import {
  changeSearch,
  countVisibleSearches,
  type DeliverySummary,
  mayManage,
  removeSearch,
  type SearchViewer,
  summariseDeliveries,
  visibleSearch,
  visibleSearches,
} from '../../watch/searches/saved-search-access.ts';
import { ProblemSchema } from '../problem-schema.ts';
import { offsetPageLinks } from './offset-page-links.ts';
import {
  SavedSearchChangedSchema,
  SavedSearchCreatedSchema,
  SavedSearchHitsQuerySchema,
  SavedSearchHitsSchema,
  SavedSearchListQuerySchema,
  SavedSearchListSchema,
  SavedSearchParamsSchema,
  SavedSearchPatchBodySchema,
  SavedSearchPostBodySchema,
  SavedSearchSchema,
} from './saved-search-schema.ts';
import { withFieldProblems } from './search-field-problem.ts';

const base = '/api/v1/saved-searches';

/** The caller; anonymous readers (a server with anonymous reading on) have no saved searches. */
function callerOf(request: FastifyRequest): SearchViewer {
  const principal = request.principal ?? null;
  if (principal === null)
    throw new AppError(
      'AUTH_REQUIRED',
      'saved searches belong to users: send an API token as "Authorization: Bearer <token>"',
    );
  return principal.user;
}

/** A saved search as `user` sees it. */
export function presentSavedSearch(
  search: SavedSearch,
  user: SearchViewer,
  deliveries: DeliverySummary | null,
) {
  const self = `${base}/${search.id}`;
  return {
    id: search.id,
    name: search.name,
    query: search.query,
    owner: search.ownerName,
    yours: search.ownerId === user.id,
    shared: search.shared,
    digest: search.digest,
    webhook:
      search.webhookUrl === null
        ? null
        : {
            url: mayManage(search, user) ? search.webhookUrl : null,
            deliveries: deliveries ?? { pending: 0, failed: 0, sent: 0, partial: false },
          },
    created_at: search.createdAt,
    last_run_at: search.lastRunAt,
    hits: search.hits,
    alerts: search.alerts,
    unread_alerts: search.unreadHits,
    links: { self, hits: `${self}/hits`, html: `/watch/${search.id}`, feed: `/watch/${search.id}/feed.atom` },
  };
}

const problems = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** Registers the routes; `allowPrivate` (default: WIREWATCH_ALLOW_PRIVATE) opens private webhook addresses. */
export function savedSearchRoutes(
  store: Store,
  options: { allowPrivate?: readonly string[] } = {},
): FastifyPluginAsyncZod {
  const allowPrivate = compileAllowList(options.allowPrivate ?? allowPrivateOfEnvironment());
  const present = async (search: SavedSearch, user: SearchViewer) =>
    presentSavedSearch(search, user, await summariseDeliveries(store, search));

  return async (app) => {
    app.get(
      '/saved-searches',
      {
        schema: {
          summary: 'The saved searches the caller may see: their own and the shared ones (an admin: all)',
          description:
            'By owner, then name, a page at a time: `limit` searches from `offset`; `total` counts them all, and `next_offset` or `links.next` gives the next page (null on the last). A page past the end is empty, and its `links.prev` leads back into the list. `unread_alerts` is the caller’s own count. Never carries a webhook secret or feed key.',
          tags: ['saved-searches'],
          querystring: SavedSearchListQuerySchema,
          response: { 200: SavedSearchListSchema, 400: ProblemSchema, 401: ProblemSchema },
        },
      },
      async (request) => {
        const user = callerOf(request);
        const { limit, offset } = request.query;
        const [{ total }, searches] = await Promise.all([
          countVisibleSearches(store, user),
          visibleSearches(store, user, { limit, offset }),
        ]);
        const { nextOffset, links } = offsetPageLinks(base, { total, limit, offset });
        return {
          total,
          limit,
          offset,
          next_offset: nextOffset,
          saved_searches: await Promise.all(searches.map((search) => present(search, user))),
          links,
        };
      },
    );

    app.post(
      '/saved-searches',
      {
        config: { access: 'write' },
        schema: {
          summary: 'Save a search, owned by the caller (write scope: analysts and admins)',
          description:
            'Checked before it is kept: a malformed query is 400 with the parser’s message and `location.column`, a bad name or webhook URL (not http(s), credentials, a private or link-local address such as 169.254.169.254) 422, a name the caller already uses 409, each with `errors[0].pointer` naming the field. The answer (201) carries the webhook secret and the feed key once; no later answer shows them.',
          tags: ['saved-searches'],
          body: SavedSearchPostBodySchema,
          response: {
            201: SavedSearchCreatedSchema,
            400: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const user = callerOf(request);
        const body = request.body;
        const saved = await withFieldProblems(() =>
          saveSearch(
            store,
            {
              ownerName: user.name,
              name: body.name,
              query: body.query,
              shared: body.shared,
              webhookUrl: body.webhook_url ?? null,
              digest: body.digest,
            },
            user.name,
            { allowPrivate },
          ),
        );
        const search = (await store.savedSearches.get(saved.id, { readerId: user.id })) ?? saved;
        const feedUrl = `/watch/${saved.id}/feed.atom?key=${encodeURIComponent(saved.feedKey)}`;
        reply.code(201).header('location', `${base}/${saved.id}`).header('cache-control', 'no-store');
        return {
          ...(await present(search, user)),
          secrets: { feed_url: feedUrl, feed_key: saved.feedKey, webhook_secret: saved.webhookSecret },
        };
      },
    );

    app.get(
      '/saved-searches/:id',
      {
        schema: {
          summary: 'One saved search the caller may see',
          description: 'A search the caller may not see is 404, as one that does not exist.',
          tags: ['saved-searches'],
          params: SavedSearchParamsSchema,
          response: { 200: SavedSearchSchema, 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
        },
      },
      async (request) => {
        const user = callerOf(request);
        return present(await visibleSearch(store, request.params.id, user), user);
      },
    );

    app.patch(
      '/saved-searches/:id',
      {
        config: { access: 'write' },
        schema: {
          summary:
            'Change a saved search: its name, query, webhook, sharing or digest (its owner or an admin)',
          description:
            'A field left out stays as it is; the search keeps its hits and position. A new query applies to articles ingested from now on: the archive is not searched again. Checked as when saving, and nothing changes when any check fails: a malformed query is 400 with the parser’s message and `location.column`, a bad name or webhook URL 422, a name its owner already uses 409, each with `errors[0].pointer` naming the field. A webhook set where there was none gets a new signing secret, as does one given `rotate_secret: true`; a changed URL keeps its secret and its pending deliveries go to the new URL; `webhook_url: null` removes the webhook and marks its pending deliveries failed. A new secret is in `secrets.webhook_secret` of this answer only. A search the caller may not see is 404; a shared one they see but neither own nor administer is 403.',
          tags: ['saved-searches'],
          params: SavedSearchParamsSchema,
          body: SavedSearchPatchBodySchema,
          response: {
            200: SavedSearchChangedSchema,
            400: ProblemSchema,
            409: ProblemSchema,
            422: ProblemSchema,
            ...problems,
          },
        },
      },
      async (request, reply) => {
        const user = callerOf(request);
        const body = request.body;
        const edit = {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.query === undefined ? {} : { query: body.query }),
          ...(body.shared === undefined ? {} : { shared: body.shared }),
          ...(body.digest === undefined ? {} : { digest: body.digest }),
          ...(body.webhook_url === undefined ? {} : { webhookUrl: body.webhook_url }),
          ...(body.rotate_secret === undefined ? {} : { rotateSecret: body.rotate_secret }),
        };
        const outcome = await withFieldProblems(() =>
          changeSearch(store, request.params.id, user, edit, { allowPrivate }),
        );
        reply.header('cache-control', 'no-store');
        return {
          ...(await present(outcome.search, user)),
          changes: outcome.changes,
          note: outcome.queryChanged ? queryChangeNote : null,
          ...(outcome.newWebhookSecret === null
            ? {}
            : { secrets: { webhook_secret: outcome.newWebhookSecret } }),
        };
      },
    );

    app.delete(
      '/saved-searches/:id',
      {
        config: { access: 'write' },
        schema: {
          summary: 'Remove a saved search, its hits and its deliveries (its owner or an admin)',
          description:
            'A search the caller may not see is 404 (whether or not it exists: nobody learns what others watch privately); a shared one they see but neither own nor administer is 403.',
          tags: ['saved-searches'],
          params: SavedSearchParamsSchema,
          response: { 204: z.null().describe('removed: no content'), 400: ProblemSchema, ...problems },
        },
      },
      async (request, reply) => {
        await removeSearch(store, request.params.id, callerOf(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/saved-searches/:id/hits',
      {
        schema: {
          summary: 'A saved search’s hits, newest first, with why each alerted and the caller’s read state',
          description:
            'Paged by article id: pass the answer’s `next` as `before` for the next page. `alerts=true` lists only the hits worth an alert.',
          tags: ['saved-searches'],
          params: SavedSearchParamsSchema,
          querystring: SavedSearchHitsQuerySchema,
          response: {
            200: SavedSearchHitsSchema,
            400: ProblemSchema,
            401: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const user = callerOf(request);
        const search = await visibleSearch(store, request.params.id, user);
        const { limit, before, alerts } = request.query;
        const found = await store.savedSearches.listHits(search.id, {
          limit: limit + 1,
          readerId: user.id,
          ...(alerts ? { alertsOnly: true } : {}),
          ...(before === undefined ? {} : { before }),
        });
        const hits = found.slice(0, limit);
        const next = found.length > limit ? (hits.at(-1)?.articleId ?? null) : null;
        const articles = await Promise.all(hits.map((hit) => store.getArticle(hit.articleId)));
        return {
          total: alerts ? search.alerts : search.hits,
          limit,
          hits: hits.map((hit, index) => presentHit(hit, articles[index] ?? null)),
          next,
          links: {
            next:
              next === null
                ? null
                : `${base}/${search.id}/hits?${new URLSearchParams({
                    limit: String(limit),
                    before: String(next),
                    ...(alerts ? { alerts: 'true' } : {}),
                  }).toString()}`,
          },
        };
      },
    );
  };
}

function presentHit(
  hit: SavedSearchHit,
  article: { title: string; source: string; publishedAt: string | null } | null,
) {
  return {
    article_id: hit.articleId,
    story_id: hit.storyId,
    alert: hit.alert,
    why: hit.why,
    found_at: hit.foundAt,
    read_at: hit.readAt,
    article:
      article === null
        ? null
        : {
            title: article.title,
            source: article.source,
            published_at: article.publishedAt,
            links: { self: `/api/v1/articles/${hit.articleId}`, html: `/articles/${hit.articleId}` },
          },
  };
}
