/**
 * Enrichment over the archive: the shipped gazetteer loaded when the archive has none (or an older
 * release's), then every article not enriched under the current gazetteer version enriched in
 * batches, each batch's findings written in one transaction with that version. An article is
 * enriched completely or not at all, and a run stopped midway resumes where it stopped.
 */
import { createHash } from 'node:crypto';
import type { AuditNote } from '../store/accounts.ts';
import type { ArticleToEnrich } from '../store/enrichment.ts';
import type { Store } from '../store/store.ts';
import { type BatchEnricher, onThisThread } from './enrich-in-worker.ts';
import { createEnricher, type Enricher } from './enricher.ts';
import { loadGazetteer } from './gazetteer/load-gazetteer.ts';
import { readGazetteerDirectory, shippedGazetteerDirectory } from './gazetteer/load-gazetteer-directory.ts';
import { toEntityRecords } from './gazetteer/to-entity-records.ts';
import { loadMorphology } from './recognise/morphology.ts';

/** Articles read, enriched and written per transaction. */
const batchSize = 500;

/** What a gazetteer check did. */
export interface GazetteerCheck {
  /** True when the shipped gazetteer was (re)loaded into the archive. */
  loaded: boolean;
  version: number;
  /** Entities in the shipped gazetteer, when it was loaded. */
  entities?: number;
}

/**
 * Loads the shipped gazetteer into the archive when the archive has never had one or has an older
 * release's (told apart by a hash of the files). A user's own entities and spellings stay. A broken
 * shipped file throws GAZETTEER_INVALID and leaves the archive's gazetteer as it was. With `audit`
 * (someone asked for it: `entities load --shipped`), a load is audited in its transaction.
 */
export async function ensureShippedGazetteer(
  store: Store,
  directory: string = shippedGazetteerDirectory,
  audit?: AuditNote,
): Promise<GazetteerCheck> {
  const files = await readGazetteerDirectory(directory);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.name).update('\u0000').update(file.text).update('\u0000');
  // 48 bits of the hash: a whole number both stores keep exactly.
  const source = Number.parseInt(hash.digest('hex').slice(0, 12), 16);
  if ((await store.enrichment.gazetteerSource()) === source) {
    return { loaded: false, version: await store.enrichment.gazetteerVersion() };
  }
  const records = toEntityRecords(loadGazetteer(files));
  const change = await store.enrichment.loadGazetteer(records, source, audit);
  return { loaded: true, version: change.version, entities: records.length };
}

/** The enricher for the archive's current gazetteer, with the name recogniser. */
export async function loadEnricher(store: Store): Promise<Enricher> {
  const version = await store.enrichment.gazetteerVersion();
  const [entities, morphology] = await Promise.all([store.enrichment.listEntities(), loadMorphology()]);
  return createEnricher(entities, version, undefined, morphology);
}

/** What an enrichment run did. */
export interface EnrichmentSummary {
  enriched: number;
  version: number;
  seconds: number;
}

/** Options of enrichArchive. */
export interface EnrichArchiveOptions {
  /** Re-enrich every article, not only those behind the current version. */
  all?: boolean;
  /** Called after each batch with the articles enriched so far. */
  onProgress?: (enriched: number) => void;
  /**
   * An enricher built already (the caller checked the gazetteer), on this thread or in a worker
   * (enrich-in-worker.ts); built from the archive, on this thread, otherwise.
   */
  enricher?: Enricher | BatchEnricher;
}

/** Enriches the articles behind the archive's gazetteer version (all of them with `all`). */
export async function enrichArchive(
  store: Store,
  options: EnrichArchiveOptions = {},
): Promise<EnrichmentSummary> {
  const started = performance.now();
  const given = options.enricher ?? (await loadEnricher(store));
  const enricher = 'enrichBatch' in given ? given : onThisThread(given);
  let enriched = 0;
  let afterId = 0;
  for (;;) {
    const batch: ArticleToEnrich[] = options.all
      ? (await store.readArticlesAfter(afterId, batchSize)).map((article) => ({
          id: article.id,
          title: article.title,
          text: article.text,
          language: article.language,
          publishedAt: article.publishedAt,
        }))
      : await store.enrichment.toEnrich(afterId, batchSize, enricher.version);
    if (batch.length === 0) break;
    await store.enrichment.saveEnrichments(await enricher.enrichBatch(batch), enricher.version);
    enriched += batch.length;
    afterId = batch.at(-1)!.id;
    options.onProgress?.(enriched);
  }
  return { enriched, version: enricher.version, seconds: (performance.now() - started) / 1000 };
}
