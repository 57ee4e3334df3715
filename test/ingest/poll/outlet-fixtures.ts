/**
 * Invented outlets for the ingest tests, served by a real HTTP server on 127.0.0.1: feeds in each
 * format (full content, teasers whose articles are on their pages, a legacy Cyrillic encoding), the
 * pages themselves (with hostile markup inside the article), a site that links to its feed, and the
 * bad ones (malformed XML, an external entity, a 500, a redirect to the cloud metadata address).
 * The text comes from the bundled sample (samples/, written for wirewatch).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { encodeWindows1251 } from '../../fixtures/import/encode-legacy.ts';
import { loadSampleArticles } from '../../support/sample-articles.ts';
import { type FetchTestServer, type Route, startFetchTestServer } from '../fetch/fetch-test-server.ts';

const sample = loadSampleArticles();
const english = sample.filter((article) => article.language === 'en');
const russian = sample.find((article) => article.language === 'ru')!;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function send(
  body: string | Buffer,
  type: string,
  status = 200,
  headers: Record<string, string> = {},
): Route {
  return (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { 'content-type': type, ...headers });
    response.end(body);
  };
}

/** The full-content RSS feed's items: the first three English sample articles. */
export const fullFeedArticles = english.slice(0, 3);
/** The teaser feed's items: the next two, whose text is only on their pages. */
export const teaserArticles = english.slice(3, 5);

function fullRss(base: string): string {
  const items = fullFeedArticles
    .map(
      (article, i) => `<item>
  <title>${escapeXml(article.title)}</title>
  <link>${base}/news/full-${i}?utm_source=rss</link>
  <guid>${base}/news/full-${i}</guid>
  <pubDate>${new Date(article.publishedAt!).toUTCString()}</pubDate>
  <author>desk@steppe.example (${escapeXml(article.author ?? 'Desk')})</author>
  <content:encoded><![CDATA[<p>${escapeXml(article.text)}</p>]]></content:encoded>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Steppe Herald</title><link>${base}/site/</link><description>News</description>
${items}
</channel></rss>`;
}

function teaserAtom(base: string): string {
  const entries = teaserArticles
    .map((article, i) => {
      // The second entry gives no date at all: it is dated by its fetch, or by its page.
      const dated = i === 0 ? `<updated>${article.publishedAt}</updated>` : '';
      return `<entry>
  <title>${escapeXml(article.title)}</title>
  <id>urn:valley:${i}</id>
  <link rel="alternate" href="/pages/teaser-${i}.html"/>
  ${dated}
  <summary>${escapeXml(article.text.split('. ')[0]!)}...</summary>
</entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${base}/">
<title>Valley Monitor</title><id>urn:valley</id><updated>2025-05-12T00:00:00Z</updated>
<link rel="alternate" href="${base}/valley/"/>
${entries}
</feed>`;
}

/** An article page: site furniture around the article, and hostile markup inside it. */
function articlePage(article: (typeof teaserArticles)[number], withDate: boolean): string {
  const paragraphs = article.text
    .split('. ')
    .map(
      (sentence) =>
        `<p>${escapeXml(sentence.replace(/\.$/, ''))}. ${escapeXml(article.text.slice(0, 120))}</p>`,
    )
    .join('\n');
  const jsonLd = withDate
    ? `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-05-09T06:15:00Z"}</script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(article.title)} | Valley Monitor</title>${jsonLd}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${escapeXml(article.title)}</h1><p class="byline">By Valley Staff</p>
${paragraphs}
<script>alert('page script')</script>
<p>Witnesses described the scene <img src="/x.png" onerror="alert('onerror')"> and <a href="javascript:alert('link')">a link</a>.</p>
</article>
<footer>© Valley Monitor. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>`;
}

function cyrillicRss(base: string): Buffer {
  const xml = `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Степной вестник</title><link>${base}/ru/</link><description>Новости</description>
<item><title>${escapeXml(russian.title)}</title><link>${base}/ru/1</link>
<pubDate>Mon, 05 May 2025 10:00:00 +0500</pubDate>
<description>${escapeXml(russian.text)}</description></item>
</channel></rss>`;
  return encodeWindows1251(xml);
}

/** The secret an external entity would pull in if it were expanded. */
export const entitySecret = 'ENTITY-SECRET-THAT-MUST-NOT-LEAK';

/** The outlets' routes for startFetchTestServer; `base()` is the server's own address. */
export function outletRoutes(base: () => string): Record<string, Route> {
  let fullHits = 0;
  return {
    '/feeds/full.rss': (request, response) => {
      fullHits += 1;
      if (request.headers['if-none-match'] === '"full-v1"') {
        response.writeHead(304, { etag: '"full-v1"' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"full-v1"' });
      response.end(fullRss(base()));
    },
    '/feeds/teasers.atom': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/atom+xml' });
      response.end(teaserAtom(base()));
    },
    '/pages/teaser-0.html': (_request, response) =>
      send(articlePage(teaserArticles[0]!, false), 'text/html; charset=utf-8')(_request, response),
    '/pages/teaser-1.html': (_request, response) =>
      send(articlePage(teaserArticles[1]!, true), 'text/html; charset=utf-8')(_request, response),
    '/feeds/cp1251.rss': (_request, response) =>
      send(cyrillicRss(base()), 'application/rss+xml')(_request, response),
    // Cut off mid-item: what can be read is kept, with a warning.
    '/feeds/cut.xml': send(
      '<rss version="2.0"><channel><title>Half</title><item><title>Cut short</title><link>/cut/1</link><description>A story whose feed ends before the item closes, long enough to keep.</description></item><item><title>cut',
      'application/rss+xml',
    ),
    // HTML where a feed should be: nothing can be read, the feed's error says what it is.
    '/feeds/broken.xml': send(
      '<!doctype html><html><body><h1>Moved</h1></body></html>',
      'application/rss+xml',
    ),
    '/feeds/xxe.xml': send(
      `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY secret "${entitySecret}">]>
<rss version="2.0"><channel><title>Entity Times &secret;</title><link>http://entity.example/</link><description>x</description>
<item><title>Leak &xxe; &secret;</title><link>http://entity.example/1</link><description>Body &xxe; text &secret; here, long enough to be kept as a summary of the story.</description></item>
</channel></rss>`,
      'application/rss+xml',
    ),
    '/feeds/error': send('<h1>Internal Server Error</h1>', 'text/html', 500),
    '/feeds/metadata': send('', 'text/plain', 302, { location: 'http://169.254.169.254/latest/meta-data/' }),
    '/site/': (_request, response) =>
      send(
        `<!doctype html><html><head><title>Steppe Herald</title>
<link rel="alternate" type="application/rss+xml" title="Steppe Herald news" href="/feeds/full.rss"></head>
<body><p>Welcome</p></body></html>`,
        'text/html; charset=utf-8',
      )(_request, response),
    '/site/nofeed': send(
      '<!doctype html><html><head><title>No feed</title></head><body>Nothing</body></html>',
      'text/html',
    ),
    '/__counts': (_request, response) =>
      send(JSON.stringify({ fullHits }), 'application/json')(_request, response),
  };
}

/** The outlets on a fresh server on 127.0.0.1 (their feeds link to the server's own address). */
export async function startOutletServer(): Promise<FetchTestServer> {
  let base = '';
  const server = await startFetchTestServer(outletRoutes(() => base));
  base = server.url('').replace(/\/$/, '');
  return server;
}
