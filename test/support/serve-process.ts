/**
 * `wirewatch serve` in a child process, as `npm start` runs it: on a free port, with no archive path
 * or URL inherited, resolving with its address once it says it is serving.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { binPath } from './run-cli.ts';

/** A running `wirewatch serve` and what it has printed so far. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr: () => string;
}

/** Starts `wirewatch serve ...args` in `cwd` with `env` added; rejects if it has no address within 30 s. */
export async function startServe(
  cwd: string,
  options: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, NO_COLOR: '1', PORT: '0' };
  delete env.WIREWATCH_DB;
  delete env.WIREWATCH_DATABASE_URL;
  const child = spawn(process.execPath, [binPath, 'serve', ...(options.args ?? [])], { cwd, env });
  child.stdout.resume();
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 30 s; stderr: ${stderr}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /serving .* at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before serving: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}
