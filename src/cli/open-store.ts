/**
 * Opens the archive a command works on: `--db` (a file path or a postgres:// URL), else
 * WIREWATCH_DATABASE_URL, else WIREWATCH_DB, else ./data/wirewatch.db.
 */
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { withQueryExpansion } from '../search/expanding-store.ts';
import { isPostgresUrl } from '../store/postgres/postgres-errors.ts';
import { openPostgresStore } from '../store/postgres/postgres-store.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';

/** Options every command shares. */
export interface GlobalOptions {
  db?: string;
}

/**
 * Opens the store for a command. Commands that only read never create an archive, and open a file
 * they may not write (a read-only copy, a read-only medium) read-only instead of failing.
 */
export async function openStoreForCommand(
  options: GlobalOptions,
  access: { readonly: boolean; readWorkers?: number },
): Promise<Store> {
  const path = options.db ?? loadConfig().databasePath;
  return openStoreAt(path, access);
}

/**
 * Opens the archive at a file path or a postgres:// URL, its searches expanded to Russian word forms
 * and other spellings of names. `readWorkers` applies to SQLite only.
 */
export async function openStoreAt(
  path: string,
  access: { readonly: boolean; readWorkers?: number },
): Promise<Store> {
  return withQueryExpansion(await openRawStore(path, access));
}

/** The store itself, without query expansion (search/expanding-store.ts). */
async function openRawStore(
  path: string,
  access: { readonly: boolean; readWorkers?: number },
): Promise<Store> {
  if (isPostgresUrl(path)) return openPostgresStore({ url: path, mustExist: access.readonly });
  if (!access.readonly) return openSqliteStore({ path, readWorkers: access.readWorkers ?? 0 });
  return openSqliteStore({ path, mustExist: true, readonly: !isWritable(path) });
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs `work` with an open store and always closes it. */
export async function withStore<T>(
  options: GlobalOptions,
  access: { readonly: boolean },
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStoreForCommand(options, access);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
