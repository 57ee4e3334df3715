/**
 * The admin pages: users (list, add, and one user's role, digest address, disable/enable, new
 * one-time password, sign out everywhere), every user's API tokens (make one, revoke one) and the
 * audit log. A one-time password or a new token is on the page that answered the form, once, and
 * never again. Every form carries the session's form token; preact escapes every value shown.
 */
import type { ComponentChildren } from 'preact';
import type { ApiToken, AuditEntry, Role, SignInActivity, TokenScope, User } from '../store/accounts.ts';
import { roles, tokenScopes } from '../store/accounts.ts';
import { scopesOfRole } from '../watch/accounts/manage-accounts.ts';
import { FormOutcome } from './form-outcome.tsx';
import { Layout } from './layout.tsx';
import { renderDocument } from './render-document.ts';

/** What every admin page may show above its content. */
export interface AdminMessages {
  /** The session's form token ('' for a token holder, whose posts need none). */
  formToken: string;
  /** What the last form did. */
  notice?: string;
  /** Why the last form was refused, in words. */
  error?: string;
  /** A secret shown only now: a one-time password or a new API token. */
  secret?: { what: string; value: string; help: string };
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** `12 May 2025, 08:00 UTC` in a `<time>`, or the fallback for none. */
function Time({ at, none = '—' }: { at: string | null | undefined; none?: string }) {
  if (at === null || at === undefined) return <>{none}</>;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <>{none}</>;
  return <time datetime={date.toISOString()}>{`${timeFormat.format(date)} UTC`}</time>;
}

const userHref = (name: string) => `/admin/users/${encodeURIComponent(name)}`;

function AdminFrame(props: {
  title: string;
  current: 'users' | 'tokens' | 'audit';
  messages: Omit<AdminMessages, 'formToken'>;
  children: ComponentChildren;
}) {
  const { notice, error, secret } = props.messages;
  const entries = [
    { key: 'users', href: '/admin/users', label: 'Users' },
    { key: 'tokens', href: '/admin/tokens', label: 'API tokens' },
    { key: 'audit', href: '/admin/audit', label: 'Audit log' },
  ] as const;
  return (
    <Layout title={props.title}>
      <nav class="admin-nav" aria-label="Admin">
        <ul>
          {entries.map((entry) => (
            <li key={entry.key}>
              <a href={entry.href} aria-current={props.current === entry.key ? 'page' : undefined}>
                {entry.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{props.title}</h1>
      <FormOutcome error={error} notice={notice} />
      {secret !== undefined ? (
        <div class="admin-secret" role="status">
          <p>
            {secret.what}: <code class="shown-once">{secret.value}</code>
          </p>
          <p class="account-help">{secret.help}</p>
        </div>
      ) : null}
      {props.children}
    </Layout>
  );
}

function FormToken({ value }: { value: string }) {
  return <input type="hidden" name="_csrf" value={value} />;
}

function RoleOptions({ selected }: { selected: Role }) {
  return (
    <>
      {roles.map((role) => (
        <option key={role} value={role} selected={role === selected}>
          {role}
        </option>
      ))}
    </>
  );
}

function userState(user: User): string {
  if (user.disabledAt !== null) return 'disabled';
  return user.mustChangePassword ? 'one-time password not yet changed' : 'active';
}

function SignedIn({ activity }: { activity: SignInActivity | undefined }) {
  if (activity === undefined) return <>not known (no open session)</>;
  return (
    <>
      <Time at={activity.lastSignInAt} />
      {` · ${activity.sessions} open session${activity.sessions === 1 ? '' : 's'}`}
    </>
  );
}

/** `/admin/users`: every user, and the form that adds one. */
export function renderAdminUsersPage(
  props: AdminMessages & {
    users: User[];
    activity: Map<number, SignInActivity>;
    activeTokens: Map<number, number>;
    /** What the add form had, when it was refused. */
    form?: { name: string; role: Role; email: string };
  },
): string {
  const form = props.form ?? { name: '', role: 'analyst' as Role, email: '' };
  return renderDocument(
    <AdminFrame title="Users" current="users" messages={props}>
      <table class="admin-table">
        <caption>{`${props.users.length} user${props.users.length === 1 ? '' : 's'}`}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">E-mail</th>
            <th scope="col">State</th>
            <th scope="col">Last sign-in</th>
            <th scope="col" class="number">
              Tokens
            </th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((user) => (
            <tr key={user.id} class={user.disabledAt !== null ? 'admin-user disabled' : 'admin-user'}>
              <th scope="row">
                <a href={userHref(user.name)}>{user.name}</a>
              </th>
              <td>{user.role}</td>
              <td>{user.email ?? '—'}</td>
              <td>
                {userState(user)}
                {user.disabledAt !== null ? (
                  <>
                    {' '}
                    <Time at={user.disabledAt} />
                  </>
                ) : null}
              </td>
              <td>
                <SignedIn activity={props.activity.get(user.id)} />
              </td>
              <td class="number">
                <a href={`/admin/tokens?user=${encodeURIComponent(user.name)}`}>
                  {String(props.activeTokens.get(user.id) ?? 0)}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <form class="account-form" method="post" action="/admin/users">
        <FormToken value={props.formToken} />
        <label class="account-field">
          Name (a lower-case letter, then letters, digits, ".", "_" or "-")
          <input name="name" required maxLength={64} value={form.name} autocomplete="off" />
        </label>
        <label class="account-field">
          Role
          <select name="role">
            <RoleOptions selected={form.role} />
          </select>
        </label>
        <label class="account-field">
          E-mail for the daily digest (optional)
          <input name="email" type="email" maxLength={320} value={form.email} autocomplete="off" />
        </label>
        <button type="submit">Add user</button>
        <span class="account-help">
          They get a one-time password, shown here once; they choose their own at the first sign-in.
        </span>
      </form>
    </AdminFrame>,
  );
}

/** `/admin/users/NAME`: one user, and the forms that change them. */
export function renderAdminUserPage(
  props: AdminMessages & {
    user: User;
    activity: SignInActivity | undefined;
    tokens: ApiToken[];
    /** The page is the signed-in admin's own. */
    self: boolean;
  },
): string {
  const { user } = props;
  const base = userHref(user.name);
  const active = props.tokens.filter((token) => token.revokedAt === null).length;
  return renderDocument(
    <AdminFrame title={`User ${user.name}`} current="users" messages={props}>
      <dl class="account-facts">
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>E-mail</dt>
        <dd>{user.email ?? 'none: no digest by e-mail'}</dd>
        <dt>State</dt>
        <dd>
          {userState(user)}
          {user.disabledAt !== null ? (
            <>
              {' since '}
              <Time at={user.disabledAt} />
            </>
          ) : null}
        </dd>
        <dt>Created</dt>
        <dd>
          <Time at={user.createdAt} />
        </dd>
        <dt>Password last changed</dt>
        <dd>
          <Time at={user.passwordChangedAt} />
        </dd>
        <dt>Last sign-in</dt>
        <dd>
          <SignedIn activity={props.activity} />
        </dd>
        <dt>API tokens</dt>
        <dd>
          <a href={`/admin/tokens?user=${encodeURIComponent(user.name)}`}>
            {`${active} active, ${props.tokens.length} in all`}
          </a>
        </dd>
      </dl>
      {props.self ? (
        <p class="account-help">This is you: demoting or disabling yourself ends your admin pages here.</p>
      ) : null}

      <h2>Role</h2>
      <form class="admin-inline-form" method="post" action={`${base}/role`}>
        <FormToken value={props.formToken} />
        <label>
          Role{' '}
          <select name="role">
            <RoleOptions selected={user.role} />
          </select>
        </label>{' '}
        <button type="submit">Change role</button>
      </form>

      <h2>E-mail</h2>
      <form class="admin-inline-form" method="post" action={`${base}/email`}>
        <FormToken value={props.formToken} />
        <label>
          Address (empty: no digest by e-mail){' '}
          <input name="email" type="email" maxLength={320} value={user.email ?? ''} autocomplete="off" />
        </label>{' '}
        <button type="submit">Set e-mail</button>
      </form>

      <h2>Sign-in</h2>
      <form class="admin-inline-form" method="post" action={`${base}/reset-password`}>
        <FormToken value={props.formToken} />
        <button type="submit">Reset password</button>
        <span class="account-help"> a new one-time password, shown here once; signs them out everywhere</span>
      </form>
      <form class="admin-inline-form" method="post" action={`${base}/sign-out`}>
        <FormToken value={props.formToken} />
        <button type="submit">Sign out everywhere</button>
        <span class="account-help"> ends every session of theirs, on every browser</span>
      </form>
      {user.disabledAt === null ? (
        <form class="admin-inline-form" method="post" action={`${base}/disable`}>
          <FormToken value={props.formToken} />
          <button type="submit">Disable</button>
          <span class="account-help">
            {' '}
            they cannot sign in; their sessions end and every token is revoked
          </span>
        </form>
      ) : (
        <form class="admin-inline-form" method="post" action={`${base}/enable`}>
          <FormToken value={props.formToken} />
          <button type="submit">Enable</button>
          <span class="account-help"> they may sign in again; their old tokens stay revoked</span>
        </form>
      )}
    </AdminFrame>,
  );
}

function tokenState(token: ApiToken, now: Date): { text: string; at: string | null } {
  if (token.revokedAt !== null) return { text: 'revoked', at: token.revokedAt };
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime())
    return { text: 'expired', at: token.expiresAt };
  return { text: 'active', at: null };
}

/** `/admin/tokens`: every user's tokens (or one user's), the form that makes one, and revoking. */
export function renderAdminTokensPage(
  props: AdminMessages & {
    tokens: ApiToken[];
    /** The users a token may be made for (enabled ones). */
    users: User[];
    /** Only this user's tokens are listed. */
    userFilter?: string;
    form?: { user: string; scopes: TokenScope[]; label: string; expires: string };
    now?: Date;
  },
): string {
  const now = props.now ?? new Date();
  const form = props.form ?? {
    user: props.userFilter ?? '',
    scopes: ['read'] as TokenScope[],
    label: '',
    expires: '',
  };
  return renderDocument(
    <AdminFrame title="API tokens" current="tokens" messages={props}>
      {props.userFilter !== undefined ? (
        <p>
          {`Only ${props.userFilter}’s tokens. `}
          <a href="/admin/tokens">Every user’s</a>
        </p>
      ) : null}
      {props.tokens.length === 0 ? (
        <p>No tokens yet.</p>
      ) : (
        <table class="admin-table">
          <caption>{`${props.tokens.length} token${props.tokens.length === 1 ? '' : 's'}, newest first`}</caption>
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">User</th>
              <th scope="col">Label</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => {
              const state = tokenState(token, now);
              return (
                <tr key={token.id} class={`admin-token ${state.text}`}>
                  <th scope="row">
                    <code>{token.prefix}</code>
                  </th>
                  <td>
                    <a href={userHref(token.userName)}>{token.userName}</a>
                  </td>
                  <td>{token.label}</td>
                  <td>{token.scopes.join(', ')}</td>
                  <td>
                    <Time at={token.createdAt} />
                  </td>
                  <td>
                    <Time at={token.expiresAt} none="never" />
                  </td>
                  <td>
                    <Time at={token.lastUsedAt} none="never" />
                  </td>
                  <td>
                    {state.text === 'active' ? (
                      <form class="admin-inline-form" method="post" action="/admin/tokens/revoke">
                        <FormToken value={props.formToken} />
                        <input type="hidden" name="token" value={token.prefix} />
                        active <button type="submit">Revoke</button>
                      </form>
                    ) : (
                      <>
                        {`${state.text} `}
                        <Time at={state.at} />
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Make a token</h2>
      {props.users.length === 0 ? (
        <p>Every user is disabled: enable one before making a token.</p>
      ) : (
        <form class="account-form" method="post" action="/admin/tokens">
          <FormToken value={props.formToken} />
          <label class="account-field">
            For
            <select name="user">
              {props.users.map((user) => (
                <option key={user.id} value={user.name} selected={user.name === form.user}>
                  {`${user.name} (${user.role}: ${scopesOfRole[user.role].join(', ')})`}
                </option>
              ))}
            </select>
          </label>
          <fieldset class="account-field">
            <legend>Scopes (within the user’s role)</legend>
            {tokenScopes.map((scope) => (
              <label key={scope}>
                <input type="checkbox" name="scope" value={scope} checked={form.scopes.includes(scope)} />{' '}
                {scope}
              </label>
            ))}
          </fieldset>
          <label class="account-field">
            Label (what it is for)
            <input name="label" maxLength={200} value={form.label} autocomplete="off" />
          </label>
          <label class="account-field">
            Expires after this many days (empty: never)
            <input name="expires" inputMode="numeric" pattern="[0-9]*" maxLength={4} value={form.expires} />
          </label>
          <button type="submit">Make token</button>
          <span class="account-help">
            The token is shown here once; send it as "Authorization: Bearer …".
          </span>
        </form>
      )}
    </AdminFrame>,
  );
}

/** `/admin/audit`: who did what, newest first, a page at a time, by actor and action. */
export function renderAdminAuditPage(
  props: AdminMessages & {
    entries: AuditEntry[];
    page: number;
    hasNext: boolean;
    actor: string;
    action: string;
    /** Names for the actor box's suggestions. */
    actors: string[];
  },
): string {
  const href = (filters: { actor?: string; action?: string; page?: number }) => {
    const params = new URLSearchParams();
    const actor = filters.actor ?? props.actor;
    const action = filters.action ?? props.action;
    if (actor !== '') params.set('actor', actor);
    if (action !== '') params.set('action', action);
    if ((filters.page ?? 1) > 1) params.set('page', String(filters.page));
    const query = params.toString();
    return query === '' ? '/admin/audit' : `/admin/audit?${query}`;
  };
  const filtered = props.actor !== '' || props.action !== '';
  return renderDocument(
    <AdminFrame title="Audit log" current="audit" messages={props}>
      <form class="admin-inline-form" method="get" action="/admin/audit">
        <label>
          Actor{' '}
          <input name="actor" list="audit-actors" maxLength={200} value={props.actor} autocomplete="off" />
        </label>{' '}
        <datalist id="audit-actors">
          {props.actors.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <label>
          Action{' '}
          <input
            name="action"
            maxLength={200}
            value={props.action}
            placeholder="user.add"
            autocomplete="off"
          />
        </label>{' '}
        <button type="submit">Filter</button>
        {filtered ? (
          <>
            {' '}
            <a href="/admin/audit">Show everything</a>
          </>
        ) : null}
      </form>
      {props.entries.length === 0 ? (
        <p>
          {props.page > 1
            ? 'Nothing on this page.'
            : filtered
              ? 'Nothing audited matches.'
              : 'Nothing audited yet.'}
        </p>
      ) : (
        <table class="admin-table audit-log">
          <caption>{`Page ${props.page}, newest first`}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((entry) => (
              <tr key={entry.id} class="audit-entry">
                <td>
                  <Time at={entry.at} />
                </td>
                <td>
                  <a href={href({ actor: entry.actor, page: 1 })}>{entry.actor}</a>
                </td>
                <td>
                  <a href={href({ action: entry.action, page: 1 })}>{entry.action}</a>
                </td>
                <td>{entry.target}</td>
                <td>{entry.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.page > 1 || props.hasNext ? (
        <nav class="pager" aria-label="Audit pages">
          <ul>
            {props.page > 1 ? (
              <li>
                <a rel="prev" href={href({ page: props.page - 1 })}>
                  ← Newer
                </a>
              </li>
            ) : null}
            <li>
              <span aria-current="page">{props.page}</span>
            </li>
            {props.hasNext ? (
              <li>
                <a rel="next" href={href({ page: props.page + 1 })}>
                  Older →
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </AdminFrame>,
  );
}
