/**
 * The sources page's routes: `/sources` for anyone who may read (the shared page, kept in the
 * response cache), and for a signed-in admin the same page with a form to follow a feed and a button
 * per feed to stop following it (never cached: it carries their session's form token). The forms post
 * to `/sources/add` and `/sources/remove`, admins only (access 'admin': a viewer or analyst gets 403
 * saying so, and nothing changes) and each with the session's form token (install-access.ts refuses
 * a post without it). A feed is found and read before it is stored, through the ingestion's fetch
 * client and address guard, as `wirewatch sources add` does (follow-feed.ts), and every change is
 * audited with the signed-in admin as the actor. A refusal (a private address, a page without a
 * feed, an unknown feed) is shown on the page in words with the form as it was filled in; a change
 * that worked redirects back to the page with a notice, so reloading it does not post again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { allowPrivateOfEnvironment, followFeedAt, unfollowFeed } from '../ingest/poll/follow-feed.ts';
import type { Store } from '../store/store.ts';
import type { RenderedPage } from './render-document.ts';
import { type FollowFormValues, type SourcesManagement, showSourcesPage } from './sources-page.tsx';

/** How a change made here is described in its audit entry. */
const onThePage = 'on the Sources page';

/** The kinds of refusal the page shows in words; anything else goes to the error page. */
const shownOnPage = /^(FETCH|FEED|SUBSCRIPTION|SOURCE)_/;

/** The admin's forms for this request: a browser session of an admin, and its form token; else null. */
export function sourceFormsFor(request: FastifyRequest): { actor: string; formToken: string } | null {
  const principal = request.principal ?? null;
  if (principal?.via !== 'session' || principal.session === undefined) return null;
  if (!principal.scopes.includes('admin')) return null;
  return { actor: principal.user.name, formToken: principal.session.csrfToken };
}

type Form = Record<string, unknown>;

/** One text field of a posted form ('' when absent or repeated). */
function field(body: unknown, name: string): string {
  const value = body !== null && typeof body === 'object' ? (body as Form)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** A message as a sentence: a capital at the start, a full stop at the end. */
function sentence(message: string): string {
  const text = `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function sendPage(reply: FastifyReply, page: RenderedPage, personal: boolean): FastifyReply {
  if (personal) reply.header('cache-control', 'private, no-store');
  return reply.code(page.status).type('text/html; charset=utf-8').send(page.html);
}

/** The error when the page shows it; otherwise it is thrown on. */
function refusal(error: unknown): AppError {
  if (error instanceof AppError && shownOnPage.test(error.code)) return error;
  throw error;
}

/** An id from a query or form: a positive whole number, else null. */
const idOf = (text: string | undefined) => (/^\d{1,12}$/.test(text ?? '') ? Number(text) : null);

export async function sourcePageRoutes(
  app: FastifyInstance,
  options: { store: Store; now?: () => Date; allowPrivate?: readonly string[] },
): Promise<void> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const allowPrivate = options.allowPrivate ?? allowPrivateOfEnvironment();
  const admin = { config: { access: 'admin' as const } };

  /** The page as an admin sees it, with what the last form did. */
  const managedPage = async (
    reply: FastifyReply,
    status: number,
    manage: SourcesManagement,
  ): Promise<FastifyReply> => sendPage(reply, await showSourcesPage(store, now(), manage, status), true);

  app.get<{ Querystring: { added?: string; already?: string; removed?: string } }>(
    '/sources',
    // The shared page is kept; an admin's carries their form token and is theirs alone.
    { config: { responseCache: (request: FastifyRequest) => sourceFormsFor(request) === null } },
    async (request, reply) => {
      const forms = sourceFormsFor(request);
      if (forms === null) return sendPage(reply, await showSourcesPage(store, now()), false);
      return managedPage(reply, 200, {
        formToken: forms.formToken,
        ...(await noticeOf(store, request.query)),
      });
    },
  );

  app.post('/sources/add', admin, async (request, reply) => {
    const forms = sourceFormsFor(request);
    if (forms === null)
      throw new AppError('AUTH_FORBIDDEN', 'this form is for an admin signed in on this browser');
    const form: FollowFormValues = {
      url: field(request.body, 'url').trim(),
      name: field(request.body, 'name').trim(),
      interval: field(request.body, 'interval').trim(),
    };
    try {
      if (form.url === '')
        throw new AppError(
          'SUBSCRIPTION_INVALID',
          'give the address of a feed, or of a site that links to one',
        );
      const interval =
        form.interval === ''
          ? undefined
          : /^\d{1,5}$/.test(form.interval)
            ? Number(form.interval)
            : Number.NaN;
      if (interval !== undefined && !(interval >= 1 && interval <= 10_080))
        throw new AppError(
          'SUBSCRIPTION_INVALID',
          'the minutes between fetches are a whole number from 1 to 10080 (a week), or empty for 30',
        );
      const followed = await followFeedAt(
        store,
        form.url,
        {
          ...(form.name === '' ? {} : { name: form.name }),
          ...(interval === undefined ? {} : { intervalMinutes: interval }),
        },
        forms.actor,
        { allowPrivate, how: onThePage },
      );
      const done = followed.created ? 'added' : 'already';
      return reply.redirect(`/sources?${done}=${followed.subscription.id}`, 303);
    } catch (error) {
      const refused = refusal(error);
      // "Not followed: http://…: refused to connect…": the fetch's own message, after what it means here.
      return managedPage(reply, refused.status, {
        formToken: forms.formToken,
        error: `Not followed: ${/[.!?]$/.test(refused.message) ? refused.message : `${refused.message}.`}`,
        form,
      });
    }
  });

  app.post('/sources/remove', admin, async (request, reply) => {
    const forms = sourceFormsFor(request);
    if (forms === null)
      throw new AppError('AUTH_FORBIDDEN', 'this form is for an admin signed in on this browser');
    try {
      const id = idOf(field(request.body, 'feed'));
      if (id === null) throw new AppError('SUBSCRIPTION_NOT_FOUND', 'say which feed to stop following');
      const removed = await unfollowFeed(store, id, forms.actor, onThePage);
      return reply.redirect(`/sources?removed=${removed.id}`, 303);
    } catch (error) {
      const refused = refusal(error);
      return managedPage(reply, refused.status, {
        formToken: forms.formToken,
        error: sentence(refused.message),
      });
    }
  });
}

/** The notice a redirect back to the page asks for: what was followed, or which feed was dropped. */
async function noticeOf(
  store: Store,
  query: { added?: string; already?: string; removed?: string },
): Promise<{ notice?: string }> {
  const removed = idOf(query.removed);
  if (removed !== null)
    return { notice: `Feed #${removed} is no longer followed; its articles stay in the archive.` };
  const added = idOf(query.added);
  const already = idOf(query.already);
  const id = added ?? already;
  if (id === null) return {};
  const feed = await store.subscriptions.get(id);
  if (feed === null) return {};
  return {
    notice:
      added !== null
        ? `Now following ${feed.feedUrl} as “${feed.sourceName}” (#${feed.id}): its articles come in with the next fetch.`
        : `Already following ${feed.feedUrl} as “${feed.sourceName}” (#${feed.id}); nothing changed.`,
  };
}
