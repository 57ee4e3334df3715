/**
 * The admin pages over real HTTP on 127.0.0.1 against a real SQLite archive, with a signed-in admin's
 * browser: adding a user (whose one-time password, shown once, signs them in), changing a role, the
 * last admin kept, e-mail, disable and enable, a new one-time password, sign-out everywhere, a token
 * shown once that works as a Bearer token until revoked, the audit log of it all by actor and action,
 * and who may not: anonymous browsers, an analyst, a form without its token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser } from '../../src/watch/accounts/manage-accounts.ts';
import { Browser } from '../support/browser-session.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const timeout = () => AbortSignal.timeout(10_000);
const shownOnce = (html: string) => /<code class="shown-once">([^<]+)<\/code>/.exec(html)?.[1];
const errorOf = (html: string) => /<p class="form-error" role="alert">([^<]*)<\/p>/.exec(html)?.[1];
const noticeOf = (html: string) => /<p class="form-done" role="status">([^<]*)<\/p>/.exec(html)?.[1];

describe('the admin pages', () => {
  let server: TestServer;
  let boss: Browser;
  let csrf: string;
  let zedPassword: string;

  before(async () => {
    server = await startTestServer([], { access: { anonymousRead: false } });
    await addUser(server.store, { name: 'boss', role: 'admin', password: 'admin password 12' }, 'cli:test');
    await addUser(server.store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    boss = new Browser(server.url);
    assert.equal((await boss.signIn('boss', 'admin password 12')).status, 303);
    csrf = Browser.formToken(await (await boss.request('/admin/users')).text());
  });
  after(() => server.stop());

  /** Follows a redirect of the admin's browser and gives the page it lands on. */
  const follow = async (response: Response) => {
    assert.equal(
      response.status,
      303,
      `a redirect, not ${response.status}: ${await response.clone().text()}`,
    );
    const page = await boss.request(response.headers.get('location')!);
    assert.equal(page.status, 200);
    return page.text();
  };

  it('sends an anonymous browser to sign in, refuses an analyst with 403, and links admins only', async () => {
    const anonymous = await fetch(`${server.url}/admin/users`, { redirect: 'manual', signal: timeout() });
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.get('location'), '/sign-in?next=%2Fadmin%2Fusers');
    const ana = new Browser(server.url);
    await ana.signIn('ana', 'analyst password 1');
    for (const path of ['/admin/users', '/admin/users/boss', '/admin/tokens', '/admin/audit']) {
      const refused = await ana.request(path);
      assert.equal(refused.status, 403, path);
      assert.match(await refused.text(), /ana is an analyst: only an admin may do this/);
    }
    const anaToken = Browser.formToken(await (await ana.request('/account')).text());
    const post = await ana.request('/admin/users/ana/role', { _csrf: anaToken, role: 'admin' });
    assert.equal(post.status, 403);
    assert.equal((await server.store.accounts.findUserByName('ana'))?.role, 'analyst');
    assert.doesNotMatch(await (await ana.request('/account')).text(), /href="\/admin\/users"/);
    assert.match(await (await boss.request('/account')).text(), /href="\/admin\/users"/);
  });

  it('refuses a form posted without its token, or with another', async () => {
    const bare = await boss.request('/admin/users', { name: 'forged', role: 'admin' });
    assert.equal(bare.status, 403);
    assert.match(await bare.text(), /security token/);
    const guessed = await boss.request('/admin/users', { _csrf: 'guessed', name: 'forged', role: 'admin' });
    assert.equal(guessed.status, 403);
    const revoke = await boss.request('/admin/tokens/revoke', { token: 'ww_aaaaaaaa' });
    assert.equal(revoke.status, 403);
    assert.equal(await server.store.accounts.findUserByName('forged'), null);
  });

  it('adds a user, showing the one-time password once, with which they sign in', async () => {
    const added = await boss.request('/admin/users', {
      _csrf: csrf,
      name: 'zed',
      role: 'viewer',
      email: 'zed@example.org',
    });
    assert.equal(added.status, 200);
    assert.equal(added.headers.get('cache-control'), 'no-store');
    const page = await added.text();
    assert.equal(noticeOf(page), 'Added zed (viewer).');
    zedPassword = shownOnce(page)!;
    assert.ok(zedPassword);
    const zed = new Browser(server.url);
    const signedIn = await zed.signIn('zed', zedPassword);
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get('location'), '/account/password');
    const list = await (await boss.request('/admin/users')).text();
    assert.ok(!list.includes(zedPassword), 'the password is not shown again');
    const row =
      /<tr class="admin-user">\s*<th scope="row"><a href="\/admin\/users\/zed">zed<\/a><\/th>(.*?)<\/tr>/s.exec(
        list,
      )?.[1];
    assert.ok(row, 'zed is listed');
    assert.match(
      row,
      /<td>viewer<\/td><td>zed@example\.org<\/td><td>one-time password not yet changed<\/td>/,
    );
    assert.match(row, /<time datetime="[^"]+">[^<]+ UTC<\/time> · 1 open session/);
  });

  it('says in words why a user cannot be added, and escapes what was typed', async () => {
    const taken = await boss.request('/admin/users', { _csrf: csrf, name: 'zed', role: 'viewer' });
    assert.equal(taken.status, 409);
    assert.equal(errorOf(await taken.text()), 'There is already a user called zed.');
    const hostile = await boss.request('/admin/users', { _csrf: csrf, name: '<b>x</b>', role: 'analyst' });
    assert.equal(hostile.status, 422);
    const html = await hostile.text();
    // preact escapes < and & in text (> is harmless there) and quotes in attributes.
    assert.match(errorOf(html) ?? '', /^&quot;&lt;b>x&lt;\/b>&quot; is not a user name/);
    assert.ok(!html.includes('<b>'));
    assert.match(html, /name="name"[^>]* value="&lt;b>x&lt;\/b>"/);
    const badRole = await boss.request('/admin/users', { _csrf: csrf, name: 'yan', role: 'owner' });
    assert.equal(badRole.status, 422);
    assert.equal(
      errorOf(await badRole.text()),
      '&quot;owner&quot; is not a role: use admin, analyst, viewer.',
    );
    const badEmail = await boss.request('/admin/users', {
      _csrf: csrf,
      name: 'yan',
      role: 'viewer',
      email: 'nope',
    });
    assert.equal(badEmail.status, 422);
    assert.equal(await server.store.accounts.findUserByName('yan'), null, 'nothing half made');
  });

  it('changes a role, keeps the last admin, and sets or clears the e-mail', async () => {
    const promoted = await boss.request('/admin/users/zed/role', { _csrf: csrf, role: 'analyst' });
    assert.equal(promoted.headers.get('location'), '/admin/users/zed?done=role');
    assert.equal(noticeOf(await follow(promoted)), 'zed is now an analyst.');
    assert.equal((await server.store.accounts.findUserByName('zed'))?.role, 'analyst');
    // The test server's own admin steps down; then boss is the only admin and may not step down.
    await follow(await boss.request('/admin/users/tester/role', { _csrf: csrf, role: 'viewer' }));
    const last = await boss.request('/admin/users/boss/role', { _csrf: csrf, role: 'viewer' });
    assert.equal(last.status, 409);
    const lastPage = await last.text();
    assert.equal(errorOf(lastPage), 'boss is the only admin: add another admin before you demote this one.');
    assert.match(lastPage, /This is you/);
    const disableLast = await boss.request('/admin/users/boss/disable', { _csrf: csrf });
    assert.equal(disableLast.status, 409);
    assert.equal(
      errorOf(await disableLast.text()),
      'boss is the only admin: add another admin before you disable this one.',
    );
    assert.equal((await server.store.accounts.findUserByName('boss'))?.role, 'admin');

    const email = await boss.request('/admin/users/zed/email', {
      _csrf: csrf,
      email: 'zed@newsroom.example',
    });
    assert.equal(noticeOf(await follow(email)), 'zed’s digest goes to zed@newsroom.example.');
    const none = await boss.request('/admin/users/zed/email', { _csrf: csrf, email: '' });
    assert.equal(noticeOf(await follow(none)), 'zed gets no digest by e-mail.');
    const bad = await boss.request('/admin/users/zed/email', { _csrf: csrf, email: 'not an address' });
    assert.equal(bad.status, 422);
    assert.equal(errorOf(await bad.text()), '&quot;not an address&quot; is not an e-mail address.');
    const nobody = await boss.request('/admin/users/nobody/role', { _csrf: csrf, role: 'viewer' });
    assert.equal(nobody.status, 404);
    assert.match(await nobody.text(), /no user called nobody/);
  });

  it('resets a password (shown once), signs a user out everywhere, disables and enables them', async () => {
    const zed = new Browser(server.url);
    await zed.signIn('zed', zedPassword);
    const reset = await boss.request('/admin/users/zed/reset-password', { _csrf: csrf });
    assert.equal(reset.status, 200);
    const fresh = shownOnce(await reset.text())!;
    assert.ok(fresh && fresh !== zedPassword);
    assert.equal((await zed.request('/account/password')).status, 303, 'the reset signed zed out');
    assert.equal((await new Browser(server.url).signIn('zed', zedPassword)).status, 401);
    assert.equal((await zed.signIn('zed', fresh)).status, 303);
    assert.ok(!(await (await boss.request('/admin/users/zed')).text()).includes(fresh));

    const out = await boss.request('/admin/users/zed/sign-out', { _csrf: csrf });
    assert.equal(out.headers.get('location'), '/admin/users/zed?done=signed-out&ended=1');
    assert.equal(noticeOf(await follow(out)), 'zed is signed out everywhere: 1 session ended.');
    assert.equal((await zed.request('/account/password')).status, 303);

    const disabled = await boss.request('/admin/users/zed/disable', { _csrf: csrf });
    assert.equal(
      noticeOf(await follow(disabled)),
      'zed is disabled: signed out everywhere, every token revoked.',
    );
    assert.equal((await zed.signIn('zed', fresh)).status, 401);
    const enabled = await boss.request('/admin/users/zed/enable', { _csrf: csrf });
    assert.equal(noticeOf(await follow(enabled)), 'zed may sign in again (their old tokens stay revoked).');
    assert.equal((await zed.signIn('zed', fresh)).status, 303);
  });

  it('makes a token shown once that works as a Bearer token, and revoking it makes it 401', async () => {
    const beyond = await boss.request('/admin/tokens', { _csrf: csrf, user: 'zed', scope: 'admin' });
    assert.equal(beyond.status, 422);
    assert.equal(
      errorOf(await beyond.text()),
      'zed is an analyst: their tokens may have read, write, not admin.',
    );
    const made = await boss.request('/admin/tokens', {
      _csrf: csrf,
      user: 'zed',
      scope: 'read',
      label: 'zed’s <script>',
      expires: '30',
    });
    assert.equal(made.status, 200);
    const page = await made.text();
    const token = shownOnce(page)!;
    assert.match(token, /^ww_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
    const prefix = token.slice(0, 11);
    assert.equal(noticeOf(page), `Made token ${prefix} for zed (read).`);
    assert.match(page, /<td>zed’s &lt;script><\/td>/);
    const api = (value: string) =>
      fetch(`${server.url}/api/v1/search?q=anything`, {
        headers: { authorization: `Bearer ${value}` },
        signal: timeout(),
      });
    assert.equal((await api(token)).status, 200);
    const list = await (await boss.request('/admin/tokens?user=zed')).text();
    assert.ok(!list.includes(token), 'the token is not shown again');
    assert.match(list, new RegExp(`<code>${prefix}</code>`));
    assert.match(list, /Only zed’s tokens/);
    // Its use is recorded and listed: created, expires in 30 days, last used (not "never").
    const row = new RegExp(`<code>${prefix}</code>.*?</tr>`, 's').exec(list)?.[0] ?? '';
    const cells = [...row.matchAll(/<td>(.*?)<\/td>/gs)].map((cell) => cell[1]!);
    assert.equal(cells[2], 'read');
    assert.match(cells[4] ?? '', /^<time datetime="[^"]+">[^<]+ UTC<\/time>$/, 'expires');
    assert.match(cells[5] ?? '', /^<time datetime="[^"]+">[^<]+ UTC<\/time>$/, 'last used');

    const revoked = await boss.request('/admin/tokens/revoke', { _csrf: csrf, token: prefix });
    assert.equal(revoked.headers.get('location'), `/admin/tokens?revoked=${prefix}`);
    assert.equal(noticeOf(await follow(revoked)), `Token ${prefix} is revoked: it is refused from now on.`);
    assert.equal((await api(token)).status, 401);
    const again = await boss.request('/admin/tokens/revoke', { _csrf: csrf, token: prefix });
    assert.equal(again.status, 422);
    assert.equal(errorOf(await again.text()), `Token ${prefix} was already revoked.`);
  });

  it('sends two checked scopes, and refuses a bad expiry and a token with no scope', async () => {
    const body = new URLSearchParams([
      ['_csrf', csrf],
      ['user', 'zed'],
      ['scope', 'read'],
      ['scope', 'write'],
    ]);
    const response = await fetch(`${server.url}/admin/tokens`, {
      method: 'POST',
      headers: {
        cookie: [...boss.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
      signal: timeout(),
    });
    assert.equal(response.status, 200);
    assert.match(
      noticeOf(await response.text()) ?? '',
      /^Made token ww_[a-z2-9]{8} for zed \(read, write\)\.$/,
    );
    const none = await boss.request('/admin/tokens', { _csrf: csrf, user: 'zed' });
    assert.equal(none.status, 422);
    assert.equal(errorOf(await none.text()), 'Name at least one scope: read, write or admin.');
    const expiry = await boss.request('/admin/tokens', {
      _csrf: csrf,
      user: 'zed',
      scope: 'read',
      expires: '0',
    });
    assert.equal(expiry.status, 422);
    assert.equal(
      errorOf(await expiry.text()),
      'The expiry is a number of days from 1 to 3650, or empty for never.',
    );
  });

  it('lists the audit log newest first, by actor and action, a page at a time', async () => {
    const page = await (await boss.request('/admin/audit?actor=boss')).text();
    const rows = [...page.matchAll(/<tr class="audit-entry">(.*?)<\/tr>/gs)].map((match) =>
      match[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const actions = rows.map((row) => row.split(' UTC ')[1]!.split(' ').slice(0, 3).join(' '));
    // The oldest of boss's entries: the user added, then their address set.
    assert.deepEqual(actions.slice(-2), ['boss user.email zed', 'boss user.add zed']);
    assert.ok(rows.every((row) => row.includes(' boss ')));
    for (const action of [
      'user.add zed',
      'user.role zed',
      'user.reset-password zed',
      'user.sign-out-everywhere zed',
      'user.disable zed',
      'user.enable zed',
      'token.create ww_',
      'token.revoke ww_',
    ])
      assert.ok(
        rows.some((row) => row.includes(`boss ${action}`)),
        `the log has ${action}`,
      );
    // Newest first: the revocation comes before the creation of the same token.
    const revokedAt = rows.findIndex((row) => row.includes('token.revoke'));
    const prefix = /token\.revoke (ww_[a-z2-9]{8})/.exec(rows[revokedAt]!)?.[1];
    assert.ok(revokedAt < rows.findIndex((row) => row.includes(`token.create ${prefix}`)));
    assert.match(rows.find((row) => row.includes('user.role zed')) ?? '', /viewer → analyst/);

    const created = await (await boss.request('/admin/audit?action=token.create')).text();
    const createdRows = [...created.matchAll(/<tr class="audit-entry">(.*?)<\/tr>/gs)];
    assert.ok(createdRows.length >= 3);
    assert.ok(createdRows.every((match) => match[1]!.includes('token.create')));

    for (let index = 0; index < 60; index += 1)
      await server.store.accounts.audit({ actor: 'cli:bulk', action: 'setting.change', target: `s${index}` });
    const first = await (await boss.request('/admin/audit?actor=cli%3Abulk')).text();
    assert.equal([...first.matchAll(/<tr class="audit-entry">/g)].length, 50);
    assert.match(first, /<a rel="next" href="\/admin\/audit\?actor=cli%3Abulk&amp;page=2">/);
    assert.match(first, /<td>s59<\/td>/);
    const second = await (await boss.request('/admin/audit?actor=cli%3Abulk&page=2')).text();
    assert.equal([...second.matchAll(/<tr class="audit-entry">/g)].length, 10);
    assert.match(second, /<td>s0<\/td>/);
    assert.doesNotMatch(second, /rel="next"/);
    assert.equal((await boss.request('/admin/audit?page=0')).status, 400);
  });
});
