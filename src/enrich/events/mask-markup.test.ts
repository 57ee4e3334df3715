import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { maskMarkup } from './mask-markup.ts';

describe('maskMarkup', () => {
  it('blanks inline tags and decodes character references, keeping every offset', () => {
    const html = 'Police&nbsp;detained <b>7</b> people &laquo;in&raquo; Osh &amp; Batken&#46;';
    const masked = maskMarkup(html);
    assert.equal(masked.length, html.length);
    // Each reference becomes its character followed by padding, at the reference's own offset.
    assert.equal(masked.replace(/\s+/g, ' '), 'Police detained 7 people « in» Osh & Batken. ');
    assert.equal(masked.indexOf('detained'), html.indexOf('detained'));
    assert.equal(masked[html.indexOf('&laquo;')], '«');
    assert.equal(masked[html.indexOf('&#46;')], '.');
  });

  it('turns block tags into a paragraph break', () => {
    assert.ok(maskMarkup('<p>One</p><p>Two</p>').includes('\n\n'));
    assert.ok(maskMarkup('One<br>Two').includes('\n\n'));
  });

  it('leaves text without markup as it is, and stray < and & alone', () => {
    const text = 'If 3 < 5 & 7 > 2, then <<< nothing >>> happens &unknown stuff';
    assert.equal(maskMarkup('Plain text'), 'Plain text');
    assert.equal(maskMarkup(text), text);
  });

  it('replaces references to controls and surrogates with a space', () => {
    assert.equal(maskMarkup('a&#0;b&#xD800;c'), `a${' '.repeat(4)}b${' '.repeat(8)}c`);
  });

  it('always returns a string of the same length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 30 }), (text, tag) => {
        const input = `${text}<${tag}>&${tag};&#${text.length};`;
        assert.equal(maskMarkup(input).length, input.length);
      }),
    );
  });
});
