/**
 * The account pages: sign in, your account (who you are, sign out here or everywhere), and change
 * your password. Each form carries its form token; none of these pages is kept in the response
 * cache, since each shows one person's state.
 */
import type { User } from '../store/accounts.ts';
import { Layout } from './layout.tsx';
import { renderDocument } from './render-document.ts';

function Notice({ message, kind }: { message: string | undefined; kind: 'error' | 'done' }) {
  if (message === undefined) return null;
  return (
    <p class={kind === 'error' ? 'form-error' : 'form-done'} role={kind === 'error' ? 'alert' : 'status'}>
      {message}
    </p>
  );
}

export function renderSignInPage(props: {
  formToken: string;
  next: string;
  name?: string;
  error?: string;
}): string {
  return renderDocument(
    <Layout title="Sign in">
      <h1>Sign in</h1>
      <Notice message={props.error} kind="error" />
      <form class="account-form" method="post" action="/sign-in">
        <input type="hidden" name="_csrf" value={props.formToken} />
        <input type="hidden" name="next" value={props.next} />
        <label class="account-field">
          Name
          <input name="name" autocomplete="username" required maxLength={64} value={props.name ?? ''} />
        </label>
        <label class="account-field">
          Password
          <input name="password" type="password" autocomplete="current-password" required maxLength={1024} />
        </label>
        <button type="submit">Sign in</button>
      </form>
      <p class="account-help">
        No account? An admin makes one on the admin pages (Users) or with `wirewatch users add NAME --role
        analyst`.
      </p>
    </Layout>,
  );
}

export function renderAccountPage(props: { user: User; formToken: string; notice?: string }): string {
  const { user } = props;
  return renderDocument(
    <Layout title="Your account">
      <h1>Your account</h1>
      <Notice message={props.notice} kind="done" />
      <dl class="account-facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Role</dt>
        <dd>{user.role}</dd>
        <dt>Password last changed</dt>
        <dd>{user.passwordChangedAt}</dd>
      </dl>
      <p>
        <a href="/inbox">Your inbox of alerts</a> ·{' '}
        <a href="/watch">{user.role === 'viewer' ? 'Shared saved searches' : 'Your saved searches'}</a> ·{' '}
        <a href="/account/password">Change your password</a>
      </p>
      {user.role === 'admin' ? (
        <nav class="account-admin" aria-label="Admin">
          Admin: <a href="/admin/users">users</a> · <a href="/admin/tokens">API tokens</a> ·{' '}
          <a href="/admin/audit">audit log</a>
        </nav>
      ) : null}
      <form class="account-form" method="post" action="/sign-out">
        <input type="hidden" name="_csrf" value={props.formToken} />
        <button type="submit">Sign out</button>
      </form>
      <form class="account-form" method="post" action="/sign-out">
        <input type="hidden" name="_csrf" value={props.formToken} />
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit">Sign out everywhere</button>
        <span class="account-help"> ends every session of yours, on every browser</span>
      </form>
    </Layout>,
  );
}

export function renderPasswordPage(props: { user: User; formToken: string; error?: string }): string {
  return renderDocument(
    <Layout title="Change your password">
      <h1>Change your password</h1>
      {props.user.mustChangePassword ? (
        <p role="status">You signed in with a one-time password: choose your own to go on.</p>
      ) : null}
      <Notice message={props.error} kind="error" />
      <form class="account-form" method="post" action="/account/password">
        <input type="hidden" name="_csrf" value={props.formToken} />
        <label class="account-field">
          Current password
          <input name="current" type="password" autocomplete="current-password" required maxLength={1024} />
        </label>
        <label class="account-field">
          New password (at least 12 characters)
          <input
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minLength={12}
            maxLength={1024}
          />
        </label>
        <label class="account-field">
          New password again
          <input
            name="again"
            type="password"
            autocomplete="new-password"
            required
            minLength={12}
            maxLength={1024}
          />
        </label>
        <button type="submit">Change password</button>
      </form>
      <p class="account-help">Changing it signs you out everywhere else.</p>
    </Layout>,
  );
}
