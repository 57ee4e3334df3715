import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corpusEnd, corpusStart, generateArticles } from './generate-corpus.ts';
import { benchSources } from './sources.ts';

test('the same seed gives the same articles; another seed gives others', () => {
  const first = [...generateArticles(200, 42)];
  const again = [...generateArticles(200, 42)];
  assert.equal(JSON.stringify(again), JSON.stringify(first));
  const other = [...generateArticles(200, 43)];
  assert.notEqual(JSON.stringify(other), JSON.stringify(first));
  assert.equal(new Set(first.map((article) => article.url)).size, 200, 'URLs are unique');
});

test('20,000 articles have news-like distributions', () => {
  const count = 20_000;
  const sources = new Set<string>();
  let russian = 0;
  let cyrillicInRussian = 0;
  let words = 0;
  let maxWords = 0;
  let recent = 0;
  const mentions = { Tokayev: 0, Almaty: 0, 'Central Asia': 0, 'Islamic State': 0, SCO: 0 };
  for (const article of generateArticles(count, 7)) {
    sources.add(article.source);
    const time = Date.parse(article.publishedAt);
    assert.ok(time >= corpusStart && time < corpusEnd, `date ${article.publishedAt} in range`);
    if (time >= Date.UTC(2021, 0, 1)) recent++;
    assert.match(article.url, /^https:\/\/[a-z0-9.-]+\/\d{4}\/\d{2}\/[a-z0-9-]+-\d+$/);
    const titleWords = article.title.split(' ').length;
    assert.ok(
      titleWords >= 6 && titleWords <= 20,
      `title "${article.title}" has 6–14 words (names may add some)`,
    );
    if (article.language === 'ru') {
      russian++;
      if (/[а-яё]/i.test(article.text)) cyrillicInRussian++;
    }
    const length = article.text.split(/\s+/).length;
    words += length;
    maxWords = Math.max(maxWords, length);
    for (const name of Object.keys(mentions) as Array<keyof typeof mentions>) {
      if (article.text.includes(name)) mentions[name]++;
    }
  }
  assert.ok(russian / count >= 0.08 && russian / count <= 0.12, `Russian share ${russian / count}`);
  assert.equal(cyrillicInRussian, russian, 'Russian articles are written in Cyrillic');
  assert.equal(sources.size, benchSources.length);
  assert.equal(sources.size, 30);
  assert.ok(recent / count > 0.55, `the last five years hold most articles (${recent / count})`);
  const meanWords = words / count;
  assert.ok(meanWords > 300 && meanWords < 550, `mean length ${meanWords} words`);
  assert.ok(maxWords <= 3_300, `longest article ${maxWords} words`);
  for (const [name, hits] of Object.entries(mentions)) assert.ok(hits > 0, `${name} is mentioned`);
});
