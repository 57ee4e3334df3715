import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runEnrichBench } from './enrich-bench.ts';

test('the enrichment benchmark measures every phase on a small corpus and finds entities in it', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'wirewatch-enrich-bench-'));
  try {
    const result = await runEnrichBench(join(directory, 'bench.db'), 300, 3);
    assert.equal(result.articles, 300);
    for (const phase of [result.write, result.enrichOneCore, result.enrichArchive]) {
      assert.equal(phase.articles, 300);
      assert.ok(phase.ms > 0 && Number.isFinite(phase.perSecond));
    }
    assert.ok(result.entities > 400);
    assert.ok(
      result.found.articlesWithMentions > 150,
      `${result.found.articlesWithMentions} of 300 name an entity`,
    );
    assert.ok(result.importWithEnrichment.ratioToWrite < 1);
    assert.equal(result.facets.at(-1)?.query, '', 'the widest facet search is the whole archive');
    assert.equal(result.facets.at(-1)?.matches, 300);
    for (const facet of result.facets) assert.ok(facet.entityFacetsMs >= 0 && facet.plainFacetsMs >= 0);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
