/**
 * This process's peak RSS while some work runs: VmHWM reset just before it (writing 5 to
 * /proc/self/clear_refs, where the kernel allows) and read after, with VmRSS sampled every 50 ms
 * beside it, as the answer when the reset is refused and as a check when it is not.
 */
import { readMemoryMb, resetPeakRss } from '../http/server-process.ts';

/** What a measured piece of work did to memory. */
export interface PeakMemory {
  /** RSS just before the work. */
  startRssMb: number;
  /** VmHWM after the work when it could be reset, else the largest sample. */
  peakRssMb: number;
  peakWasReset: boolean;
  /** The largest VmRSS sampled every 50 ms (and at the end). */
  sampledMaxRssMb: number;
  /** RSS just after the work. */
  endRssMb: number;
}

/** Runs `work`, watching this process's RSS. */
export async function measurePeakRss<T>(work: () => Promise<T>): Promise<{ value: T; memory: PeakMemory }> {
  const start = readMemoryMb(process.pid);
  const peakWasReset = resetPeakRss(process.pid);
  let sampledMax = start.rss;
  const sampler = setInterval(() => {
    sampledMax = Math.max(sampledMax, readMemoryMb(process.pid).rss);
  }, 50);
  let value: T;
  try {
    value = await work();
  } finally {
    clearInterval(sampler);
  }
  const end = readMemoryMb(process.pid);
  sampledMax = Math.max(sampledMax, end.rss);
  return {
    value,
    memory: {
      startRssMb: start.rss,
      peakRssMb: peakWasReset ? end.peak : sampledMax,
      peakWasReset,
      sampledMaxRssMb: sampledMax,
      endRssMb: end.rss,
    },
  };
}
