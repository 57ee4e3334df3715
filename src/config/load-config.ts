/**
 * Configuration from the environment, validated once and frozen. Every problem is listed at once,
 * so a user fixes their set-up in one go rather than one error per run.
 */
import { z } from 'zod';
import { AppError } from '../core/errors.ts';

/** The default archive file of the embedded store, relative to the working directory. */
export const defaultDatabasePath = './data/wirewatch.db';

const configSchema = z.object({
  /** Path of the embedded SQLite archive. */
  WIREWATCH_DB: z.string().min(1, 'must not be empty').default(defaultDatabasePath),
  /** A PostgreSQL server to use instead of the embedded file (server mode); wins over WIREWATCH_DB. */
  WIREWATCH_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./i, 'must be a postgres:// URL (postgres://user:password@host:port/database)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Set (to anything) to turn colour off in terminal output (https://no-color.org). */
  NO_COLOR: z.string().optional(),
});

/** Validated configuration. */
export interface Config {
  /** The archive: a PostgreSQL URL when WIREWATCH_DATABASE_URL is set, else the SQLite file's path. */
  databasePath: string;
  color: boolean;
}

/** Reads and validates the environment; throws CONFIG_INVALID naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('CONFIG_INVALID', `invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze({
    databasePath: parsed.data.WIREWATCH_DATABASE_URL ?? parsed.data.WIREWATCH_DB,
    color: parsed.data.NO_COLOR === undefined || parsed.data.NO_COLOR === '',
  });
}
