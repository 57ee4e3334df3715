/**
 * The web desk's routes: `/`, `/search`, `/compare`, `/articles/:id`, `/entities`, `/entities/:slug`,
 * `/events` and `/assets/*` (`/sources` and its admin forms are in source-routes.ts),
 * each answering a full HTML page. Query and paging errors become 400 pages here; anything unexpected
 * is thrown to the server's error mapper, which answers with renderErrorPage.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import { showArticlePage } from './article-page.tsx';
import { assetRoutes } from './asset-routes.ts';
import { showComparePage } from './compare-page.tsx';
import { readEntitiesState, showEntitiesPage } from './entities-page.tsx';
import { showEntityPage } from './entity-page.tsx';
import { renderErrorPage } from './error-page.tsx';
import { readEventsState, renderEventsError, showEventsPage } from './events-page.tsx';
import { showHomePage } from './home-page.tsx';
import type { RenderedPage } from './render-document.ts';
import { renderSearchError, showSearchPage } from './search-page.tsx';
import { readSearchState } from './search-params.ts';
import { saveFormFor } from './watch-routes.ts';

export { renderErrorPage };

/** What the web routes need. */
export interface WebRoutesOptions {
  store: Store;
  /** The clock for the date line (tests fix it); default: the current time. */
  now?: () => Date;
}

type QueryString = Record<string, unknown>;

/** Pages are kept in the server's response cache while the archive stays the same. */
const cached = { config: { responseCache: true } };
/** The results page is shared too, except an analyst's or admin's, which carries their "Save this search" form. */
const cachedUnlessSaveForm = {
  config: { responseCache: (request: FastifyRequest) => saveFormFor(request) === null },
};

function sendPage(reply: FastifyReply, page: RenderedPage): FastifyReply {
  return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
}

/** Registers the pages on `app` (as a plugin or called directly). */
export async function webRoutes(app: FastifyInstance, options: WebRoutesOptions): Promise<void> {
  const { store } = options;
  const now = options.now ?? (() => new Date());

  await assetRoutes(app);

  app.get('/', cached, async (_request, reply) => sendPage(reply, await showHomePage(store, now())));

  app.get<{ Querystring: QueryString }>('/search', cachedUnlessSaveForm, async (request, reply) => {
    let state: ReturnType<typeof readSearchState>;
    try {
      state = readSearchState(request.query);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const q = typeof request.query.q === 'string' ? request.query.q : '';
      const fallback = {
        q,
        page: 1,
        sort: 'relevance',
        perPage: 10,
        interval: 'auto',
        scale: 'share',
      } as const;
      return sendPage(reply, renderSearchError(error, fallback, now()));
    }
    const saveForm = saveFormFor(request);
    if (saveForm === null) return sendPage(reply, await showSearchPage(store, state, now()));
    // The form carries this session's token: the page is this reader's alone.
    reply.header('cache-control', 'private, no-store');
    return sendPage(reply, await showSearchPage(store, state, now(), { saveForm }));
  });

  app.get<{ Querystring: QueryString }>('/compare', cached, async (request, reply) =>
    sendPage(reply, await showComparePage(store, request.query)),
  );

  app.get<{ Params: { id: string } }>('/articles/:id', cached, async (request, reply) =>
    sendPage(reply, await showArticlePage(store, request.params.id)),
  );

  app.get<{ Querystring: QueryString }>('/entities', cached, async (request, reply) => {
    let state: ReturnType<typeof readEntitiesState>;
    try {
      state = readEntitiesState(request.query);
    } catch (error) {
      if (!isAppError(error)) throw error;
      return sendPage(reply, {
        status: 400,
        html: renderErrorPage(400, 'Bad entity filter', error.message),
      });
    }
    return sendPage(reply, await showEntitiesPage(store, state));
  });

  app.get<{ Params: { slug: string } }>('/entities/:slug', cached, async (request, reply) => {
    const answer = await showEntityPage(store, request.params.slug);
    if ('redirect' in answer) return reply.redirect(answer.redirect, 301);
    return sendPage(reply, answer);
  });

  app.get<{ Querystring: QueryString }>('/events', cached, async (request, reply) => {
    let state: ReturnType<typeof readEventsState>;
    try {
      state = readEventsState(request.query);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const q = typeof request.query.q === 'string' ? request.query.q : '';
      return sendPage(reply, renderEventsError(error, { q, type: null, page: 1 }));
    }
    return sendPage(reply, await showEventsPage(store, state));
  });
}
