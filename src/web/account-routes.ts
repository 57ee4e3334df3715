/**
 * `/sign-in`, `/sign-out`, `/account`, `/account/password`, the inbox (`/inbox`, `/inbox/read`) and
 * a day's digest (`/digest/YYYY-MM-DD`). The sign-in form, which no session
 * guards yet, carries a token that must match a cookie set with the form (so another site cannot
 * sign a browser in as someone else); the other forms carry their session's token (install-access.ts).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../core/errors.ts';
import { sessionCookie, sessionLifetimeMs, startSession } from '../server/access/authenticate.ts';
import { sameSecret } from '../server/access/install-access.ts';
import { checkSignIn } from '../server/access/sign-in.ts';
import type { Store } from '../store/store.ts';
import { changePassword } from '../watch/accounts/manage-accounts.ts';
import { checkPassword, verifyPassword } from '../watch/accounts/passwords.ts';
import { buildDigest } from '../watch/digest/build-digest.ts';
import { renderAccountPage, renderPasswordPage, renderSignInPage } from './account-pages.tsx';
import { renderDigestPage } from './digest-page.tsx';
import { renderErrorPage } from './error-page.tsx';
import { renderInboxPage } from './inbox-page.tsx';

const formCookie = 'ww_form';
type Form = Record<string, unknown>;

const field = (body: unknown, name: string): string => {
  const value = body !== null && typeof body === 'object' ? (body as Form)[name] : undefined;
  return typeof value === 'string' ? value : '';
};

/** A local path to go back to after signing in; anything else (another site, `//host`) is the front page. */
export function localNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : '/';
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** The session cookie: HttpOnly, SameSite=Lax, Secure over https, living as long as a session may. */
function setSessionCookie(request: FastifyRequest, reply: FastifyReply, cookie: string): void {
  reply.setCookie(sessionCookie, cookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
    maxAge: Math.floor(sessionLifetimeMs / 1000),
  });
}

