/**
 * The enrichment benchmark's measurements, on one fresh SQLite archive of generated articles
 * (bench/corpus/, English and Russian, entity names at realistic rates):
 * - write: the articles written with store.addArticles in batches of 500 (the bulk import's write
 *   path) — the baseline enrichment is compared with, measured in the same run;
 * - gazetteer: loading the shipped gazetteer into the archive and building the enricher;
 * - enrich (one core): enricher.enrich over every article in memory, on this thread alone;
 * - enrich archive: enrichArchive end to end (read the batches, enrich, write the findings);
 * - import with enrichment: write + enrich archive, the rate an import runs at when it enriches;
 * - facets: entity facets (enrichmentFacets) of searches matching a growing share of the archive,
 *   beside the plain facets (sources, languages, years, months) of the same searches — the figures
 *   the desk's limit on counted matches rests on (src/api/search/entity-facet-limit.ts).
 */
import type { NewArticle } from '../../src/core/article.ts';
import { enrichArchive, ensureShippedGazetteer, loadEnricher } from '../../src/enrich/enrich-archive.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { generateArticles } from '../corpus/generate-corpus.ts';

/** Articles per write, as the bulk import. */
const batchSize = 500;

/** One timed phase. */
export interface Phase {
  articles: number;
  ms: number;
  cpuMs: number;
  perSecond: number;
}

/** Everything the benchmark measured. */
export interface EnrichBenchResult {
  articles: number;
  write: Phase;
  gazetteerMs: number;
  entities: number;
  enrichOneCore: Phase;
  enrichArchive: Phase;
  importWithEnrichment: { perSecond: number; ratioToWrite: number };
  /** What was found, so a run that finds nothing is visible. */
  found: { mentions: number; articlesWithMentions: number; spellings: number; recognised: number };
  facets: FacetTiming[];
}

/** One search's facet times (median of 5 runs, after one untimed). */
export interface FacetTiming {
  query: string;
  matches: number;
  entityFacetsMs: number;
  plainFacetsMs: number;
}

/** Searches matching more and more of a generated archive. */
const facetQueries = [
  'Zhanaozen',
  'extremism',
  'security OR police',
  'border OR security OR police OR court',
  '',
];

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

async function timed<T>(articles: number, work: () => Promise<T> | T): Promise<{ phase: Phase; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    phase: { articles, ms, cpuMs: (used.user + used.system) / 1000, perSecond: (articles / ms) * 1000 },
    value,
  };
}

/** Runs every phase over `count` generated articles in a new archive at `path`. */
export async function runEnrichBench(path: string, count: number, seed: number): Promise<EnrichBenchResult> {
  const articles: NewArticle[] = [...generateArticles(count, seed)];
  const store = await openSqliteStore({ path });
  try {
    const write = await timed(articles.length, async () => {
      for (let start = 0; start < articles.length; start += batchSize)
        await store.addArticles(articles.slice(start, start + batchSize));
    });
    const gazetteerStarted = performance.now();
    await ensureShippedGazetteer(store);
    const enricher = await loadEnricher(store);
    const gazetteerMs = performance.now() - gazetteerStarted;
    const stored = await store.readArticlesAfter(0, count);
    const toEnrich = stored.map((article) => ({
      id: article.id,
      title: article.title,
      text: article.text,
      language: article.language,
      publishedAt: article.publishedAt,
    }));
    const oneCore = await timed(toEnrich.length, () => toEnrich.map((article) => enricher.enrich(article)));
    const found = {
      mentions: oneCore.value.reduce((sum, item) => sum + item.mentions.length, 0),
      articlesWithMentions: oneCore.value.filter((item) => item.mentions.length > 0).length,
      spellings: oneCore.value.reduce((sum, item) => sum + item.spellings.length, 0),
      recognised: oneCore.value.reduce((sum, item) => sum + (item.recognised?.length ?? 0), 0),
    };
    const archive = await timed(toEnrich.length, () => enrichArchive(store, { enricher }));
    const withEnrichment = (articles.length / (write.phase.ms + archive.phase.ms)) * 1000;
    const facets: FacetTiming[] = [];
    for (const q of facetQueries) {
      const query = parseQuery(q);
      const matches = (await store.search({ query, sort: 'newest', page: 1, perPage: 1 })).total;
      facets.push({
        query: q,
        matches,
        entityFacetsMs: await medianMs(() => store.enrichmentFacets(query, 10)),
        plainFacetsMs: await medianMs(() => store.facets(query, 10)),
      });
    }
    return {
      articles: articles.length,
      write: write.phase,
      gazetteerMs,
      entities: enricher.entityCount,
      enrichOneCore: oneCore.phase,
      enrichArchive: archive.phase,
      importWithEnrichment: {
        perSecond: withEnrichment,
        ratioToWrite: withEnrichment / write.phase.perSecond,
      },
      found,
      facets,
    };
  } finally {
    await store.close();
  }
}
