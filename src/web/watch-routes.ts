/**
 * The saved-search pages' routes: `/watch` (list, 50 a page with `?page=N`, and save with POST),
 * `/watch/:id` (one search's hits and deliveries), `/watch/:id/edit` (its name, query and webhook),
 * `/watch/:id/change` (shared or private, digest) and `/watch/:id/remove`. Saving goes through
 * saveSearch (save-search.ts: the query parsed, the webhook guarded, the owner an analyst or admin)
 * with the signed-in user as owner and actor, editing through the same checks (edit-search.ts); who
 * may see, change or remove what is saved-search-access.ts's rule, the API's too. Posting needs the
 * write scope (a viewer gets 403 from the access hook) and the session's form token. A refused save
 * or edit is answered with its page, the form as it was typed and the reason in words (an edit's
 * beside the field), at the error's status (400 a malformed query with its caret, 422 a bad name or
 * webhook URL, 409 a name already used).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../core/errors.ts';
import { compileAllowList } from '../ingest/fetch/allow-list.ts';
import { allowPrivateOfEnvironment } from '../ingest/poll/follow-feed.ts';
import type { SavedSearch } from '../store/saved-searches.ts';
import type { Store } from '../store/store.ts';
import { queryChangeNote } from '../watch/searches/edit-search.ts';
import { parseDigest, SearchFieldError, saveSearch } from '../watch/searches/save-search.ts';
import {
  changeSearch,
  countVisibleSearches,
  mayKeepSearches,
  mayManage,
  removeSearch,
  type SearchViewer,
  summariseDeliveries,
  visibleSearch,
  visibleSearches,
} from '../watch/searches/saved-search-access.ts';
import type { EditFormValues } from './edit-search-form.tsx';
import { type SaveFormValues, valuesForQuery } from './save-search-form.tsx';
import { feedPath, renderWatchListPage, renderWatchSearchPage, type WatchMessages } from './watch-pages.tsx';

/** How many hits and deliveries `/watch/ID` shows. */
const recentHits = 50;
const recentDeliveries = 50;

type Form = Record<string, unknown>;

const field = (body: unknown, name: string): string => {
  const value = body !== null && typeof body === 'object' ? (body as Form)[name] : undefined;
  return typeof value === 'string' ? value : '';
};

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** "The search was not saved: <why>." */
const notSaved = (why: string) => `The search was not saved: ${why}${/[.!?]$/.test(why) ? '' : '.'}`;

/** The signed-in browser's user and form token, or null (no session: a token or nobody). */
function sessionOf(request: FastifyRequest): { user: SearchViewer; formToken: string } | null {
  const principal = request.principal ?? null;
  if (principal?.via !== 'session' || principal.session === undefined) return null;
  return { user: principal.user, formToken: principal.session.csrfToken };
}

/**
 * The results page's "Save this search" form, when this request's reader may use it (a browser
 * session of an analyst or admin): its form token. Null for anyone else, who get the shared page.
 */
export function saveFormFor(request: FastifyRequest): { formToken: string } | null {
  const principal = request.principal ?? null;
  if (principal === null || !principal.scopes.includes('write')) return null;
  const session = sessionOf(request);
  return session !== null && mayKeepSearches(session.user) ? { formToken: session.formToken } : null;
}

const signInFirst = (reply: FastifyReply, next: string) =>
  reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);

/** How many searches `/watch` lists a page (an admin may see thousands). */
const searchesPerPage = 50;

/** A `?page=` number: a whole number from 1, else 1. */
const pageNumber = (text: unknown) =>
  typeof text === 'string' && /^[1-9]\d{0,5}$/.test(text) ? Number(text) : 1;

/** A search id from a path: a positive whole number, else 0 (found by no one). */
const searchId = (text: string) => (/^\d{1,12}$/.test(text) ? Number(text) : 0);

