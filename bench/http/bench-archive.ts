/**
 * The archive the HTTP benchmark serves: the SQLite bench archive `npm run bench` builds and keeps
 * (bench/out/wirewatch-<size>.db), built the same way here when it is missing: the seeded corpus
 * (bench/corpus) imported through wirewatch.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { importFile } from '../../src/ingest/bulk/import-file.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { mulberry32 } from '../corpus/random.ts';
import { writeCorpusJsonl } from '../corpus/generate-corpus.ts';

/** bench/out, where every benchmark keeps its corpus, archives and results. */
export const benchOut = fileURLToPath(new URL('../out/', import.meta.url));

/** The path of the bench archive of `size` articles, building corpus and archive first if missing. */
export async function ensureBenchArchive(size: number, log: (line: string) => void): Promise<string> {
  mkdirSync(benchOut, { recursive: true });
  const corpus = join(benchOut, `corpus-${size}-seed42.jsonl`);
  const db = join(benchOut, `wirewatch-${size}.db`);
  if (existsSync(db)) return db;
  if (!existsSync(corpus)) {
    log(`generating ${corpus}`);
    writeCorpusJsonl(corpus, size, 42);
  }
  log(`importing into ${db}`);
  const store = await openSqliteStore({ path: db });
  try {
    await importFile(store, corpus, {});
  } finally {
    await store.close();
  }
  return db;
}

/** `count` article ids of the archive, drawn with a fixed seed (repeats allowed). */
export function sampleArticleIds(dbPath: string, count: number): number[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const ids = db.prepare('SELECT id FROM articles').pluck().all() as number[];
    if (ids.length === 0) throw new Error(`${dbPath} holds no article`);
    const random = mulberry32(42);
    return Array.from({ length: count }, () => ids[Math.floor(random() * ids.length)]!);
  } finally {
    db.close();
  }
}
