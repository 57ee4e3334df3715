/** The bundled sample (samples/central-asia-sample.jsonl, written for wirewatch) as NewArticles, for tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NewArticle } from '../../src/core/article.ts';

/** Path of the sample file. */
export const samplePath = fileURLToPath(new URL('../../samples/central-asia-sample.jsonl', import.meta.url));

/** The 14 sample articles, in file order. */
export function loadSampleArticles(): NewArticle[] {
  return readFileSync(samplePath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const raw = JSON.parse(line) as Record<string, string>;
      return {
        url: raw.url ?? null,
        source: raw.source!,
        title: raw.title!,
        author: raw.author ?? null,
        publishedAt: raw.published_at ?? null,
        language: raw.language ?? null,
        text: raw.text!,
      };
    });
}
