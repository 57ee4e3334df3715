/** The SQLite migrations, in order. Append only: a released migration is never edited. */
import { migration001 } from './001-initial.ts';

/** One schema step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration this version of wirewatch knows, oldest first. */
export const sqliteMigrations: readonly Migration[] = [migration001];
