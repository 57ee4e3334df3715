/**
 * The admin pages: `/admin/users` (and `/admin/users/NAME`), `/admin/tokens` and `/admin/audit`, for
 * admins only (access 'admin': anyone else gets 403, an anonymous browser is sent to sign in). Every
 * change goes through manage-accounts.ts, so the web keeps the command line's rules (user names,
 * scopes within the role, the last admin kept) and writes the same audit entries, with the signed-in
 * admin as the actor. Each form carries the session's form token (install-access.ts refuses a post
 * without it). A refused change is shown on its page in words; a one-time password or a new token is
 * shown in the answer to its form only, never put in a URL. The other changes answer with a redirect
 * back to their page (so reloading it does not send the form again).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../core/errors.ts';
import type { Role, TokenScope } from '../store/accounts.ts';
import type { Store } from '../store/store.ts';
import {
  addUser,
  checkEmail,
  createToken,
  disableUser,
  enableUser,
  findUser,
  parseRole,
  parseScopes,
  resetPassword,
  revokeToken,
  setEmail,
  setRole,
  signOutEverywhere,
} from '../watch/accounts/manage-accounts.ts';
import {
  type AdminMessages,
  renderAdminAuditPage,
  renderAdminTokensPage,
  renderAdminUserPage,
  renderAdminUsersPage,
} from './admin-pages.tsx';

const admin = { config: { access: 'admin' as const } };
const auditPerPage = 50;
/** The longest a token made here may live, in days (ten years); empty: until revoked. */
const maxTokenDays = 3650;
/** The deepest audit page a link may ask for (50,000 entries back). */
const maxAuditPage = 1_000;
/** The refusals a form shows on its page; anything else goes to the error page. */
const shownOnPage = new Set<ErrorCode>([
  'USER_INVALID',
  'USER_EXISTS',
  'USER_LAST_ADMIN',
  'TOKEN_INVALID',
  'TOKEN_NOT_FOUND',
]);

type Form = Record<string, unknown>;

