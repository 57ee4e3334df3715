/**
 * Prints the PostgreSQL benchmark's query figures: each query beside its direct-SQL baseline (and
 * beside wirewatch on SQLite, when an SQLite run of the same size left its results), then per class
 * and overall. Ratios of sums, as in the SQLite bench, so a class's few slow queries weigh as they cost.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Percentiles } from '../latency.ts';
import type { PgBreakdown } from './pg-breakdown.ts';
import type { PgQueryResult } from './pg-search-phase.ts';

/** The limit the issue sets for wirewatch over direct SQL, per class and overall. */
export const targetRatio = 1.3;

/** Wirewatch's SQLite latencies by query name, from bench/out/results-<size>.json. */
export type SqliteFigures = Map<string, Percentiles>;

/** The SQLite bench's wirewatch figures for this size, or null when it has not been run. */
export function readSqliteFigures(path: string): SqliteFigures | null {
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8')) as {
    queries?: Array<{ name: string; ours: Percentiles }>;
  };
  return new Map((report.queries ?? []).map((query) => [query.name, query.ours]));
}

/** Sums of p50, p95 and p99 of one side over `results`. */
function sums(results: PgQueryResult[], side: 'ours' | 'raw'): Percentiles {
  const add = (key: keyof Percentiles) => results.reduce((sum, result) => sum + result[side][key], 0);
  return { p50: add('p50'), p95: add('p95'), p99: add('p99') };
}

/** wirewatch's sums over direct SQL's, per percentile. */
export function sumRatios(results: PgQueryResult[]): Percentiles {
  const ours = sums(results, 'ours');
  const raw = sums(results, 'raw');
  return { p50: ours.p50 / raw.p50, p95: ours.p95 / raw.p95, p99: ours.p99 / raw.p99 };
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const triple = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}`;

/** One row per query. */
export function printQueries(
  results: PgQueryResult[],
  sqlite: SqliteFigures | null,
  log: (line: string) => void,
): void {
  const sqliteHead = sqlite ? ' wirewatch on SQLite p50 / p95 ms |' : '';
  log(
    `\n| query | class | hits | wirewatch p50 / p95 / p99 ms | direct SQL p50 / p95 / p99 ms | ratio p50 | ratio p95 | ratio p99 |${sqliteHead}`,
  );
  log(`|---|---|---:|---:|---:|---:|---:|---:|${sqlite ? '---:|' : ''}`);
  for (const r of results) {
    const warn = [
      r.total !== r.rawTotal ? `direct SQL counted ${r.rawTotal}` : '',
      r.sameIds ? '' : 'page differs from direct SQL',
    ].filter((note) => note !== '');
    const lite = sqlite?.get(r.name);
    const liteCell = sqlite ? ` ${lite ? `${ms(lite.p50)} / ${ms(lite.p95)}` : '–'} |` : '';
    log(
      `| \`${r.query.replaceAll('|', '\\|')}\` | ${r.class} | ${r.total}${warn.length > 0 ? ` (${warn.join('; ')})` : ''} | ${triple(r.ours)} | ${triple(r.raw)} | ${(r.ours.p50 / r.raw.p50).toFixed(2)} | ${(r.ours.p95 / r.raw.p95).toFixed(2)} | ${(r.ours.p99 / r.raw.p99).toFixed(2)} |${liteCell}`,
    );
  }
}

/** One class's sums and ratios. */
export interface ClassFigures {
  class: string;
  queries: number;
  ours: Percentiles;
  raw: Percentiles;
  ratio: Percentiles;
}

/** Per-class sums and ratios, in the order classes first appear. */
export function classFigures(results: PgQueryResult[]): ClassFigures[] {
  const byClass = new Map<string, PgQueryResult[]>();
  for (const r of results) byClass.set(r.class, [...(byClass.get(r.class) ?? []), r]);
  return [...byClass].map(([name, group]) => ({
    class: name,
    queries: group.length,
    ours: sums(group, 'ours'),
    raw: sums(group, 'raw'),
    ratio: sumRatios(group),
  }));
}

/** The per-class table. */
export function printClasses(classes: ClassFigures[], log: (line: string) => void): void {
  log(
    '\n| class | queries | sum of p50 ms (wirewatch / direct) | ratio p50 | sum of p95 ms | ratio p95 | sum of p99 ms | ratio p99 |',
  );
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of classes) {
    const flag = Math.max(c.ratio.p50, c.ratio.p95) > targetRatio ? ' ⚠' : '';
    log(
      `| ${c.class}${flag} | ${c.queries} | ${ms(c.ours.p50)} / ${ms(c.raw.p50)} | ${c.ratio.p50.toFixed(2)} | ${ms(c.ours.p95)} / ${ms(c.raw.p95)} | ${c.ratio.p95.toFixed(2)} | ${ms(c.ours.p99)} / ${ms(c.raw.p99)} | ${c.ratio.p99.toFixed(2)} |`,
    );
  }
}

/** Overall ratios, the queries over the target on their own and the worst five by p50 ratio. */
export function printOverall(results: PgQueryResult[], log: (line: string) => void): Percentiles {
  const all = sumRatios(results);
  const over = results
    .filter((r) => r.ours.p50 / r.raw.p50 > targetRatio || r.ours.p95 / r.raw.p95 > targetRatio)
    .map((r) => r.name);
  log(
    `\nall queries: p50 ratio ${all.p50.toFixed(2)}, p95 ratio ${all.p95.toFixed(2)}, p99 ratio ${all.p99.toFixed(2)} (target <= ${targetRatio.toFixed(2)} each); over ${targetRatio} on their own: ${over.length === 0 ? 'none' : over.join(', ')}`,
  );
  const worst = [...results].sort((a, b) => b.ours.p50 / b.raw.p50 - a.ours.p50 / a.raw.p50).slice(0, 5);
  log(
    `worst by p50 ratio: ${worst.map((r) => `${r.name} ${(r.ours.p50 / r.raw.p50).toFixed(2)} (${ms(r.ours.p50)} vs ${ms(r.raw.p50)} ms)`).join(', ')}`,
  );
  const mismatched = results.filter((r) => r.total !== r.rawTotal || !r.sameIds).map((r) => r.name);
  if (mismatched.length > 0) {
    log(`NOTE: direct SQL answered differently (count or page) for: ${mismatched.join(', ')}`);
  }
  return all;
}

/** The common-word breakdown table. */
export function printBreakdown(rows: PgBreakdown[], log: (line: string) => void): void {
  log('\nwhere a common-word query spends its time (direct SQL, p50 ms):');
  log(
    '| query | count(*) as planned | count(*) through the GIN index | top 10 by ts_rank_cd | ts_headline of 10 hits |',
  );
  log('|---|---:|---:|---:|---:|');
  for (const b of rows) {
    log(
      `| \`${b.query}\` | ${ms(b.countMs)} | ${ms(b.countThroughGinMs)} | ${ms(b.topTenByRankMs)} | ${ms(b.headlineTenMs)} |`,
    );
  }
}
