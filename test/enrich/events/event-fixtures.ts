/**
 * Reading the event-fact fixtures: the invented sentences (test/fixtures/events/sentences.jsonl) and the
 * seed page's labels, resolved against the seed file read in place.
 */
import { readFileSync } from 'node:fs';
import type { EventLanguage } from '../../../src/enrich/events/event-fact.ts';
import type { EventFixture, LabelledEvent } from '../../../src/enrich/events/evaluate-events.ts';

const fixturesDirectory = new URL('../../fixtures/events/', import.meta.url);

interface SentenceCase {
  id: string;
  lang: EventLanguage;
  text: string;
  publishedAt?: string;
  expected: LabelledEvent[];
}

interface SeedLabels {
  labels: { offset: number; prefix: string; expected: LabelledEvent[] }[];
}

/** The invented sentences of `file` as fixtures (see test/fixtures/events/README.md for what each set is). */
export function readSentenceFixtures(
  file: 'sentences.jsonl' | 'dev-2.jsonl' | 'held-out.jsonl' | 'held-out-final.jsonl' | 'held-out-3.jsonl',
): EventFixture[] {
  const lines = readFileSync(new URL(file, fixturesDirectory), 'utf8').split('\n');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const entry = JSON.parse(line) as SentenceCase;
      return {
        id: entry.id,
        text: entry.text,
        language: entry.lang,
        ...(entry.publishedAt === undefined ? {} : { publishedAt: new Date(entry.publishedAt) }),
        labels: entry.expected,
      };
    });
}

/** An invented ~3 KB article used for timing (article-en.txt, article-ru.txt). */
export function readArticle(file: 'article-en.txt' | 'article-ru.txt'): string {
  return readFileSync(new URL(file, fixturesDirectory), 'utf8');
}

/** The seed page as one fixture, each label pinned to its sentence's offset; throws when the file no longer has the labelled words there. */
export function readSeedFixture(seedText: string): EventFixture {
  const seed = JSON.parse(readFileSync(new URL('seed-labels.json', fixturesDirectory), 'utf8')) as SeedLabels;
  const labels: LabelledEvent[] = [];
  for (const entry of seed.labels) {
    const found = seedText.slice(entry.offset, entry.offset + entry.prefix.length);
    if (found !== entry.prefix)
      throw new Error(
        `seed label at offset ${entry.offset} expects "${entry.prefix}" but the file has "${found}"`,
      );
    for (const label of entry.expected) labels.push({ ...label, at: entry.offset });
  }
  return { id: 'seed', text: seedText, labels };
}
