/** Runs the real `wirewatch` command in a child process, as a user would, and captures what it prints. */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The bin script. */
export const binPath = fileURLToPath(new URL('../../bin/wirewatch.js', import.meta.url));

/** What one run printed and how it ended. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `wirewatch ...args` in `cwd` (bounded to 60 s), with colour off and no inherited archive path or URL. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): CliRun {
  const env = cliEnvironment(options.env);
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    input: options.input ?? '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The environment of a CLI run: colour off, no archive path or URL inherited unless given. */
function cliEnvironment(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  if (!extra?.WIREWATCH_DB) delete env.WIREWATCH_DB;
  if (!extra?.WIREWATCH_DATABASE_URL) delete env.WIREWATCH_DATABASE_URL;
  return env;
}

/**
 * As runCli, without blocking this process: for runs that talk to a server the test itself runs
 * (a fixture HTTP server on 127.0.0.1), which a synchronous run would leave unanswered.
 */
export function runCliAsync(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: options.cwd, env: cliEnvironment(options.env), encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
