/** Starts and stops the fixture server child (feed-server-child.ts) and reads its counts. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type FeedServerStats, statsPath } from './feed-server.ts';

/** A running fixture server child. */
export interface FeedServerChild {
  port: number;
  pid: number;
  totalFeedBytes: number;
  totalWords: number;
  /** Its counts so far (read over HTTP; the stats request itself is not counted). */
  stats(): Promise<FeedServerStats>;
  /** SIGTERM, then wait for the exit; fails when the child did not exit cleanly. */
  stop(): Promise<void>;
}

const childFile = fileURLToPath(new URL('./feed-server-child.ts', import.meta.url));

/** Spawns the server child with `feeds` feeds of `items` items and waits until every feed is built. */
export async function startFeedServerChild(
  feeds: number,
  items: number,
  seed: number,
): Promise<FeedServerChild> {
  // stdin is a pipe the child watches: if this process dies, the child sees its end and exits.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', childFile, String(feeds), String(items), String(seed)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const onExit = (code: number | null) =>
      reject(new Error(`feed server child exited with ${code} before listening`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      lines.close();
      resolve(line);
    });
  });
  const ready = JSON.parse(first) as {
    port: number;
    pid: number;
    totalFeedBytes: number;
    totalWords: number;
  };
  return {
    ...ready,
    async stats() {
      const response = await fetch(`http://127.0.0.1:${ready.port}${statsPath}`);
      if (!response.ok) throw new Error(`feed server stats: HTTP ${response.status}`);
      return (await response.json()) as FeedServerStats;
    },
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`feed server child exited with ${code}`);
    },
  };
}

/** What the server answered between two readings of its counts. */
export function statsBetween(before: FeedServerStats, after: FeedServerStats): FeedServerStats {
  return {
    requests: after.requests - before.requests,
    feeds: after.feeds - before.feeds,
    notModified: after.notModified - before.notModified,
    notFound: after.notFound - before.notFound,
    bodyBytes: after.bodyBytes - before.bodyBytes,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
  };
}
