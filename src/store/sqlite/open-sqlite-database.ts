/**
 * Opens the embedded archive file safely: refuses files that are not SQLite or not wirewatch's,
 * never creates over something that exists, maps operating-system failures to clear messages,
 * and brings the schema up to date one transactional migration at a time.
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.ts';
import { type Migration, sqliteMigrations } from './migrations/index.ts';

/** How to open the file. */
export interface OpenSqliteOptions {
  path: string;
  /** Open without writing (a read-only file or medium). Pending migrations are then an error. */
  readonly?: boolean;
  /** Refuse to create the archive when it does not exist (commands that only read). */
  mustExist?: boolean;
  /** How long a writer waits for another process's lock before STORE_BUSY, in ms (0..60000, default 5000). */
  busyTimeoutMs?: number;
  /** Migrations to apply; tests pass a longer list to check upgrades and refusals. */
  migrations?: readonly Migration[];
}

const sqliteHeader = 'SQLite format 3\u0000';

/** Opens (creating if absent) and migrates the archive at `options.path`. */
export function openSqliteDatabase(options: OpenSqliteOptions): Database.Database {
  const path = resolve(options.path);
  const exists = existsSync(path);
  if (exists) assertSqliteFile(path);
  else if (options.readonly || options.mustExist) {
    throw new AppError(
      'STORE_CANNOT_OPEN',
      `no archive at ${path}: import articles first (wirewatch import FILE) or pass --db`,
    );
  } else ensureWritableDirectory(path);

  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: exists });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode survives a killed process; a power cut may lose the last commits (docs/DESIGN.md).
      db.pragma('synchronous = NORMAL');
    }
    // Off on purpose: see sqlite-article-writer.ts for why, and what guarantees the references instead.
    db.pragma('foreign_keys = OFF');
  } catch (error) {
    throw mapOpenError(error, path);
  }
  try {
    applyMigrations(db, path, options.migrations ?? sqliteMigrations, options.readonly ?? false);
  } catch (error) {
    db.close();
    throw error instanceof AppError ? error : mapOpenError(error, path);
  }
  return db;
}

function assertSqliteFile(path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory())
    throw new AppError('STORE_CANNOT_OPEN', `${path} is a directory, not an archive file`);
  if (stat.size === 0) return; // an empty file is what SQLite itself creates; it becomes an archive
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== sqliteHeader) {
    throw new AppError(
      'STORE_NOT_SQLITE',
      `${path} is not an SQLite database, so it cannot be a wirewatch archive; it was left untouched`,
    );
  }
}

function ensureWritableDirectory(path: string): void {
  const directory = dirname(path);
  try {
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
  } catch (error) {
    throw new AppError('STORE_READ_ONLY', `cannot create the archive ${path}: ${describeFsError(error)}`, {
      cause: error,
    });
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a part of the path is a file, not a directory';
  if (code === 'ENOSPC') return 'the disk is full';
  return (error as Error).message;
}

/** Turns SQLite's open-time failures into messages that name the file and the fix. */
export function mapOpenError(error: unknown, path: string): AppError {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError(
      'STORE_NOT_SQLITE',
      `${path} is damaged or not an SQLite database (${message}); it was left untouched`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY')) {
    return new AppError('STORE_READ_ONLY', `${path} is read-only: ${message}`, { cause: error });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError(
      'STORE_BUSY',
      `${path} is locked by another process; try again when it has finished`,
      { cause: error },
    );
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new AppError('STORE_CANNOT_OPEN', `cannot open ${path}: ${message}`, { cause: error });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new AppError('STORE_CANNOT_OPEN', `input/output error on ${path}: ${message}`, { cause: error });
  }
  if (code === 'SQLITE_FULL')
    return new AppError('STORE_FULL', `the disk holding ${path} is full`, { cause: error });
  return new AppError('STORE_CANNOT_OPEN', `cannot open ${path}: ${message}`, { cause: error });
}

function applyMigrations(
  db: Database.Database,
  path: string,
  migrations: readonly Migration[],
  readonly: boolean,
): void {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  if (tables.length > 0 && !tables.includes('schema_migrations')) {
    throw new AppError(
      'STORE_NOT_WIREWATCH',
      `${path} is an SQLite database of something else (tables: ${tables.slice(0, 5).join(', ')}); it was left untouched`,
    );
  }
  const newest = migrations.at(-1)?.version ?? 0;
  const current = tables.includes('schema_migrations')
    ? ((db.prepare('SELECT max(version) FROM schema_migrations').pluck().get() as number | null) ?? 0)
    : 0;
  if (current > newest) {
    throw new AppError(
      'STORE_TOO_NEW',
      `${path} is at schema version ${current}, newer than this wirewatch knows (${newest}); upgrade wirewatch`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  if (readonly) {
    throw new AppError(
      'STORE_READ_ONLY',
      `${path} needs schema migration ${pending[0]!.version} but was opened read-only`,
    );
  }
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const migration of pending) {
    // Each migration and its record commit together, so a crash never leaves a half-applied step.
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    });
    apply.immediate();
  }
}
