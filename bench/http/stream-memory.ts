/**
 * Memory of the server while it streams an export of very many hits: a fresh server child, its RSS at
 * idle (after one small export has loaded the code), then /search.jsonl of the whole archive read to the
 * end while /proc/<pid>/status is sampled, and its peak RSS (VmHWM, reset just before) afterwards.
 */
import { get } from 'node:http';
import { readMemoryMb, resetPeakRss, startServerChild } from './server-process.ts';

/** What the export measurement found. */
export interface StreamMemoryResult {
  path: string;
  /** Node flags of the server child (e.g. a capped old space). */
  nodeFlags: string[];
  lines: number;
  megabytes: number;
  seconds: number;
  idleRssMb: number;
  /** VmHWM after the stream, reset to the idle RSS just before it (when the kernel allows). */
  peakRssMb: number;
  peakWasReset: boolean;
  /** The largest VmRSS seen while sampling every 50 ms. */
  sampledMaxRssMb: number;
  /** The largest sampled VmRSS while the first half of the bytes came, and while the second half did. */
  firstHalfMaxRssMb: number;
  secondHalfMaxRssMb: number;
  growthMb: number;
}

/** Streams `path` (an export of many hits) from a fresh server on `dbPath` and reports its memory. */
export async function measureStreamMemory(
  dbPath: string,
  path: string,
  nodeFlags: string[] = [],
): Promise<StreamMemoryResult> {
  const server = await startServerChild(dbPath, nodeFlags);
  try {
    await download(`${server.url}/search.jsonl?q=Zhanaozen`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = readMemoryMb(server.pid);
    const peakWasReset = resetPeakRss(server.pid);
    const progress = { lines: 0, bytes: 0 };
    const samples: Array<{ bytes: number; rss: number }> = [];
    const sampler = setInterval(() => {
      samples.push({ bytes: progress.bytes, rss: readMemoryMb(server.pid).rss });
    }, 50);
    const started = process.hrtime.bigint();
    let got: { lines: number; bytes: number };
    try {
      got = await download(`${server.url}${path}`, progress);
    } finally {
      clearInterval(sampler);
    }
    const half = got.bytes / 2;
    const maxOf = (list: typeof samples) => list.reduce((max, sample) => Math.max(max, sample.rss), idle.rss);
    let sampledMax = maxOf(samples);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = readMemoryMb(server.pid);
    sampledMax = Math.max(sampledMax, after.rss);
    const peak = peakWasReset ? after.peak : sampledMax;
    return {
      path,
      nodeFlags,
      lines: got.lines,
      megabytes: got.bytes / 1_048_576,
      seconds,
      idleRssMb: idle.rss,
      peakRssMb: peak,
      peakWasReset,
      sampledMaxRssMb: sampledMax,
      firstHalfMaxRssMb: maxOf(samples.filter((sample) => sample.bytes < half)),
      secondHalfMaxRssMb: maxOf(samples.filter((sample) => sample.bytes >= half)),
      growthMb: peak - idle.rss,
    };
  } finally {
    await server.stop();
  }
}

/** Reads a response to the end, counting bytes and newlines; fails on a non-2xx status. */
function download(url: string, progress = { lines: 0, bytes: 0 }): Promise<{ lines: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      if ((response.statusCode ?? 0) >= 300) {
        response.resume();
        reject(new Error(`${url}: HTTP ${response.statusCode}`));
        return;
      }
      response.on('data', (chunk: Buffer) => {
        progress.bytes += chunk.length;
        for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) progress.lines++;
      });
      response.on('end', () => resolve({ ...progress }));
      response.on('error', reject);
    }).on('error', reject);
  });
}
