import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalizeUrl } from './canonical-url.ts';

describe('canonicalizeUrl', () => {
  it('lower-cases the host, drops the fragment, tracking parameters and trailing slash', () => {
    assert.equal(
      canonicalizeUrl(
        'HTTPS://News.Example.ORG/World/Story/?utm_source=rss&id=7&fbclid=abc&gclid=x#comments',
      ),
      'https://news.example.org/World/Story?id=7',
    );
  });

  it('keeps the path case, which servers may treat as significant', () => {
    assert.equal(canonicalizeUrl('https://x.org/A/b'), 'https://x.org/A/b');
  });

  it('sorts the parameters that remain', () => {
    assert.equal(canonicalizeUrl('https://x.org/s?b=2&a=1'), canonicalizeUrl('https://x.org/s?a=1&b=2'));
  });

  it('drops default ports, credentials and a bare trailing slash', () => {
    assert.equal(canonicalizeUrl('https://user:pw@x.org:443/'), 'https://x.org');
    assert.equal(canonicalizeUrl('http://x.org:80/a//'), 'http://x.org/a');
  });

  it('refuses what is not an absolute http(s) URL', () => {
    for (const bad of [
      'ftp://x.org/a',
      'javascript:alert(1)',
      'file:///etc/passwd',
      '/relative/path',
      'not a url',
      '',
    ]) {
      assert.equal(canonicalizeUrl(bad), null, bad);
    }
  });

  it('is idempotent for any http(s) URL (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        const once = canonicalizeUrl(url);
        if (once === null) return true;
        return canonicalizeUrl(once) === once;
      }),
    );
  });
});
