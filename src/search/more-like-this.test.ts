/** findSimilarArticles on a real SQLite archive of the sample articles. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Article } from '../core/article.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { loadSampleArticles } from '../../test/support/sample-articles.ts';
import { distinctiveWords, findSimilarArticles } from './more-like-this.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-similar-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('findSimilarArticles', () => {
  let store: Store;
  let articles: Article[];
  const byTitle = (fragment: string) => articles.find((a) => a.title.includes(fragment))!;
  before(async () => {
    store = await openSqliteStore({ path: join(directory, 'similar.db') });
    await store.addArticles(loadSampleArticles());
    articles = await store.readArticlesAfter(0, 100);
  });
  after(async () => store.close());

  it('ranks the genuinely related article first', async () => {
    const aktau = await findSimilarArticles(store, byTitle('Aktau Rehabilitation'), 3);
    assert.equal(aktau[0]?.title.text, byTitle('Weigh Return').title, 'Syria returnees and their families');
    const borders = await findSimilarArticles(store, byTitle('Turkmenistan Says'), 3);
    assert.equal(borders[0]?.title.text, byTitle('Tajik Border Guards').title, 'the Afghan border');
    const russian = await findSimilarArticles(store, byTitle('Токаев призвал'), 3);
    assert.equal(russian[0]?.title.text, byTitle('Спортивные').title);
  });

  it('weights title words up and leaves stop words out', () => {
    const words = distinctiveWords(byTitle('Aktau Rehabilitation'));
    assert.deepEqual(words.slice(0, 3), ['centre', 'aktau', 'rehabilitation']);
    assert.ok(words.includes('zhusan'));
    assert.ok(!words.includes('the') && !words.includes('five'));
  });

  it('never returns the article itself or a second copy of a title', async () => {
    const [copy] = await store.addArticles([
      {
        ...loadSampleArticles().find((a) => a.title.includes('Weigh Return'))!,
        url: 'https://mirror.example/syria',
        source: 'Mirror',
      },
    ]);
    assert.equal(copy?.status, 'inserted');
    const aktau = byTitle('Aktau Rehabilitation');
    const similar = await findSimilarArticles(store, aktau, 10);
    assert.ok(similar.length >= 3);
    assert.ok(similar.every((hit) => hit.id !== aktau.id));
    const titles = similar.map((hit) => hit.title.text);
    assert.equal(new Set(titles).size, titles.length);
    assert.equal(titles.filter((t) => t === byTitle('Weigh Return').title).length, 1);
    assert.ok((await findSimilarArticles(store, aktau, 1)).length === 1);
  });
});
