import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToInlineText, htmlToPlainText } from './html-text.ts';

test('plain text keeps paragraphs, decodes every named entity and drops script text', () => {
  assert.equal(
    htmlToPlainText(
      '<p>One &eacute;t&eacute; &mdash; &hellip;</p><script>var x = 1;</script><p>Two&nbsp;<b>bold</b></p>',
    ),
    'One été — …\n\nTwo bold',
  );
});

test('inline text is one line; text without markup passes through', () => {
  assert.equal(htmlToInlineText('<h1>A\n  <em>title</em></h1>'), 'A title');
  assert.equal(htmlToPlainText('no markup   here'), 'no markup here');
  assert.equal(htmlToInlineText('AT&amp;T &lt;rocks&gt;'), 'AT&T <rocks>');
});