/** One text field of a posted form ('' when absent or repeated). */
function field(body: unknown, name: string): string {
  const value = body !== null && typeof body === 'object' ? (body as Form)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Every value of a field that may repeat (checkboxes). */
function fields(body: unknown, name: string): string[] {
  const value = body !== null && typeof body === 'object' ? (body as Form)[name] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/** The admin making the request (the access hook let only admins through) and their form token. */
function adminOf(request: FastifyRequest): { actor: string; formToken: string } {
  const principal = request.principal;
  if (principal === null) throw new AppError('AUTH_REQUIRED', 'sign in as an admin');
  return { actor: principal.user.name, formToken: principal.session?.csrfToken ?? '' };
}

/** The error when it is one a form shows on its page; otherwise it is thrown on. */
function refusal(error: unknown): AppError {
  if (error instanceof AppError && shownOnPage.has(error.code)) return error;
  throw error;
}

/**
 * A message as a sentence on the page: a full stop at the end, and a capital at the start unless it
 * starts with a user's name ("zed is an analyst: …"), which is written as it is.
 */
function sentence(message: string, name?: string): string {
  const text =
    name !== undefined && message.startsWith(`${name} `)
      ? message
      : `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function withArticle(role: Role): string {
  return `${role === 'viewer' ? 'a' : 'an'} ${role}`;
}

const userPath = (name: string) => `/admin/users/${encodeURIComponent(name)}`;

export async function adminRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  const usersPage = async (
    reply: FastifyReply,
    status: number,
    messages: AdminMessages,
    form?: { name: string; role: Role; email: string },
  ) => {
    const [users, activity, tokens] = await Promise.all([
      store.accounts.listUsers(),
      store.accounts.signInActivity(),
      store.accounts.listTokens(),
    ]);
    const activeTokens = new Map<number, number>();
    const now = Date.now();
    for (const token of tokens)
      if (token.revokedAt === null && (token.expiresAt === null || Date.parse(token.expiresAt) > now))
        activeTokens.set(token.userId, (activeTokens.get(token.userId) ?? 0) + 1);
    return sendHtml(
      reply,
      status,
      renderAdminUsersPage({
        ...messages,
        users,
        activity: new Map(activity.map((entry) => [entry.userId, entry])),
        activeTokens,
        ...(form ? { form } : {}),
      }),
    );
  };

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    name: string,
    messages: AdminMessages,
  ) => {
    const user = await findUser(store, name);
    const [activity, tokens] = await Promise.all([
      store.accounts.signInActivity(),
      store.accounts.listTokens(user.id),
    ]);
    return sendHtml(
      reply,
      status,
      renderAdminUserPage({
        ...messages,
        user,
        activity: activity.find((entry) => entry.userId === user.id),
        tokens,
        self: request.principal?.user.id === user.id,
      }),
    );
  };

  const tokensPage = async (
    reply: FastifyReply,
    status: number,
    messages: AdminMessages,
    view: {
      userFilter?: string;
      form?: { user: string; scopes: TokenScope[]; label: string; expires: string };
    },
  ) => {
    const users = await store.accounts.listUsers();
    const only = view.userFilter === undefined ? undefined : await findUser(store, view.userFilter);
    const tokens = await store.accounts.listTokens(only?.id);
    return sendHtml(
      reply,
      status,
      renderAdminTokensPage({
        ...messages,
        tokens,
        users: users.filter((user) => user.disabledAt === null),
        ...(only ? { userFilter: only.name } : {}),
        ...(view.form ? { form: view.form } : {}),
      }),
    );
  };

  app.get('/admin', admin, async (_request, reply) => reply.redirect('/admin/users', 303));

  app.get('/admin/users', admin, async (request, reply) => {
    const { formToken } = adminOf(request);
    return usersPage(reply, 200, { formToken });
  });

  app.post('/admin/users', admin, async (request, reply) => {
    const { actor, formToken } = adminOf(request);
    const name = field(request.body, 'name').trim();
    const email = field(request.body, 'email').trim();
    const chosenRole = field(request.body, 'role');
    const form = {
      name,
      role: (['admin', 'analyst', 'viewer'] as const).find((role) => role === chosenRole) ?? 'analyst',
      email,
    };
    try {
      const role = parseRole(chosenRole);
      if (email !== '') checkEmail(email);
      const { user, oneTimePassword } = await addUser(store, { name, role }, actor);
      if (email !== '') await setEmail(store, user.name, email, actor);
      return usersPage(reply, 200, {
        formToken,
        notice: `Added ${user.name} (${user.role}).`,
        secret: {
          what: `One-time password for ${user.name}`,
          value: oneTimePassword!,
          help: 'It is shown only now: hand it to them; they choose their own at the first sign-in.',
        },
      });
    } catch (error) {
      const refused = refusal(error);
      return usersPage(reply, refused.status, { formToken, error: sentence(refused.message) }, form);
    }
  });

  app.get<{ Params: { name: string }; Querystring: { done?: string; ended?: string } }>(
    '/admin/users/:name',
    admin,
    async (request, reply) => {
      const { formToken } = adminOf(request);
      const user = await findUser(store, request.params.name);
      const ended = /^\d{1,6}$/.test(request.query.ended ?? '') ? Number(request.query.ended) : 0;
      const notices: Record<string, string> = {
        role: `${user.name} is now ${withArticle(user.role)}.`,
        email:
          user.email === null
            ? `${user.name} gets no digest by e-mail.`
            : `${user.name}’s digest goes to ${user.email}.`,
        disabled: `${user.name} is disabled: signed out everywhere, every token revoked.`,
        enabled: `${user.name} may sign in again (their old tokens stay revoked).`,
        'signed-out': `${user.name} is signed out everywhere: ${ended} session${ended === 1 ? '' : 's'} ended.`,
      };
      const notice = Object.hasOwn(notices, request.query.done ?? '')
        ? notices[request.query.done!]
        : undefined;
      return userPage(request, reply, 200, user.name, { formToken, ...(notice ? { notice } : {}) });
    },
  );

  /** A change to one user: done, it redirects back to the user's page with a notice; refused, the page says why. */
  const userChange = (
    action: string,
    change: (name: string, body: unknown, actor: string) => Promise<string>,
  ) =>
    app.post<{ Params: { name: string } }>(`/admin/users/:name/${action}`, admin, async (request, reply) => {
      const { actor, formToken } = adminOf(request);
      const user = await findUser(store, request.params.name);
      try {
        const back = await change(user.name, request.body, actor);
        return reply.redirect(back, 303);
      } catch (error) {
        const refused = refusal(error);
        return userPage(request, reply, refused.status, user.name, {
          formToken,
          error: sentence(refused.message, user.name),
        });
      }
    });

  userChange('role', async (name, body, actor) => {
    const user = await setRole(store, name, parseRole(field(body, 'role')), actor);
    // An admin who demoted themselves may no longer see the admin pages: back to their account.
    return user.name === actor && user.role !== 'admin' ? '/account' : `${userPath(name)}?done=role`;
  });
  userChange('email', async (name, body, actor) => {
    const email = field(body, 'email').trim();
    await setEmail(store, name, email === '' ? null : email, actor);
    return `${userPath(name)}?done=email`;
  });
  userChange('disable', async (name, _body, actor) => {
    await disableUser(store, name, actor);
    return `${userPath(name)}?done=disabled`;
  });
  userChange('enable', async (name, _body, actor) => {
    await enableUser(store, name, actor);
    return `${userPath(name)}?done=enabled`;
  });
  userChange('sign-out', async (name, _body, actor) => {
    const ended = await signOutEverywhere(store, name, actor);
    return `${userPath(name)}?done=signed-out&ended=${ended}`;
  });

  // A new one-time password is shown in this answer only (never in a URL), so no redirect here.
  app.post<{ Params: { name: string } }>(
    '/admin/users/:name/reset-password',
    admin,
    async (request, reply) => {
      const { actor, formToken } = adminOf(request);
      const user = await findUser(store, request.params.name);
      const password = await resetPassword(store, user.name, actor);
      return userPage(request, reply, 200, user.name, {
        formToken,
        notice: `${user.name} has a new one-time password and is signed out everywhere.`,
        secret: {
          what: `One-time password for ${user.name}`,
          value: password,
          help: 'It is shown only now: hand it to them; they choose their own at the next sign-in.',
        },
      });
    },
  );

  app.get<{ Querystring: { user?: string; revoked?: string } }>(
    '/admin/tokens',
    admin,
    async (request, reply) => {
      const { formToken } = adminOf(request);
      const revoked = request.query.revoked ?? '';
      const userFilter = (request.query.user ?? '').trim();
      return tokensPage(
        reply,
        200,
        {
          formToken,
          ...(/^ww_[a-z2-9]{8}$/.test(revoked)
            ? { notice: `Token ${revoked} is revoked: it is refused from now on.` }
            : {}),
        },
        userFilter === '' ? {} : { userFilter },
      );
    },
  );

  app.post('/admin/tokens', admin, async (request, reply) => {
    const { actor, formToken } = adminOf(request);
    const body = request.body;
    const userName = field(body, 'user');
    const label = field(body, 'label').trim();
    const expires = field(body, 'expires').trim();
    const chosen = fields(body, 'scope');
    const form = {
      user: userName,
      scopes: chosen.filter((scope): scope is TokenScope => ['read', 'write', 'admin'].includes(scope)),
      label,
      expires,
    };
    try {
      const days = expires === '' ? null : /^\d{1,4}$/.test(expires) ? Number(expires) : Number.NaN;
      if (days !== null && !(days >= 1 && days <= maxTokenDays))
        throw new AppError(
          'TOKEN_INVALID',
          `the expiry is a number of days from 1 to ${maxTokenDays}, or empty for never`,
        );
      const { token, record } = await createToken(
        store,
        {
          userName,
          scopes: parseScopes(chosen.join(',')),
          ...(label === '' ? {} : { label }),
          expiresAt: days === null ? null : new Date(Date.now() + days * 86_400_000),
        },
        actor,
      );
      return tokensPage(
        reply,
        200,
        {
          formToken,
          notice: `Made token ${record.prefix} for ${record.userName} (${record.scopes.join(', ')}).`,
          secret: {
            what: `Token ${record.prefix} for ${record.userName}`,
            value: token,
            help: 'It is shown only now and cannot be shown again: copy it; send it as "Authorization: Bearer <token>".',
          },
        },
        {},
      );
    } catch (error) {
      const refused = error instanceof AppError && error.code === 'USER_NOT_FOUND' ? error : refusal(error);
      return tokensPage(
        reply,
        refused.status,
        { formToken, error: sentence(refused.message, userName) },
        { form },
      );
    }
  });

  app.post('/admin/tokens/revoke', admin, async (request, reply) => {
    const { actor, formToken } = adminOf(request);
    try {
      const token = await revokeToken(store, field(request.body, 'token'), actor);
      return reply.redirect(`/admin/tokens?revoked=${encodeURIComponent(token.prefix)}`, 303);
    } catch (error) {
      const refused = refusal(error);
      return tokensPage(reply, refused.status, { formToken, error: sentence(refused.message) }, {});
    }
  });

  app.get<{ Querystring: { actor?: string; action?: string; page?: string } }>(
    '/admin/audit',
    admin,
    async (request, reply) => {
      const { formToken } = adminOf(request);
      const actor = (request.query.actor ?? '').trim().slice(0, 200);
      const action = (request.query.action ?? '').trim().slice(0, 200);
      const pageText = request.query.page ?? '1';
      if (!/^\d{1,7}$/.test(pageText) || Number(pageText) < 1 || Number(pageText) > maxAuditPage)
        throw new AppError('REQUEST_INVALID', `the page is a number from 1 to ${maxAuditPage}`);
      const page = Number(pageText);
      const [rows, users] = await Promise.all([
        store.accounts.listAudit({
          limit: auditPerPage + 1,
          offset: (page - 1) * auditPerPage,
          ...(actor === '' ? {} : { actor }),
          ...(action === '' ? {} : { action }),
        }),
        store.accounts.listUsers(),
      ]);
      return sendHtml(
        reply,
        200,
        renderAdminAuditPage({
          formToken,
          entries: rows.slice(0, auditPerPage),
          page,
          hasNext: rows.length > auditPerPage,
          actor,
          action,
          actors: users.map((user) => user.name),
        }),
      );
    },
  );
}
