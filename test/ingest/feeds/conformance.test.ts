/**
 * The conformance corpora, in place from ../shared: every feedparser sanitize case must come out of
 * parse + sanitise with no script, event handler or script URL; a sample of the field cases must keep
 * the stored-field pass rate. `npm run conformance` runs everything and prints the table.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readFeedparserCase } from '../../../conformance/feedparser-cases.ts';
import { runFeedparserFieldCase } from '../../../conformance/feedparser-fields.ts';
import { summarise, targetShare } from '../../../conformance/results.ts';
import {
  corpusRoot,
  feedparserFieldFiles,
  feedparserSanitizeFiles,
  minimumFieldShare,
  runSanitizerCheck,
} from '../../../conformance/run.ts';
import { findLeaks } from '../../../conformance/sanitizer-leaks.ts';
import { requireSharedFile } from '../../support/shared-data.ts';

test('the leak oracle itself sees scripts, handlers and encoded script URLs', () => {
  const kinds = findLeaks(
    '<SCRIPT>x</SCRIPT><a href="&#x6A;ava&#x09;script:1" OnClick="x()">a</a><img src=" data:text/html,x"><iframe></iframe>',
  ).map((leak) => leak.kind);
  assert.deepEqual([...new Set(kinds)].sort(), [
    'embedding-element',
    'event-handler',
    'script',
    'script-url',
  ]);
  assert.deepEqual(findLeaks('<p><a href="https://ok.example/?q=javascript:" rel="nofollow">ok</a></p>'), []);
});

test('all 745 feedparser sanitize cases: nothing executable survives parse + sanitise', (t) => {
  if (!requireSharedFile(t, join(corpusRoot, 'feedparser', 'wellformed', 'sanitize'))) return;
  const files = feedparserSanitizeFiles();
  assert.equal(files.length, 745);
  const result = runSanitizerCheck(files);
  const leaking = result.leaking.map(
    (entry) => `${entry.name}: ${entry.leaks.map((leak) => `${leak.kind} ${leak.sample}`).join('; ')}`,
  );
  assert.deepEqual(leaking, []);
  assert.equal(result.refused, 0);
  assert.deepEqual(result.unchecked, [], 'every case must put something through the sanitiser');
  // The control: a good share of the inputs really carried something executable before sanitising.
  assert.ok(result.hostileInputs >= 250, `only ${result.hostileInputs} hostile inputs seen`);
});

test('a tenth of the feedparser field cases keep the stored-field pass rate', (t) => {
  if (!requireSharedFile(t, join(corpusRoot, 'feedparser', 'wellformed'))) return;
  const folder = join(corpusRoot, 'feedparser');
  const results = feedparserFieldFiles(corpusRoot, 10).map((file) =>
    runFeedparserFieldCase(readFeedparserCase(folder, file)),
  );
  const share = targetShare(summarise(results));
  assert.ok(share.run >= 40, `only ${share.run} sampled cases checked a stored field`);
  assert.ok(share.share >= minimumFieldShare - 0.05, `stored-field pass rate ${share.passed}/${share.run}`);
});
