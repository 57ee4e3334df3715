import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { findCanonicalUrl } from './find-canonical-url.ts';

const base = 'https://news.example/world/story.html?utm_source=feed';

function canonicalOf(head: string): string | undefined {
  const { document } = parseHTML(`<html><head>${head}</head><body></body></html>`);
  return findCanonicalUrl(document as unknown as Document, base);
}

describe('findCanonicalUrl', () => {
  it('resolves a relative canonical link and puts it in canonical form', () => {
    assert.equal(
      canonicalOf('<link rel="canonical" href="/world/story/?utm_medium=x&b=2&a=1#top">'),
      'https://news.example/world/story?a=1&b=2',
    );
  });

  it('matches rel as a case-insensitive token list', () => {
    assert.equal(
      canonicalOf('<link rel="alternate CANONICAL" href="https://news.example/a">'),
      'https://news.example/a',
    );
  });

  it('takes the first canonical link only, even when it is unusable', () => {
    assert.equal(
      canonicalOf(
        '<link rel="canonical" href="https://a.example/1"><link rel="canonical" href="https://b.example/2">',
      ),
      'https://a.example/1',
    );
    assert.equal(
      canonicalOf(
        '<link rel="canonical" href="javascript:alert(1)"><link rel="canonical" href="https://b.example/2">',
      ),
      undefined,
    );
  });

  it('refuses non-http(s) schemes and answers undefined when there is no canonical link', () => {
    for (const href of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://files.example/a',
      'mailto:a@b.example',
    ]) {
      assert.equal(canonicalOf(`<link rel="canonical" href="${href}">`), undefined, href);
    }
    assert.equal(canonicalOf('<link rel="alternate" href="https://news.example/amp">'), undefined);
  });
});
