/**
 * A progress bar on stderr for work that counts up to a known total (enriching articles): drawn only
 * on a terminal, and only once the work has lasted a second, so quick runs and pipes (logs, tests)
 * get the summary alone, as with `wirewatch import`.
 */
import { SingleBar } from 'cli-progress';

/** The bar appears only for work that lasts longer than this. */
const progressDelayMs = 1000;

/** A bar that may never draw. */
export interface DelayedProgressBar {
  update(done: number): void;
  stop(): void;
}

/** A bar labelled `label` (`enriching`) counting to `total`. */
export function createDelayedProgressBar(label: string, total: number): DelayedProgressBar {
  const startedAt = Date.now();
  let bar: SingleBar | null = null;
  return {
    update(done) {
      if (!process.stderr.isTTY || total <= 0) return;
      if (bar === null) {
        if (Date.now() - startedAt < progressDelayMs) return;
        bar = new SingleBar({
          format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
          stream: process.stderr,
        });
        bar.start(total, Math.min(done, total));
      }
      bar.update(Math.min(done, total));
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