export async function accountRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  const showSignIn = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    form: { next: string; name?: string; error?: string },
  ) => {
    // The form's token is the cookie's: one already set (another tab's sign-in form) is kept, so
    // two open forms both work.
    const kept = request.cookies[formCookie];
    const formToken =
      kept !== undefined && /^[A-Za-z0-9_-]{32}$/.test(kept) ? kept : randomBytes(24).toString('base64url');
    reply.setCookie(formCookie, formToken, {
      path: '/sign-in',
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(request),
      maxAge: 3600,
    });
    return sendHtml(reply, status, renderSignInPage({ formToken, ...form }));
  };

  app.get<{ Querystring: { next?: string } }>(
    '/sign-in',
    { config: { access: 'public' } },
    async (request, reply) => {
      const next = localNext(request.query.next);
      if (request.principal !== null) return reply.redirect(next, 303);
      return showSignIn(request, reply, 200, { next });
    },
  );

  app.post('/sign-in', { config: { access: 'public', ownFormToken: true } }, async (request, reply) => {
    const next = localNext(field(request.body, 'next'));
    const name = field(request.body, 'name');
    if (!sameSecret(field(request.body, '_csrf'), request.cookies[formCookie] ?? ''))
      return showSignIn(request, reply, 403, {
        next,
        name,
        error: 'The form had expired or came from another page: please sign in again.',
      });
    try {
      const user = await checkSignIn(store, name, field(request.body, 'password'));
      const { cookie } = await startSession(store, user);
      reply.clearCookie(formCookie, { path: '/sign-in' });
      setSessionCookie(request, reply, cookie);
      return reply.redirect(user.mustChangePassword ? '/account/password' : next, 303);
    } catch (error) {
      if (!isAppError(error, 'AUTH_FAILED') && !isAppError(error, 'AUTH_THROTTLED')) throw error;
      return showSignIn(request, reply, error.status, {
        next,
        name,
        error:
          error.code === 'AUTH_THROTTLED'
            ? `Too many failed sign-ins: ${error.message.replace(/^.*: /, '')}.`
            : 'That name and password do not match an account that may sign in.',
      });
    }
  });

  app.post('/sign-out', { config: { access: 'read' } }, async (request, reply) => {
    const principal = request.principal;
    if (principal?.via !== 'session' || principal.session === undefined)
      throw new AppError('AUTH_REQUIRED', 'sign-out ends a browser session: this request has none');
    if (field(request.body, 'everywhere') === '1')
      await store.accounts.endSessions(principal.user.id, {
        actor: principal.user.name,
        action: 'user.sign-out-everywhere',
        target: principal.user.name,
      });
    else await store.accounts.endSession(principal.session.idHash);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.redirect('/sign-in', 303);
  });

  /** The signed-in browser's principal; anonymous readers are sent to sign in. */
  const sessionOf = (request: FastifyRequest) => {
    const principal = request.principal;
    return principal?.via === 'session' && principal.session !== undefined
      ? { ...principal, session: principal.session }
      : null;
  };

  app.get<{ Querystring: { changed?: string } }>('/account', async (request, reply) => {
    const principal = sessionOf(request);
    if (principal === null) return reply.redirect('/sign-in?next=%2Faccount', 303);
    return sendHtml(
      reply,
      200,
      renderAccountPage({
        user: principal.user,
        formToken: principal.session.csrfToken,
        ...(request.query.changed === '1'
          ? { notice: 'Your password is changed; other sessions are signed out.' }
          : {}),
      }),
    );
  });

  app.get('/inbox', async (request, reply) => {
    const principal = sessionOf(request);
    if (principal === null) return reply.redirect('/sign-in?next=%2Finbox', 303);
    const entries = await store.savedSearches.inbox(principal.user.id, { limit: 100 });
    // Each visible search already counts its unread alerts: the exact total, without fetching them.
    const unread = (await store.savedSearches.list({ visibleTo: principal.user.id })).reduce(
      (sum, search) => sum + search.unreadHits,
      0,
    );
    const articles = await Promise.all(entries.map((entry) => store.getArticle(entry.articleId)));
    return sendHtml(
      reply,
      200,
      renderInboxPage({
        entries: entries.map((entry, index) => ({ entry, article: articles[index] ?? null })),
        unread,
        formToken: principal.session.csrfToken,
      }),
    );
  });

  app.post('/inbox/read', { config: { access: 'read' } }, async (request, reply) => {
    const principal = sessionOf(request);
    if (principal === null) throw new AppError('AUTH_REQUIRED', 'sign in to read your inbox');
    const hit = /^(\d{1,12}):(\d{1,12})$/.exec(field(request.body, 'hit'));
    if (field(request.body, 'all') === '1') await store.savedSearches.markRead(principal.user.id, 'all');
    else if (hit !== null)
      await store.savedSearches.markRead(principal.user.id, [
        { savedSearchId: Number(hit[1]), articleId: Number(hit[2]) },
      ]);
    else throw new AppError('REQUEST_INVALID', 'say which alert to mark read (hit=SEARCH:ARTICLE) or all=1');
    return reply.redirect('/inbox', 303);
  });

  app.get<{ Params: { day: string } }>('/digest/:day', async (request, reply) => {
    const principal = sessionOf(request);
    if (principal === null)
      return reply.redirect(`/sign-in?next=${encodeURIComponent(`/digest/${request.params.day}`)}`, 303);
    let digest: Awaited<ReturnType<typeof buildDigest>>;
    try {
      digest = await buildDigest(store, { day: request.params.day, userId: principal.user.id });
    } catch (error) {
      if (!isAppError(error, 'WATCH_INVALID')) throw error;
      return sendHtml(reply, 400, renderErrorPage(400, 'Not a day', error.message));
    }
    return sendHtml(reply, 200, renderDigestPage(digest));
  });

  app.get('/account/password', async (request, reply) => {
    const principal = sessionOf(request);
    if (principal === null) return reply.redirect('/sign-in?next=%2Faccount%2Fpassword', 303);
    return sendHtml(
      reply,
      200,
      renderPasswordPage({ user: principal.user, formToken: principal.session.csrfToken }),
    );
  });

  app.post('/account/password', { config: { access: 'read' } }, async (request, reply) => {
    const principal = sessionOf(request);
    if (principal === null) throw new AppError('AUTH_REQUIRED', 'sign in to change your password');
    const refuse = (error: string) =>
      sendHtml(
        reply,
        422,
        renderPasswordPage({ user: principal.user, formToken: principal.session.csrfToken, error }),
      );
    const stored = await store.accounts.findUserByName(principal.user.name);
    if (stored === null || !(await verifyPassword(stored.passwordHash, field(request.body, 'current'))))
      return refuse('Your current password is not the one typed.');
    const password = field(request.body, 'password');
    if (password !== field(request.body, 'again')) return refuse('The two new passwords differ.');
    if (password === field(request.body, 'current')) return refuse('The new password is the old one.');
    try {
      checkPassword(password);
    } catch (error) {
      if (!isAppError(error, 'PASSWORD_TOO_WEAK')) throw error;
      return refuse(`${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`);
    }
    // Changing the password ends every session, this one too: this browser gets a new one.
    await changePassword(store, principal.user, password);
    const { cookie } = await startSession(store, { ...principal.user, mustChangePassword: false });
    setSessionCookie(request, reply, cookie);
    return reply.redirect('/account?changed=1', 303);
  });
}
