import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleText, cleanLine } from './article-text.ts';

describe('articleText', () => {
  it('puts blocks on their own lines and decodes entities', () => {
    assert.equal(
      articleText('<h2>Head</h2><p>One &amp; two</p><ul><li>a</li><li>b</li></ul>'),
      'Head\n\nOne & two\n\na\n\nb',
    );
  });

  it('keeps table cells and definition terms apart', () => {
    assert.equal(articleText('<table><tr><td>1.2m</td><td>2.9m</td></tr></table>'), '1.2m 2.9m');
    assert.equal(articleText('<dl><dt>Term</dt><dd>Meaning</dd></dl>'), 'Term\nMeaning');
  });

  it('removes control and invisible characters but keeps line breaks', () => {
    assert.equal(articleText('<p>a\u0002b\u00adc\u200bd</p><p>e\r\nf</p>'), 'abcd\n\ne\nf');
  });
});

describe('cleanLine', () => {
  it('collapses whitespace and drops empty values', () => {
    assert.equal(cleanLine('  By \n Mara\tFenwick ', 100), 'By Mara Fenwick');
    assert.equal(cleanLine(' \n ', 100), undefined);
    assert.equal(cleanLine(null, 100), undefined);
  });

  it('cuts long values with an ellipsis, within the limit', () => {
    const cut = cleanLine('word '.repeat(100), 20);
    assert.equal(cut?.length, 20);
    assert.ok(cut?.endsWith('\u2026'));
  });
});
