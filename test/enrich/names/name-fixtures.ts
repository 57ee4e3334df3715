/**
 * The labelled name fixtures (test/fixtures/names/: see its README) and the finders enrichment uses:
 * the shipped gazetteer's matcher (with transliteration keys) and the recogniser's dictionary.
 */
import { readFileSync } from 'node:fs';
import { loadGazetteerDirectory } from '../../../src/enrich/gazetteer/load-gazetteer-directory.ts';
import { createMentionMatcher } from '../../../src/enrich/gazetteer/mention-matcher.ts';
import { nameKey } from '../../../src/enrich/language/index.ts';
import type { NameFinders, NameFixture } from '../../../src/enrich/recognise/evaluate-names.ts';
import { loadMorphology } from '../../../src/enrich/recognise/morphology.ts';

const fixturesDirectory = new URL('../../fixtures/names/', import.meta.url);

/** The sentences of one fixture file. */
export function readNameFixtures(file: 'dev.jsonl' | 'held-out.jsonl'): NameFixture[] {
  return readFileSync(new URL(file, fixturesDirectory), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as NameFixture);
}

/** The finders as enrichment builds them from the shipped gazetteer. */
export async function shippedFinders(): Promise<NameFinders> {
  const gazetteer = await loadGazetteerDirectory();
  return {
    matcher: createMentionMatcher(gazetteer, { keyOf: nameKey }),
    typeOf: (id) => gazetteer.byId.get(id)?.type,
    morphology: await loadMorphology(),
  };
}
