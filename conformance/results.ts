/**
 * Case results and their per-corpus, per-field summary.
 */

/** The outcome of one conformance case. */
export interface CaseResult {
  corpus: string;
  /** The file (or file pair) relative to its corpus folder. */
  name: string;
  /** The field the case checks (`title`, `link`, `date`, `content`, `author`…), or why it was skipped. */
  field: string;
  status: 'pass' | 'fail' | 'skip';
  reason?: string;
}

/** Cases run and passed for one corpus and field. */
export interface FieldSummary {
  corpus: string;
  field: string;
  run: number;
  passed: number;
  share: number;
}

/** The fields the ≥95 % target is about: what wirewatch stores for every item. */
export const targetFields = ['title', 'link', 'date', 'content', 'author'];

/** Per corpus and field: cases run (skips excluded) and passed. */
export function summarise(results: CaseResult[]): FieldSummary[] {
  const groups = new Map<string, FieldSummary>();
  for (const result of results) {
    if (result.status === 'skip') continue;
    const key = `${result.corpus}\u0000${result.field}`;
    const group = groups.get(key) ?? {
      corpus: result.corpus,
      field: result.field,
      run: 0,
      passed: 0,
      share: 0,
    };
    group.run++;
    if (result.status === 'pass') group.passed++;
    groups.set(key, group);
  }
  for (const group of groups.values()) group.share = group.run === 0 ? 0 : group.passed / group.run;
  return [...groups.values()].sort(
    (a, b) => a.corpus.localeCompare(b.corpus) || a.field.localeCompare(b.field),
  );
}

/** Skipped cases counted by reason field (`unstored:entry.links`…), most frequent first. */
export function countSkips(results: CaseResult[]): { corpus: string; field: string; count: number }[] {
  const counts = new Map<string, { corpus: string; field: string; count: number }>();
  for (const result of results) {
    if (result.status !== 'skip') continue;
    const key = `${result.corpus}\u0000${result.field}`;
    const entry = counts.get(key) ?? { corpus: result.corpus, field: result.field, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
}

/** Passed / run over the target fields of the given corpora. */
export function targetShare(summaries: FieldSummary[]): { run: number; passed: number; share: number } {
  let run = 0;
  let passed = 0;
  for (const summary of summaries) {
    if (!targetFields.includes(summary.field)) continue;
    run += summary.run;
    passed += summary.passed;
  }
  return { run, passed, share: run === 0 ? 0 : passed / run };
}
