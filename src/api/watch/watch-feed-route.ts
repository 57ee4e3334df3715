/**
 * `GET /watch/:id/feed.atom`: a saved search's alerts as Atom, for a feed reader. It opens with the
 * search's own secret (`?key=…`, printed by `wirewatch watch add`), or for a signed-in user or a
 * token holder who may see the search (its owner, or anyone when it is shared). Anything else is
 * 404, whether or not the search exists: the answer says nothing about what others watch.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.ts';
import { renderAlertsAtom } from '../../export/alerts-atom.ts';
import { sameSecret } from '../../server/access/install-access.ts';
import type { Store } from '../../store/store.ts';
import { maySee } from '../../watch/searches/saved-search-access.ts';
import { requestOrigin } from '../exports/export-routes.ts';

const alertLimit = 50;

export async function watchFeedRoute(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  app.get<{ Params: { id: string }; Querystring: { key?: string } }>(
    '/watch/:id/feed.atom',
    { config: { access: 'public' } },
    async (request, reply) => {
      const notFound = new AppError('WATCH_NOT_FOUND', 'no such saved search feed');
      const id = /^\d{1,12}$/.test(request.params.id) ? Number(request.params.id) : 0;
      const search = await store.savedSearches.get(id);
      if (search === null) throw notFound;
      const key = typeof request.query.key === 'string' ? request.query.key : undefined;
      const feedKey = key === undefined ? null : await store.savedSearches.feedKeyOf(search.id);
      const principal = request.principal;
      const mayRead =
        (feedKey !== null && sameSecret(key, feedKey)) ||
        (principal?.scopes.includes('read') === true && maySee(search, principal.user));
      if (!mayRead) throw notFound;
      const hits = await store.savedSearches.listHits(search.id, { limit: alertLimit, alertsOnly: true });
      const articles = await Promise.all(hits.map((hit) => store.getArticle(hit.articleId)));
      const xml = renderAlertsAtom({
        search,
        alerts: hits.map((hit, index) => ({ hit, article: articles[index] ?? null })),
        origin: requestOrigin(request),
        now: new Date(),
      });
      return reply
        .type('application/atom+xml; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .send(xml);
    },
  );
}
