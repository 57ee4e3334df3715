import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { findDeclaredDates, findTimeDates, pickPublishedDate } from './find-published-date.ts';

function documentOf(head: string, body = ''): Document {
  return parseHTML(`<html><head>${head}</head><body>${body}</body></html>`).document as unknown as Document;
}

const jsonLd = (date: string) =>
  `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"${date}"}</script>`;
const fetchedAt = new Date('2025-06-01T12:00:00Z');

describe('findDeclaredDates', () => {
  it('lists JSON-LD first, then article:published_time, then date / pubdate / DC.date.issued', () => {
    const document = documentOf(
      `<meta name="DC.date.issued" content="2025-01-05"><meta name="pubdate" content="2025-01-04">` +
        `<meta name="Date" content="2025-01-03"><meta property="article:published_time" content="2025-01-02">${jsonLd('2025-01-01')}`,
    );
    assert.deepEqual(findDeclaredDates(document), [
      '2025-01-01',
      '2025-01-02',
      '2025-01-05',
      '2025-01-04',
      '2025-01-03',
    ]);
  });

  it('ignores unrelated metas and JSON-LD objects that are not articles', () => {
    const document = documentOf(
      '<meta name="dateModified" content="2025-01-09"><script type="application/ld+json">{"@type":"Event","datePublished":"2025-01-08"}</script>',
    );
    assert.deepEqual(findDeclaredDates(document), []);
  });
});

describe('findTimeDates', () => {
  it('reads the datetime of each <time> in the content, in order', () => {
    const document = documentOf('', '<time>no attribute</time><time datetime="2025-02-02">2 Feb</time>');
    assert.deepEqual(findTimeDates(document.body), ['2025-02-02']);
  });
});

describe('pickPublishedDate', () => {
  it('takes the first candidate that parses, as ISO UTC', () => {
    assert.equal(
      pickPublishedDate(['yesterday', '2025-03-14T09:30:00+01:00', '2025-01-01'], fetchedAt),
      '2025-03-14T08:30:00.000Z',
    );
  });

  it('reads RFC 2822 and day-month-year forms (parseArticleDate)', () => {
    assert.equal(pickPublishedDate(['Fri, 14 Mar 2025 08:00:00 GMT'], fetchedAt), '2025-03-14T08:00:00.000Z');
    assert.equal(pickPublishedDate(['14 March 2025'], fetchedAt), '2025-03-14T00:00:00.000Z');
  });

  it('skips dates after the fetch (beyond a day of time-zone slack) and before the web existed', () => {
    assert.equal(
      pickPublishedDate(['2025-06-03T00:00:00Z', '0001-01-01', '2025-05-30'], fetchedAt),
      '2025-05-30T00:00:00.000Z',
    );
    assert.equal(pickPublishedDate(['2025-06-02T06:00:00Z'], fetchedAt), '2025-06-02T06:00:00.000Z');
    assert.equal(pickPublishedDate(['1990-12-31', '2999-01-01'], fetchedAt), undefined);
  });

  it('answers undefined when nothing parses', () => {
    assert.equal(pickPublishedDate([], fetchedAt), undefined);
    assert.equal(pickPublishedDate(['', 'soon', '2025-02-30'], fetchedAt), undefined);
  });
});
