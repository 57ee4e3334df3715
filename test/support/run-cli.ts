/** Runs the real `wirewatch` command in a child process, as a user would, and captures what it prints. */
import { spawnSync } from 'node:child_process';
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
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  if (!options.env?.WIREWATCH_DB) delete env.WIREWATCH_DB;
  if (!options.env?.WIREWATCH_DATABASE_URL) delete env.WIREWATCH_DATABASE_URL;
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    input: options.input ?? '',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
