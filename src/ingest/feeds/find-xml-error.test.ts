import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findXmlError } from './find-xml-error.ts';
import { removeDoctype } from './remove-doctype.ts';

test('well-formed documents have no error, whatever their comments, CDATA and attributes hold', () => {
  const xml =
    '<?xml version="1.0"?>\n<!-- <b> -->\n<rss a="x > y" b=\'</rss>\'><c><![CDATA[<p>not </c> markup]]></c><d/></rss>\n';
  assert.equal(findXmlError(xml), null);
});

test('names the line and column of mismatched, missing and stray tags', () => {
  assert.deepEqual(findXmlError('<rss>\n  <item><title>a</titl></item>\n</rss>'), {
    message: '</titl> found where </title> was expected (opened at line 2)',
    line: 2,
    column: 17,
  });
  assert.match(findXmlError('<rss><channel>')!.message, /ends before <channel>/);
  assert.match(findXmlError('<rss>a < b</rss>')!.message, /starts no tag/);
  assert.match(findXmlError('<rss/><rss/>')!.message, /second root/);
  assert.match(findXmlError('<rss></rss> trailing')!.message, /after the end of the root/);
});

test('removeDoctype drops the internal subset and keeps line numbers', () => {
  const xml =
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "x>y">\n<!ENTITY b SYSTEM "file:///etc/passwd">\n]>\n<rss>&b;</rss>';
  const { text, removed, declaredEntities } = removeDoctype(xml);
  assert.equal(removed, true);
  assert.equal(declaredEntities, true);
  assert.equal(text, '<?xml version="1.0"?>\n\n\n\n\n<rss>&b;</rss>');
  assert.deepEqual(removeDoctype('<rss><!DOCTYPE x></rss>'), {
    text: '<rss><!DOCTYPE x></rss>',
    removed: false,
    declaredEntities: false,
  });
  const netscape = removeDoctype(
    '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss/>',
  );
  assert.deepEqual([netscape.removed, netscape.declaredEntities], [true, false]);
});