export async function watchRoutes(
  app: FastifyInstance,
  options: { store: Store; allowPrivate?: readonly string[] },
): Promise<void> {
  const { store } = options;
  // Where a webhook may point although private (WIREWATCH_ALLOW_PRIVATE, as `serve` passes it).
  const allowPrivate = compileAllowList(options.allowPrivate ?? allowPrivateOfEnvironment());

  const listPage = async (
    reply: FastifyReply,
    status: number,
    viewer: { user: SearchViewer; formToken: string },
    messages: WatchMessages & { form?: SaveFormValues } = {},
    asked = 1,
  ) => {
    const { user } = viewer;
    const { total, own } = await countVisibleSearches(store, user);
    // A page past the end (searches removed since the link was made) shows the last one.
    const page = Math.min(asked, Math.max(1, Math.ceil(total / searchesPerPage)));
    const searches = await visibleSearches(store, user, {
      limit: searchesPerPage,
      offset: (page - 1) * searchesPerPage,
    });
    const listed = await Promise.all(
      searches.map(async (search) => ({
        search,
        deliveries: await summariseDeliveries(store, search),
        feedKey: search.ownerId === user.id ? await store.savedSearches.feedKeyOf(search.id) : null,
      })),
    );
    const { form, ...shown } = messages;
    return sendHtml(
      reply,
      status,
      renderWatchListPage({
        ...shown,
        user,
        searches: listed,
        paging: { page, perPage: searchesPerPage, total, own },
        formToken: viewer.formToken,
        ...(mayKeepSearches(user) ? { form: form ?? valuesForQuery('') } : {}),
      }),
    );
  };

  app.get<{ Querystring: { removed?: string; changed?: string; page?: string } }>(
    '/watch',
    async (request, reply) => {
      const viewer = sessionOf(request);
      if (viewer === null) return signInFirst(reply, '/watch');
      const { removed, changed } = request.query;
      const page = pageNumber(request.query.page);
      let notice: string | undefined;
      if (typeof removed === 'string' && /^\d{1,12}$/.test(removed))
        notice = `Removed saved search #${removed}, its hits and its deliveries.`;
      else if (typeof changed === 'string' && /^\d{1,12}$/.test(changed)) {
        const search = await store.savedSearches.get(Number(changed));
        if (search !== null && mayManage(search, viewer.user))
          notice = `“${search.name}” is now ${search.shared ? 'shared with the team' : 'private'}, with ${search.digest === 'daily' ? 'a daily digest' : 'no digest'}.`;
      }
      return listPage(reply, 200, viewer, notice === undefined ? {} : { notice }, page);
    },
  );

  app.post('/watch', { config: { access: 'write' } }, async (request, reply) => {
    const viewer = sessionOf(request);
    if (viewer === null) throw new AppError('AUTH_REQUIRED', 'sign in to save a search');
    const { user } = viewer;
    const digest = field(request.body, 'digest') || 'none';
    const form: SaveFormValues = {
      name: field(request.body, 'name'),
      query: field(request.body, 'query'),
      shared: field(request.body, 'shared') === '1',
      digest: digest === 'daily' ? 'daily' : 'none',
      webhook: field(request.body, 'webhook').trim(),
    };
    try {
      const saved = await saveSearch(
        store,
        {
          ownerName: user.name,
          name: form.name,
          query: form.query,
          shared: form.shared,
          webhookUrl: form.webhook === '' ? null : form.webhook,
          digest,
        },
        user.name,
        { allowPrivate },
      );
      reply.header('location', `/watch/${saved.id}`);
      return listPage(reply, 201, viewer, {
        notice: `Saved “${saved.name}” (#${saved.id})${saved.shared ? ', shared with the team' : ''}: new articles matching it are listed in your inbox as they arrive.`,
        created: {
          id: saved.id,
          name: saved.name,
          feedUrl: feedPath(saved.id, saved.feedKey),
          webhookSecret: saved.webhookSecret,
        },
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code.startsWith('QUERY_'))
        return listPage(reply, error.status, viewer, {
          error: notSaved('its query cannot be searched'),
          queryError: { error, query: form.query },
          form,
        });
      if (error.code === 'WATCH_INVALID' || error.code === 'WATCH_EXISTS')
        return listPage(reply, error.status, viewer, {
          error: notSaved(error.message),
          form,
        });
      throw error;
    }
  });

  /** `/watch/ID` for `viewer`, after an edit with what it changed or why not. */
  const searchPage = async (
    reply: FastifyReply,
    status: number,
    viewer: { user: SearchViewer; formToken: string },
    search: SavedSearch,
    after: Pick<Parameters<typeof renderWatchSearchPage>[0], 'messages' | 'edit'> = {},
  ) => {
    const { user } = viewer;
    const [hits, deliveries, feedKey] = await Promise.all([
      store.savedSearches.listHits(search.id, { limit: recentHits, readerId: user.id }),
      store.savedSearches.listDeliveries(search.id, recentDeliveries),
      search.ownerId === user.id ? store.savedSearches.feedKeyOf(search.id) : null,
    ]);
    const [articles, attempts] = await Promise.all([
      Promise.all(hits.map((hit) => store.getArticle(hit.articleId))),
      Promise.all(deliveries.map((delivery) => store.savedSearches.attemptsOf(delivery.id))),
    ]);
    return sendHtml(
      reply,
      status,
      renderWatchSearchPage({
        user,
        search,
        hits: hits.map((hit, index) => ({ hit, article: articles[index] ?? null })),
        deliveries: deliveries.map((delivery, index) => ({ delivery, attempts: attempts[index] ?? [] })),
        feedKey,
        formToken: viewer.formToken,
        ...after,
      }),
    );
  };

  app.get<{ Params: { id: string } }>('/watch/:id', async (request, reply) => {
    const viewer = sessionOf(request);
    if (viewer === null) return signInFirst(reply, `/watch/${searchId(request.params.id)}`);
    return searchPage(
      reply,
      200,
      viewer,
      await visibleSearch(store, searchId(request.params.id), viewer.user),
    );
  });

  app.post<{ Params: { id: string } }>(
    '/watch/:id/edit',
    { config: { access: 'write' } },
    async (request, reply) => {
      const viewer = sessionOf(request);
      if (viewer === null) throw new AppError('AUTH_REQUIRED', 'sign in to edit a saved search');
      const values: EditFormValues = {
        name: field(request.body, 'name'),
        query: field(request.body, 'query'),
        webhook: field(request.body, 'webhook').trim(),
        rotate: field(request.body, 'rotate') === '1',
      };
      const id = searchId(request.params.id);
      try {
        const outcome = await changeSearch(
          store,
          id,
          viewer.user,
          { name: values.name, query: values.query, webhookUrl: values.webhook, rotateSecret: values.rotate },
          { allowPrivate },
        );
        // The page itself, not a redirect: a new signing secret is shown in this answer alone.
        return searchPage(reply, 200, viewer, outcome.search, {
          messages: {
            notice:
              outcome.changes.length === 0
                ? 'Nothing to change: the search is as it was.'
                : `Changed “${outcome.search.name}”:`,
            changes: { list: outcome.changes, note: outcome.queryChanged ? queryChangeNote : null },
            newWebhookSecret: outcome.newWebhookSecret,
          },
        });
      } catch (error) {
        // Not found and forbidden are the error page's; a refused value comes back beside its field.
        if (!isAppError(error) || error.code === 'WATCH_NOT_FOUND' || error.code.startsWith('AUTH_'))
          throw error;
        const search = await visibleSearch(store, id, viewer.user);
        return searchPage(reply, error.status, viewer, search, {
          messages: {
            error: `The search was not changed: ${error.code.startsWith('QUERY_') ? 'its new query cannot be searched.' : error.message}`,
          },
          edit: { values, problem: { field: error instanceof SearchFieldError ? error.field : null, error } },
        });
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/watch/:id/change',
    { config: { access: 'write' } },
    async (request, reply) => {
      const viewer = sessionOf(request);
      if (viewer === null) throw new AppError('AUTH_REQUIRED', 'sign in to change a saved search');
      const shared = field(request.body, 'shared');
      const digest = field(request.body, 'digest');
      const { search } = await changeSearch(store, searchId(request.params.id), viewer.user, {
        ...(shared === '1' || shared === '0' ? { shared: shared === '1' } : {}),
        ...(digest === '' ? {} : { digest: parseDigest(digest) }),
      });
      return reply.redirect(`/watch?changed=${search.id}`, 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/watch/:id/remove',
    { config: { access: 'write' } },
    async (request, reply) => {
      const viewer = sessionOf(request);
      if (viewer === null) throw new AppError('AUTH_REQUIRED', 'sign in to remove a saved search');
      const removed = await removeSearch(store, searchId(request.params.id), viewer.user);
      return reply.redirect(`/watch?removed=${removed.id}`, 303);
    },
  );
}
