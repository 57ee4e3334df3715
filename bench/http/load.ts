/**
 * One load scenario through autocannon: a warm-up that is thrown away, then a timed run whose requests
 * cycle through `paths` (one shared counter, so the 16 connections spread over the whole mix instead of
 * asking the same query at once). Any connection error, timeout or non-2xx answer fails the benchmark.
 */
import { Agent, get } from 'node:http';
import autocannon from 'autocannon';
import { noopPath } from './scenarios.ts';

/** What one scenario measured. */
export interface LoadResult {
  name: string;
  paths: number;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number; mean: number };
  /** Mean response body bytes. */
  meanBytes: number;
  errors: number;
  non2xx: number;
}

/** Load options. */
export interface LoadOptions {
  connections: number;
  /** Timed seconds. */
  duration: number;
  /** Seconds of warm-up before the timed run (not counted). */
  warmup: number;
}

/** Runs `paths` against `url` and returns the figures of the timed part. */
export async function runLoad(
  name: string,
  url: string,
  paths: readonly string[],
  options: LoadOptions,
): Promise<LoadResult> {
  if (options.warmup > 0) {
    await once(url, paths, options.connections, options.warmup);
    await waitUntilIdle(url);
  }
  const result = await once(url, paths, options.connections, options.duration);
  // autocannon stops sending at the deadline, but the server still works through what it had received
  // (SQLite cannot be interrupted): wait for that backlog, so that it does not weigh on the next run.
  await waitUntilIdle(url);
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(
      `${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers (statuses ${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  const requests = result['2xx'];
  return {
    name,
    paths: paths.length,
    connections: options.connections,
    seconds: result.duration,
    requests,
    requestsPerSecond: requests / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    meanBytes: requests > 0 ? result.throughput.total / requests : 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Waits until the no-op route answers in under 20 ms twice in a row: the server has no backlog. */
export async function waitUntilIdle(url: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    let quick = 0;
    for (let attempt = 0; attempt < 2000 && quick < 2; attempt++) {
      const started = process.hrtime.bigint();
      await getOnce(agent, `${url}${noopPath}`);
      quick = Number(process.hrtime.bigint() - started) / 1e6 < 20 ? quick + 1 : 0;
    }
  } finally {
    agent.destroy();
  }
}

function once(
  url: string,
  paths: readonly string[],
  connections: number,
  duration: number,
): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const path = paths[next % paths.length]!;
          next++;
          return { ...request, path };
        },
      },
    ],
  });
}

/** Latencies of one path asked `count` times one after another (after 3 unmeasured), in ms. */
export interface SequentialResult {
  path: string;
  count: number;
  p50: number;
  p90: number;
  min: number;
  bytes: number;
}

/**
 * `count` requests one after another on one kept-alive connection, timed to the microsecond (autocannon
 * rounds to whole milliseconds): what one user waits, without queueing behind other connections.
 */
export async function sequentialLatency(url: string, path: string, count: number): Promise<SequentialResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const samples: number[] = [];
    let bytes = 0;
    for (let run = -3; run < count; run++) {
      const started = process.hrtime.bigint();
      const answer = await getOnce(agent, `${url}${path}`);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (answer.status < 200 || answer.status > 299) throw new Error(`${path}: HTTP ${answer.status}`);
      bytes = answer.bytes;
      if (run >= 0) samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]!;
    return { path, count, p50: at(0.5), p90: at(0.9), min: samples[0]!, bytes };
  } finally {
    agent.destroy();
  }
}

function getOnce(agent: Agent, url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}
