/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by area (SQLite,
 * wirewatch's own code by folder, zod, fastify, preact, node internals, GC, idle), the functions with
 * the most self time, and the inclusive time under wirewatch's main steps.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One line of a breakdown. */
export interface ProfileShare {
  name: string;
  ms: number;
  /** Share of the busy (non-idle) time. */
  share: number;
}

/** The summary of a profile. */
export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  byArea: ProfileShare[];
  topFunctions: ProfileShare[];
  /** Inclusive time under the named steps (each counted once per sample even when recursive). */
  steps: ProfileShare[];
}

/** Areas, first match wins; `url` is the script URL, empty for native code. */
function area(frame: ProfileNode['callFrame']): string {
  const { functionName: fn, url } = frame;
  if (url === '') {
    if (fn === '(idle)') return 'idle';
    if (fn === '(garbage collector)') return 'garbage collection';
    if (fn === '(program)') return 'V8/native, unattributed';
    // Native functions called from JS: better-sqlite3's Statement methods are where SQLite runs.
    if (['all', 'get', 'run', 'iterate', 'pluck', 'raw', 'prepare', 'exec', 'next'].includes(fn)) {
      return 'SQLite (better-sqlite3 native calls)';
    }
    return `native: ${fn || '(anonymous)'}`;
  }
  if (url.includes('/node_modules/better-sqlite3/')) return 'SQLite (better-sqlite3 native calls)';
  // better-sqlite3's statement calls are not frames of their own: SQLite's time is the self time of
  // the store functions that call them (which do little else).
  if (url.includes('/src/store/') && !url.includes('/node_modules/')) {
    return 'SQLite, as self time of src/store (statement calls)';
  }
  const src = /\/src\/([^/]+)\//.exec(url);
  if (src && !url.includes('/node_modules/')) return `wirewatch src/${src[1]}`;
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) {
    const name = pkg[1]!;
    if (
      name.startsWith('@fastify/') ||
      ['fastify', 'find-my-way', 'avvio', 'light-my-request'].includes(name)
    ) {
      return 'fastify and plugins';
    }
    if (name === 'pino' || name.startsWith('pino-') || name === 'sonic-boom') return 'pino (logging)';
    return `npm ${name}`;
  }
  if (url.startsWith('node:')) return 'node internals (http, net, streams)';
  return url;
}

/** Steps whose inclusive time is worth knowing, by function name (first frame that matches counts). */
const stepNames: Record<string, string> = {
  searchArticles: 'searchArticles (page of hits + snippets)',
  facets: 'store.facets',
  timeline: 'store.timeline',
  buildTimeline: 'buildTimeline',
  findTopWords: 'findTopWords',
  renderDocument: 'renderDocument (preact)',
  presentSearch: 'presentSearch',
  showSearchPage: 'showSearchPage (whole page)',
  showArticlePage: 'showArticlePage',
  buildSnippet: 'buildSnippet',
};

/** Summarises the profile at `path`, leaving out its first `skipMs` (start-up and warm-up). */
export function summariseCpuProfile(path: string, skipMs = 0): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfByNode = new Map<number, number>();
  let elapsedMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    elapsedMs += (profile.timeDeltas[i] ?? 0) / 1000;
    if (elapsedMs < skipMs) continue;
    // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i]!;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + ms);
  }

  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  const steps = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, ms] of selfByNode) {
    const node = byId.get(id)!;
    totalMs += ms;
    const where = area(node.callFrame);
    if (where === 'idle') {
      idleMs += ms;
      continue;
    }
    areas.set(where, (areas.get(where) ?? 0) + ms);
    const file = node.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/');
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}${file ? `:${node.callFrame.lineNumber + 1}` : ''}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const step = stepNames[byId.get(at)!.callFrame.functionName];
      if (step && !seen.has(step)) {
        seen.add(step);
        steps.set(step, (steps.get(step) ?? 0) + ms);
      }
    }
  }
  const busyMs = totalMs - idleMs;
  const list = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, ms, share: ms / busyMs }));
  return {
    totalMs,
    busyMs,
    byArea: list(areas, 20),
    topFunctions: list(functions, 20),
    steps: list(steps, 20),
  };
}
