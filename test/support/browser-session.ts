/** A browser's session against a test server over plain HTTP: its cookie jar kept by hand, forms posted with their tokens. */
import assert from 'node:assert/strict';

const timeout = () => AbortSignal.timeout(10_000);

/** A browser's cookie jar for one server, kept by hand. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(path: string, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(`${this.base}${path}`, {
      method: form ? 'POST' : 'GET',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      redirect: 'manual',
      signal: timeout(),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The form token in a page's form. */
  static formToken(html: string): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(token, 'the page has a form token');
    return token;
  }

  async signIn(name: string, password: string, next = '/'): Promise<Response> {
    const token = Browser.formToken(await (await this.request('/sign-in')).text());
    return this.request('/sign-in', { _csrf: token, name, password, next });
  }
}
