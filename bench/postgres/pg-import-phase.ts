/**
 * The import half of the PostgreSQL benchmark: the corpus through wirewatch (importFile into
 * PostgresStore) and through plain SQL (pg-raw-import.ts), each into a database of its own created
 * afresh with wirewatch's schema. Creating the database and its schema is not timed, on either side.
 */
import { importFile } from '../../src/ingest/bulk/import-file.ts';
import { openPostgresPool } from '../../src/store/postgres/open-postgres.ts';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { databaseUrl, recreateDatabase } from './pg-databases.ts';
import { rawPostgresImport } from './pg-raw-import.ts';

/** Articles and seconds of one side, summed over its rounds, and the rate they give. */
export interface ImportSide {
  articles: number;
  seconds: number;
  rate: number;
}

/** Both sides' figures and wirewatch's rate over the baseline's. */
export interface ImportFigures {
  order: Array<'raw' | 'ours'>;
  raw: ImportSide;
  wirewatch: ImportSide;
  ratio: number;
}

/** Where to import. */
export interface ImportPlan {
  serverUrl: string;
  corpus: string;
  /** The database wirewatch imports into (and the queries later run on). */
  ourDatabase: string;
  /** The database of the plain-SQL baseline. */
  rawDatabase: string;
  /** A B B A below 1M articles, A B from there: see importOrder. */
  order: Array<'raw' | 'ours'>;
  log: (line: string) => void;
}

/**
 * Both sides in the order A B B A (A B when the corpus is too big to import four times), so that a
 * machine that speeds up or slows down during the run weighs on both alike; each side's rate is its
 * total over its rounds. The databases are left holding the last round's import.
 */
export function importOrder(size: number): Array<'raw' | 'ours'> {
  return size >= 1_000_000 ? ['raw', 'ours'] : ['raw', 'ours', 'ours', 'raw'];
}

/** Runs the imports of `plan` and returns their figures. */
export async function pgImportPhase(plan: ImportPlan): Promise<ImportFigures> {
  const spent = { raw: 0, ours: 0 };
  const imported = { raw: 0, ours: 0 };
  for (const side of plan.order) {
    if (side === 'raw') {
      const url = databaseUrl(plan.serverUrl, plan.rawDatabase);
      await recreateDatabase(plan.serverUrl, plan.rawDatabase);
      // wirewatch's own migration makes the tables, so both sides write into identical ones.
      await (await openPostgresPool({ url })).end();
      const raw = await rawPostgresImport(plan.corpus, url);
      spent.raw += raw.seconds;
      imported.raw += raw.articles;
      plan.log(
        `import (plain SQL baseline, ${plan.rawDatabase}): ${raw.articles} articles in ${raw.seconds.toFixed(1)} s = ${(raw.articles / raw.seconds).toFixed(0)} articles/s`,
      );
    } else {
      await recreateDatabase(plan.serverUrl, plan.ourDatabase);
      const store = await openPostgresStore({ url: databaseUrl(plan.serverUrl, plan.ourDatabase) });
      const started = process.hrtime.bigint();
      const summary = await importFile(store, plan.corpus, {});
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await store.close();
      if (summary.errorCount > 0 || summary.duplicates > 0) {
        plan.log(
          `  (wirewatch skipped ${summary.duplicates} duplicates and ${summary.errorCount} bad records)`,
        );
      }
      spent.ours += seconds;
      imported.ours += summary.imported;
      plan.log(
        `import (wirewatch, ${plan.ourDatabase}): ${summary.imported} articles in ${seconds.toFixed(1)} s = ${(summary.imported / seconds).toFixed(0)} articles/s`,
      );
    }
  }
  const raw = { articles: imported.raw, seconds: spent.raw, rate: imported.raw / spent.raw };
  const wirewatch = { articles: imported.ours, seconds: spent.ours, rate: imported.ours / spent.ours };
  return { order: plan.order, raw, wirewatch, ratio: wirewatch.rate / raw.rate };
}
