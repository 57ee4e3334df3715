/** Starts and stops the benchmark's server child (server-child.ts) and reads its memory from /proc. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running server child. */
export interface ServerChild {
  url: string;
  pid: number;
  /** process.hrtime.bigint() when it was spawned (a CPU profile starts about then). */
  spawnedAt: bigint;
  /** SIGTERM, then wait for the exit (and for --cpu-prof to write its file). */
  stop(): Promise<void>;
}

const childFile = fileURLToPath(new URL('./server-child.ts', import.meta.url));

/**
 * Spawns the server on `dbPath`; `nodeFlags` go before `--import tsx` (e.g. --cpu-prof);
 * `cacheEntries` > 0 puts the read cache in front of its store, `responseCacheMb` > 0 keeps finished
 * answers (both default off).
 */
export async function startServerChild(
  dbPath: string,
  nodeFlags: string[] = [],
  options: { cacheEntries?: number; responseCacheMb?: number } = {},
): Promise<ServerChild> {
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', childFile, dbPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      WIREWATCH_BENCH_CACHE_ENTRIES: String(options.cacheEntries ?? 0),
      WIREWATCH_BENCH_RESPONSE_CACHE_MB: String(options.responseCacheMb ?? 0),
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const first = await firstLine(child);
  const { url, pid } = JSON.parse(first) as { url: string; pid: number };
  return {
    url,
    pid,
    spawnedAt,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`server child exited with ${code}`);
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) =>
      reject(new Error(`server child exited with ${code} before listening`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      lines.close();
      resolve(line);
    });
  });
}

/** VmRSS and VmHWM (peak RSS) of a process, in MB, from /proc/<pid>/status. */
export function readMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${name} in /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Resets the process's peak RSS (VmHWM) to its current RSS; false where the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
