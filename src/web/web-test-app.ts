/**
 * For the web desk's tests: a real Fastify app with the web routes over a real SQLite archive on a
 * temporary file, filled with a fixed corpus, and small helpers to read the HTML it answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import type { NewArticle } from '../core/article.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { sourcePageRoutes } from './source-routes.ts';
import { webRoutes } from './web-routes.ts';

/** The date line's day in every test app. */
export const fixedToday = new Date('2025-05-05T12:00:00Z');

/** A running test app and its store; `close` removes everything. */
export interface WebTestApp {
  app: FastifyInstance;
  store: Store;
  close: () => Promise<void>;
}

/** Opens a temporary archive holding `articles` and registers the web routes on a fresh app. */
export async function createWebTestApp(articles: NewArticle[]): Promise<WebTestApp> {
  const directory = mkdtempSync(join(tmpdir(), 'wirewatch-web-'));
  const store = await openSqliteStore({ path: join(directory, 'archive.db') });
  if (articles.length > 0) await store.addArticles(articles);
  const app = fastify();
  await app.register(webRoutes, { store, now: () => fixedToday });
  await app.register(sourcePageRoutes, { store, now: () => fixedToday });
  await app.ready();
  return {
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

const sources = ['Steppe Herald', 'Kabar Wire', 'Times of Central Asia'] as const;

/**
 * The test corpus: 31 articles about extremism spread over three sources, two languages and the
 * months of 2024 and 2025, and 9 about the harvest. Counts the tests rely on:
 * - `extremism`: 31 (Steppe Herald 11, Kabar Wire 10, Times of Central Asia 10; 8 in Russian);
 * - `harvest`: 9.
 */
export function makeCorpus(): NewArticle[] {
  const articles: NewArticle[] = [];
  for (let i = 0; i < 40; i++) {
    const extremism = i < 31;
    const month = (i % 17) + 1; // 2024-01 … 2025-05
    const year = month > 12 ? 2025 : 2024;
    const day = String((i % 27) + 1).padStart(2, '0');
    const publishedAt = `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${day}T08:00:00Z`;
    const topic = extremism ? 'extremism' : 'harvest';
    articles.push({
      url: `https://news.example/${i}`,
      source: sources[i % 3]!,
      title: `${extremism ? 'Court hears extremism case' : 'Farmers report harvest'} number ${i}`,
      publishedAt,
      language: extremism && i % 4 === 0 ? 'ru' : 'en',
      text: `Officials in region ${i} spoke about ${topic} on ${publishedAt.slice(0, 10)}. ${'The report continues with background on the region and its people. '.repeat(8)}A final note on ${topic} policy closes the piece.`,
    });
  }
  return articles;
}

/** An article written to attack the pages: script tags, event handlers and javascript: links everywhere. */
export const hostileArticle: NewArticle = {
  url: 'https://evil.example/a"onmouseover="alert(1)',
  source: '<b onmouseover=alert(1)>Evil Source</b>',
  title: '<script>alert("title")</script> Hostile headline <img src=x onerror=alert(1)>',
  author: '<script>alert("author")</script>',
  publishedAt: '2025-05-01T00:00:00Z',
  language: 'en',
  text: 'Hostile text <script>alert("text")</script> with <img src=x onerror=alert(2)> and <a href="javascript:alert(3)">a link</a>.\n\nSecond paragraph with javascript:alert(4) typed out.',
  html: '<p>Stored <script>alert("html")</script><img src=x onerror=alert(5)></p>',
};

/** HTML entities back to characters (what a browser would show or follow). */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every match of `pattern` (which must be global), as its capture groups decoded. */
export function matchAll(html: string, pattern: RegExp): string[][] {
  return [...html.matchAll(pattern)].map((match) =>
    match.slice(1).map((group) => decodeEntities(group ?? '')),
  );
}

/** The text of the first element with class `className` (tags stripped, entities decoded). */
export function textOfClass(html: string, className: string): string | undefined {
  const match = new RegExp(`class="${className}"[^>]*>([\\s\\S]*?)</`).exec(html);
  return match ? decodeEntities(match[1]!.replace(/<[^>]+>/g, '')) : undefined;
}
