import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDates } from './find-dates.ts';

const thursday = new Date('2024-03-14T10:00:00Z');

function dates(sentence: string, publishedAt?: Date): string[] {
  return findDates(sentence, publishedAt).map((mention) => mention.date);
}

describe('findDates', () => {
  it('reads stated dates at their precision, with or without a publication date', () => {
    assert.deepEqual(dates('on 16 March 2021'), ['2021-03-16']);
    assert.deepEqual(dates('on March 16, 2021'), ['2021-03-16']);
    assert.deepEqual(dates('22 мая 2023 года'), ['2023-05-22']);
    assert.deepEqual(dates('in January 2022'), ['2022-01']);
    assert.deepEqual(dates('в марте 2021 года'), ['2021-03']);
    assert.deepEqual(dates('In 2015 he was arrested'), ['2015']);
    assert.deepEqual(dates('since 2003'), ['2003']);
    assert.deepEqual(dates('был задержан в 2014 году'), ['2014']);
    assert.deepEqual(dates('запрещена с 2006 года'), ['2006']);
  });

  it('resolves relative dates against the publication date, as the latest such day on or before it', () => {
    assert.deepEqual(dates('on Tuesday', thursday), ['2024-03-12']);
    assert.deepEqual(dates('on Thursday', thursday), ['2024-03-14']);
    assert.deepEqual(dates('во вторник', thursday), ['2024-03-12']);
    assert.deepEqual(dates('Вчера', thursday), ['2024-03-13']);
    assert.deepEqual(dates('Last month', thursday), ['2024-02']);
    assert.deepEqual(dates('в прошлом году', thursday), ['2023']);
    assert.deepEqual(dates('on March 10', thursday), ['2024-03-10']);
    assert.deepEqual(dates('on March 22', thursday), ['2023-03-22']);
    assert.deepEqual(dates('22 марта', thursday), ['2023-03-22']);
    assert.deepEqual(dates('in May', thursday), ['2023-05']);
  });

  it('leaves relative dates out without a publication date (or with an invalid one)', () => {
    for (const sentence of ['on Tuesday', 'вчера', 'last month', 'on March 22', 'в мае'])
      assert.deepEqual(dates(sentence), [], sentence);
    assert.deepEqual(dates('on Tuesday', new Date('garbage')), []);
    assert.deepEqual(dates('on Tuesday', new Date('+010000-01-04T00:00:00Z')), []);
  });

  it('does not read the modal "may", ranges, impossible days or far years as dates', () => {
    assert.deepEqual(dates('they may go', thursday), []);
    assert.deepEqual(dates('Between 2013 and 2017'), []);
    assert.deepEqual(dates('on 31 February 2021'), []);
    assert.deepEqual(dates('in 3021'), []);
  });

  it('keeps the more precise reading where two overlap', () => {
    assert.deepEqual(dates('in March 2022 and on 5 May 2023'), ['2022-03', '2023-05-05']);
  });
});
