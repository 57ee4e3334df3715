/** findTopWords on a real SQLite archive of the sample articles. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { loadSampleArticles } from '../../test/support/sample-articles.ts';
import { meaningfulWords } from './meaningful-words.ts';
import { parseQuery } from './query-parser.ts';
import { findTopWords, isQueryWord } from './top-words.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-top-words-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('findTopWords', () => {
  let store: Store;
  before(async () => {
    store = await openSqliteStore({ path: join(directory, 'top-words.db') });
    await store.addArticles(loadSampleArticles());
  });
  after(async () => store.close());

  it('counts in how many of the top hits each word appears, most first, ties by occurrences then alphabetically', async () => {
    const words = await findTopWords(store, parseQuery('Syria'), 5);
    assert.deepEqual(words, [
      { word: 'rehabilitation', count: 3 },
      { word: 'brought', count: 2 },
      { word: 'children', count: 2 },
      { word: 'citizens', count: 2 },
      { word: 'families', count: 2 },
    ]);
  });

  it('leaves out stop words, numbers, short words and the query’s own words and their near forms', async () => {
    const words = (await findTopWords(store, parseQuery('extremists OR Syria'), 100)).map((w) => w.word);
    assert.ok(words.length > 20);
    for (const dropped of [
      'the',
      'and',
      'said',
      'syria',
      'extremist',
      'extremism',
      'extremists',
      '2003',
      'of',
      'un',
    ]) {
      assert.ok(!words.includes(dropped), dropped);
    }
    assert.ok(words.includes('kazakhstan'));
  });

  it('reads Russian words whole, without Russian stop words', async () => {
    const words = (await findTopWords(store, parseQuery('lang:ru'), 50)).map((w) => w.word);
    assert.equal(words[0], 'токаев');
    assert.ok(words.includes('займутся'), 'й is kept, not folded');
    assert.ok(!words.includes('по') && !words.includes('что') && !words.includes('его'));
  });

  it('splits marked text into words and matches query words without accents', () => {
    assert.deepEqual(meaningfulWords('\u0002Café\u0003 owners met 12 times in 2024, and the UN'), [
      'café',
      'owners',
      'met',
      'times',
    ]);
    assert.ok(isQueryWord('café', ['cafe']));
    assert.ok(isQueryWord('detained', ['detain']));
    assert.ok(!isQueryWord('border', ['borderlands']));
  });

  it('gives nothing for a query without matches', async () => {
    assert.deepEqual(await findTopWords(store, parseQuery('zanzibarite'), 10), []);
  });
});
