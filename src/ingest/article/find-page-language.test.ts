import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { findPageLanguage, primarySubtag } from './find-page-language.ts';

function languageOf(html: string): string | undefined {
  return findPageLanguage(parseHTML(html).document as unknown as Document);
}

describe('findPageLanguage', () => {
  it('reads <html lang> first', () => {
    assert.equal(
      languageOf('<html lang="en-GB"><head><meta property="og:locale" content="ru_RU"></head></html>'),
      'en',
    );
  });

  it('falls back to og:locale when <html lang> is missing or unusable', () => {
    assert.equal(languageOf('<html><head><meta property="og:locale" content="ru_RU"></head></html>'), 'ru');
    assert.equal(
      languageOf('<html lang="und"><head><meta property="og:locale" content="uk_UA"></head></html>'),
      'uk',
    );
  });

  it('answers undefined when the page declares no language', () => {
    assert.equal(languageOf('<html><head></head><body></body></html>'), undefined);
  });
});

describe('primarySubtag', () => {
  it('reduces language tags and locales to the lower-case primary subtag', () => {
    assert.equal(primarySubtag('EN-us'), 'en');
    assert.equal(primarySubtag('pt_BR'), 'pt');
    assert.equal(primarySubtag(' fil '), 'fil');
    assert.equal(primarySubtag('zh-Hant-TW'), 'zh');
  });

  it('refuses values that are not language tags', () => {
    for (const value of ['', 'english', 'e', '12', 'en US', 'zxx', 'mul', '<script>', null, undefined]) {
      assert.equal(primarySubtag(value), undefined, String(value));
    }
  });
});
