/**
 * The wirewatch command line: one file per command, each thin over the services the server uses.
 * Every failure ends here: ours print their code and message (with a caret under a bad query
 * column), anything else prints as an internal error without a stack trace unless WIREWATCH_DEBUG is set.
 */
import { Command, CommanderError } from 'commander';
import { AppError, describeError } from '../core/errors.ts';
import { queryOfError } from './query-error-context.ts';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: loading every command's dependencies
 * (the server, the page renderer, Readability, the dictionaries) cost about a second of each run.
 * `--help` and anything unrecognised load them all, so help and "unknown command" see every command.
 */
const commandModules: Record<string, () => Promise<Register>> = {
  import: async () => (await import('./import-command.ts')).registerImportCommand,
  search: async () => (await import('./search-command.ts')).registerSearchCommand,
  export: async () => (await import('./export-command.ts')).registerExportCommand,
  stats: async () => (await import('./stats-command.ts')).registerStatsCommand,
  show: async () => (await import('./show-command.ts')).registerShowCommand,
  copy: async () => (await import('./copy-command.ts')).registerCopyCommand,
  sources: async () => (await import('./sources-command.ts')).registerSourcesCommand,
  fetch: async () => (await import('./fetch-command.ts')).registerFetchCommand,
  'add-url': async () => (await import('./add-url-command.ts')).registerAddUrlCommand,
  cluster: async () => (await import('./cluster-command.ts')).registerClusterCommand,
  enrich: async () => (await import('./enrich-command.ts')).registerEnrichCommand,
  entities: async () => (await import('./entities-command.ts')).registerEntitiesCommand,
  events: async () => (await import('./events-command.ts')).registerEventsCommand,
  serve: async () => (await import('./serve-command.ts')).registerServeCommand,
  users: async () => (await import('./users-command.ts')).registerUsersCommand,
  watch: async () => (await import('./watch-command.ts')).registerWatchCommand,
  digest: async () => (await import('./digest-command.ts')).registerDigestCommand,
};
/** Commands registered by another command's module. */
const registeredBy: Record<string, string> = { tokens: 'users', audit: 'users' };

/** The command an argument list runs (the first word that is not the global --db option), if known. */
export function commandOf(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '--db') index += 1;
    else if (!arg.startsWith('-')) {
      const name = registeredBy[arg] ?? arg;
      return name in commandModules ? name : undefined;
    }
  }
  return undefined;
}

/** Builds the program (separate from running it, so tests can drive it) with the commands `args` need. */
export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  const program = new Command('wirewatch')
    .description('a self-hosted news archive, search engine and monitoring desk')
    .option(
      '--db <path-or-url>',
      'archive file or postgres:// URL (default: $WIREWATCH_DATABASE_URL, $WIREWATCH_DB or ./data/wirewatch.db)',
    )
    .showHelpAfterError()
    .exitOverride();
  const wanted = commandOf(args);
  const help = args.includes('--help') || args.includes('-h') || args.includes('help');
  const loaders = wanted !== undefined && !help ? [commandModules[wanted]!] : Object.values(commandModules);
  for (const register of await Promise.all(loaders.map((load) => load()))) register(program);
  return program;
}

/** The caret line under a query error's column, when the error points into the query. */
export function formatErrorForTerminal(error: unknown, query?: string): string {
  const lines = [`error: ${describeError(error)}`];
  if (
    error instanceof AppError &&
    query !== undefined &&
    error.location?.column !== undefined &&
    error.code.startsWith('QUERY_')
  ) {
    const column = error.location.column;
    lines.push(
      `  ${query}`,
      `  ${' '.repeat(Math.max(0, column - 1))}${'^'.repeat(Math.max(1, error.location.length ?? 1))}`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv.slice(2));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed usage errors and help.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`${formatErrorForTerminal(error, queryOfError(error))}\n`);
    if (process.env.WIREWATCH_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}

// Writing to a closed pipe (`wirewatch export | head`) is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await main(process.argv);
