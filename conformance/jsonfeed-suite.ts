/**
 * The JSON Feed schema project's examples (1.0 and 1.1: simple, podcast, microblog): each is a valid
 * feed, so it must parse as JSON Feed and give back its items' titles, links, content, dates and authors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './feedparser-cases.ts';
import { compareCase, fromJsonStruct } from './gofeed-suite.ts';
import type { CaseResult } from './results.ts';

/** Runs every example under `root` (the corpus's jsonfeed-schema folder). */
export function runJsonFeedSuite(root: string): CaseResult[] {
  return listFiles(join(root, 'examples'), ['.json']).flatMap((file) =>
    compareCase(
      root,
      file,
      fromJsonStruct(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>),
      'jsonfeed-schema',
    ),
  );
}
