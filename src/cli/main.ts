/**
 * The wirewatch command line: one file per command, each thin over the services the server uses.
 * Every failure ends here: ours print their code and message (with a caret under a bad query
 * column), anything else prints as an internal error without a stack trace unless WIREWATCH_DEBUG is set.
 */
import { Command, CommanderError } from 'commander';
import { AppError, describeError } from '../core/errors.ts';
import { registerAddUrlCommand } from './add-url-command.ts';
import { registerClusterCommand } from './cluster-command.ts';
import { registerCopyCommand } from './copy-command.ts';
import { registerEnrichCommand } from './enrich-command.ts';
import { registerEntitiesCommand } from './entities-command.ts';
import { registerEventsCommand } from './events-command.ts';
import { registerExportCommand } from './export-command.ts';
import { registerFetchCommand } from './fetch-command.ts';
import { registerImportCommand } from './import-command.ts';
import { queryOfError } from './query-error-context.ts';
import { registerSearchCommand } from './search-command.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerShowCommand } from './show-command.ts';
import { registerSourcesCommand } from './sources-command.ts';
import { registerStatsCommand } from './stats-command.ts';
import { registerUsersCommand } from './users-command.ts';

/** Builds the program (separate from running it, so tests can drive it). */
export function buildProgram(): Command {
  const program = new Command('wirewatch')
    .description('a self-hosted news archive, search engine and monitoring desk')
    .option(
      '--db <path-or-url>',
      'archive file or postgres:// URL (default: $WIREWATCH_DATABASE_URL, $WIREWATCH_DB or ./data/wirewatch.db)',
    )
    .showHelpAfterError()
    .exitOverride();
  registerImportCommand(program);
  registerSearchCommand(program);
  registerExportCommand(program);
  registerStatsCommand(program);
  registerShowCommand(program);
  registerCopyCommand(program);
  registerSourcesCommand(program);
  registerFetchCommand(program);
  registerAddUrlCommand(program);
  registerClusterCommand(program);
  registerEnrichCommand(program);
  registerEntitiesCommand(program);
  registerEventsCommand(program);
  registerServeCommand(program);
  registerUsersCommand(program);
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
  const program = buildProgram();
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
