/**
 * `npm run bench -- --enrich [--size 20000] [--seed 42]`: enrichment throughput (enrich-bench.ts) on
 * generated articles in a fresh SQLite archive under bench/out/tmp; figures to stdout and
 * bench/out/results-enrich-<size>.json. The target is 1,000 articles/s on one core.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { option } from '../bench-args.ts';
import { benchOut } from '../http/bench-archive.ts';
import { runEnrichBench } from './enrich-bench.ts';

const size = Number(option('size', '20000'));
const seed = Number(option('seed', '42'));
if (!Number.isInteger(size) || size < 100 || size > 1_000_000)
  throw new Error(`--size must be 100..1000000, not ${size}`);

const directory = join(benchOut, 'tmp', `enrich-${process.pid}`);
rmSync(directory, { recursive: true, force: true });
mkdirSync(directory, { recursive: true });
console.log(
  `wirewatch enrichment benchmark: ${size} generated articles, node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}`,
);
try {
  const result = await runEnrichBench(join(directory, 'enrich.db'), size, seed);
  const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en')} articles/s`;
  console.log(`write (baseline, addArticles in batches of 500): ${rate(result.write.perSecond)}`);
  console.log(
    `gazetteer into the archive + enricher built: ${result.gazetteerMs.toFixed(0)} ms (${result.entities} entities)`,
  );
  console.log(
    `enrich, one core, in memory: ${rate(result.enrichOneCore.perSecond)} (${(result.enrichOneCore.cpuMs / result.articles).toFixed(3)} ms CPU an article; target 1,000/s) = ${(result.enrichOneCore.perSecond / result.write.perSecond).toFixed(2)} × the write rate`,
  );
  console.log(
    `enrich the archive (read, enrich, write findings): ${rate(result.enrichArchive.perSecond)} = ${(result.enrichArchive.perSecond / result.write.perSecond).toFixed(2)} × the write rate`,
  );
  console.log(
    `import with enrichment (write + enrich): ${rate(result.importWithEnrichment.perSecond)} = ${result.importWithEnrichment.ratioToWrite.toFixed(2)} × the write rate`,
  );
  console.log(
    `found: ${result.found.mentions} entity rows in ${result.found.articlesWithMentions} of ${result.articles} articles, ${result.found.spellings} name spellings, ${result.found.recognised} recognised names`,
  );
  for (const facet of result.facets)
    console.log(
      `facets of ${JSON.stringify(facet.query)} (${facet.matches.toLocaleString('en')} matches): entity facets ${facet.entityFacetsMs.toFixed(1)} ms, plain facets ${facet.plainFacetsMs.toFixed(1)} ms (median of 5)`,
    );
  mkdirSync(benchOut, { recursive: true });
  writeFileSync(join(benchOut, `results-enrich-${size}.json`), `${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
