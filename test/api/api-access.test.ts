/**
 * Who may do what, over real HTTP on 127.0.0.1 against a real SQLite archive with accounts and
 * anonymous reading off: API tokens (good, revoked, expired, a disabled owner's, too weak for the
 * request, in the query string, a flood of bad ones), and a browser's sign-in, session cookie, form
 * tokens, forced password change and sign-out everywhere.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, createToken, disableUser } from '../../src/watch/accounts/manage-accounts.ts';
import { Browser } from '../support/browser-session.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const timeout = () => AbortSignal.timeout(10_000);

describe('access to a served archive with accounts', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};

  before(async () => {
    server = await startTestServer(loadSampleArticles(), { access: { anonymousRead: false } });
    const { store } = server;
    await addUser(store, { name: 'vera', role: 'viewer', password: 'viewer password 1' }, 'cli:test');
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'newbie', role: 'analyst' }, 'cli:test');
    await addUser(store, { name: 'gone', role: 'analyst', password: 'gone password 12' }, 'cli:test');
    tokens.viewer = (await createToken(store, { userName: 'vera', scopes: ['read'] }, 'cli:test')).token;
    tokens.analyst = (
      await createToken(store, { userName: 'ana', scopes: ['read', 'write'] }, 'cli:test')
    ).token;
    tokens.analystRead = (await createToken(store, { userName: 'ana', scopes: ['read'] }, 'cli:test')).token;
    const revoked = await createToken(store, { userName: 'ana', scopes: ['read'] }, 'cli:test');
    await store.accounts.revokeToken(revoked.record.id, {
      actor: 'cli:test',
      action: 'token.revoke',
      target: 'x',
    });
    tokens.revoked = revoked.token;
    const expiring = await createToken(
      store,
      { userName: 'ana', scopes: ['read'], expiresAt: new Date(Date.now() + 1_000) },
      'cli:test',
    );
    tokens.expired = expiring.token;
    tokens.gone = (await createToken(store, { userName: 'gone', scopes: ['read'] }, 'cli:test')).token;
    await disableUser(store, 'gone', 'cli:test');
  });
  after(() => server.stop());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers, redirect: 'manual', signal: timeout() });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const postArticle = (headers: Record<string, string>, title: string) =>
    fetch(`${server.url}/api/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ source: 'Access Wire', title, text: `${title} in Osh.` }),
      redirect: 'manual',
      signal: timeout(),
    });

  it('asks programs for a token and sends people to sign in', async () => {
    const api = await get('/api/v1/search?q=extremism');
    assert.equal(api.status, 401);
    assert.match(api.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.match(api.headers.get('www-authenticate') ?? '', /^Bearer realm="wirewatch"/);
    const problem = (await api.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'AUTH_REQUIRED');
    assert.match(problem.detail, /Authorization: Bearer/);
    const page = await get('/search?q=extremism');
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/sign-in?next=%2Fsearch%3Fq%3Dextremism');
    assert.equal((await get('/search.csv?q=extremism')).status, 401);
    // The stylesheet the sign-in page links is public, so loading it does not send the browser to sign in.
    const css = /href="(\/assets\/desk\.css\?v=\w+)"/.exec(await (await get('/sign-in')).text())?.[1];
    assert.ok(css);
    assert.equal((await get(css)).status, 200);
    const signIn = await get('/sign-in');
    assert.equal(signIn.status, 200);
    assert.match(await signIn.text(), /<form class="account-form" method="post" action="\/sign-in">/);
  });

  it('reads with a good token and refuses revoked, expired, disabled, malformed and query-string tokens alike', async () => {
    const good = await get('/api/v1/search?q=extremism', bearer(tokens.viewer!));
    assert.equal(good.status, 200);
    assert.ok(((await good.json()) as { total: number }).total > 0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (const token of [
      tokens.revoked!,
      tokens.expired!,
      tokens.gone!,
      `${tokens.viewer!.slice(0, -2)}xx`,
      'nonsense',
    ]) {
      const refused = await get('/api/v1/search?q=extremism', bearer(token));
      assert.equal(refused.status, 401, token);
      const problem = (await refused.json()) as { code: string; detail: string };
      assert.equal(problem.code, 'AUTH_FAILED');
      assert.match(problem.detail, /the API token is not valid/);
    }
    const basic = await get('/api/v1/search?q=extremism', { authorization: 'Basic dmVyYTp4' });
    assert.equal(basic.status, 401);
    assert.match(((await basic.json()) as { detail: string }).detail, /Authorization: Bearer <token>/);
    assert.equal((await get(`/api/v1/search?q=extremism&access_token=${tokens.viewer}`)).status, 401);
    const used = await server.store.accounts.listTokens();
    assert.ok(used.some((token) => token.userName === 'vera' && token.lastUsedAt !== null));
  });

  it('lets only a token with the write scope change the archive', async () => {
    for (const [token, message] of [
      [
        tokens.viewer!,
        /vera is a viewer and this token has read: only an analyst or an admin may change the archive/,
      ],
      [
        tokens.analystRead!,
        /ana is an analyst and this token has read: only an analyst or an admin may change the archive/,
      ],
    ] as const) {
      const refused = await postArticle(bearer(token), 'Refused write');
      assert.equal(refused.status, 403);
      const problem = (await refused.json()) as { code: string; detail: string };
      assert.equal(problem.code, 'AUTH_FORBIDDEN');
      assert.match(problem.detail, message);
    }
    assert.equal((await postArticle({}, 'Anonymous write')).status, 401);
    assert.equal((await postArticle(bearer(tokens.analyst!), 'Written by an analyst')).status, 201);
  });

  it('never hands a cached answer to someone who may not read it', async () => {
    for (let round = 0; round < 2; round += 1)
      assert.equal((await get('/search?q=Osh', bearer(tokens.viewer!))).status, 200);
    assert.equal((await get('/search?q=Osh')).status, 303);
    assert.equal((await get('/api/v1/search?q=Osh')).status, 401);
  });

  it('answers 429 to an address sending bad tokens, past 20 a minute', async () => {
    // Earlier tests sent 6 bad tokens from this address; 14 more reach the limit.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 16; attempt += 1)
      statuses.push((await get('/api/v1/search?q=x', bearer(`ww_aaaaaaaa_${'b'.repeat(43)}`))).status);
    assert.deepEqual(statuses.slice(0, 14), Array(14).fill(401));
    assert.deepEqual(statuses.slice(14), [429, 429]);
    const problem = (await (await get('/api/v1/search?q=x', bearer(tokens.viewer!))).json()) as {
      code: string;
    };
    assert.equal(problem.code, 'AUTH_THROTTLED');
  });
});

describe('signing in with a browser', () => {
  let server: TestServer;
  let oneTime: string;
  before(async () => {
    server = await startTestServer(loadSampleArticles(), { access: { anonymousRead: false } });
    await addUser(server.store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    oneTime = (await addUser(server.store, { name: 'newbie', role: 'viewer' }, 'cli:test')).oneTimePassword!;
  });
  after(() => server.stop());

  it('signs in with a session cookie that is HttpOnly and SameSite, and goes back where it was', async () => {
    const browser = new Browser(server.url);
    const signedIn = await browser.signIn('ana', 'analyst password 1', '/search?q=Osh');
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get('location'), '/search?q=Osh');
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith('ww_session='));
    assert.match(cookie ?? '', /; HttpOnly/i);
    assert.match(cookie ?? '', /; SameSite=Lax/i);
    assert.equal((await browser.request('/search?q=Osh')).status, 200);
    const account = await (await browser.request('/account')).text();
    assert.match(account, /<dd>ana<\/dd>/);
    assert.match(account, /<dd>analyst<\/dd>/);
    // A next that leaves the site goes to the front page instead.
    const other = new Browser(server.url);
    assert.equal(
      (await other.signIn('ana', 'analyst password 1', '//evil.example/')).headers.get('location'),
      '/',
    );
  });

  it('gives one answer for a wrong password and a name no one has, then slows that name down', async () => {
    const browser = new Browser(server.url);
    const wrong = await browser.signIn('ana', 'not the password');
    const nobody = await browser.signIn('nobody', 'not the password');
    assert.equal(wrong.status, 401);
    assert.equal(nobody.status, 401);
    const message = (html: string) => /<p class="form-error" role="alert">([^<]+)<\/p>/.exec(html)?.[1];
    const wrongText = message(await wrong.text());
    assert.equal(wrongText, 'That name and password do not match an account that may sign in.');
    assert.equal(message(await nobody.text()), wrongText);
    // Five failures in a row are allowed; then the name must wait.
    for (let attempt = 0; attempt < 4; attempt += 1)
      assert.equal((await browser.signIn('nobody', 'still wrong')).status, 401);
    const slowed = await browser.signIn('nobody', 'still wrong');
    assert.equal(slowed.status, 429);
    assert.match(message(await slowed.text()) ?? '', /^Too many failed sign-ins: try again in \d+ s\.$/);
    // Another name is not slowed by that one's failures.
    assert.equal((await browser.signIn('ana', 'analyst password 1')).status, 303);
  });

  it('refuses a sign-in form without its token, and session forms without theirs', async () => {
    const browser = new Browser(server.url);
    await browser.request('/sign-in');
    const forged = await browser.request('/sign-in', {
      name: 'ana',
      password: 'analyst password 1',
      next: '/',
    });
    assert.equal(forged.status, 403);
    assert.equal(browser.cookies.has('ww_session'), false);
    assert.equal((await browser.signIn('ana', 'analyst password 1')).status, 303);
    const noToken = await browser.request('/sign-out', {});
    assert.equal(noToken.status, 403);
    assert.match(await noToken.text(), /security token/);
    const wrongToken = await browser.request('/sign-out', { _csrf: 'guessed' });
    assert.equal(wrongToken.status, 403);
    assert.equal((await browser.request('/account')).status, 200);
  });

  it('makes a one-time password be changed before anything else, and the change ends the other sessions', async () => {
    const elsewhere = new Browser(server.url);
    const browser = new Browser(server.url);
    const first = await browser.signIn('newbie', oneTime);
    assert.equal(first.headers.get('location'), '/account/password');
    assert.equal((await browser.request('/search?q=Osh')).headers.get('location'), '/account/password');
    assert.equal((await elsewhere.signIn('newbie', oneTime)).status, 303);
    const page = await (await browser.request('/account/password')).text();
    assert.match(page, /one-time password/);
    const token = Browser.formToken(page);
    const weak = await browser.request('/account/password', {
      _csrf: token,
      current: oneTime,
      password: 'short',
      again: 'short',
    });
    assert.equal(weak.status, 422);
    assert.match(await weak.text(), /A password needs at least 12 characters/);
    const changed = await browser.request('/account/password', {
      _csrf: token,
      current: oneTime,
      password: 'my very own password',
      again: 'my very own password',
    });
    assert.equal(changed.status, 303);
    assert.equal(changed.headers.get('location'), '/account?changed=1');
    assert.equal((await browser.request('/search?q=Osh')).status, 200);
    assert.equal((await elsewhere.request('/search?q=Osh')).status, 303);
    assert.equal((await new Browser(server.url).signIn('newbie', oneTime)).status, 401);
  });

  it('signs out here, or everywhere', async () => {
    const laptop = new Browser(server.url);
    const phone = new Browser(server.url);
    await laptop.signIn('ana', 'analyst password 1');
    await phone.signIn('ana', 'analyst password 1');
    const token = Browser.formToken(await (await laptop.request('/account')).text());
    const out = await laptop.request('/sign-out', { _csrf: token });
    assert.equal(out.status, 303);
    assert.equal((await laptop.request('/account')).status, 303);
    assert.equal((await phone.request('/account')).status, 200);
    await laptop.signIn('ana', 'analyst password 1');
    const everywhere = Browser.formToken(await (await phone.request('/account')).text());
    assert.equal((await phone.request('/sign-out', { _csrf: everywhere, everywhere: '1' })).status, 303);
    assert.equal((await laptop.request('/account')).status, 303);
    const audit = await server.store.accounts.listAudit({ action: 'user.sign-out-everywhere' });
    assert.equal(audit[0]?.actor, 'ana');
  });
});
