/**
 * Which of some article URLs the archive already holds, by canonical URL: what a fetch pass asks
 * before it fetches an item's page, so that a feed's old items cost nothing every half hour. The same
 * SQL on both stores, through their SqlRunner (subscription-registry.ts).
 */
import { canonicalizeUrl } from '../core/canonical-url.ts';
import type { SqlRunner } from './subscription-registry.ts';

/** Canonical URLs looked up per statement (well under SQLite's parameter limit). */
const chunkSize = 500;

/** The URLs of `urls` (as given) whose canonical form is archived. */
export async function findKnownUrls(runner: SqlRunner, urls: readonly string[]): Promise<Set<string>> {
  const byCanonical = new Map<string, string[]>();
  for (const url of urls) {
    const canonical = canonicalizeUrl(url);
    if (canonical === null) continue;
    byCanonical.set(canonical, [...(byCanonical.get(canonical) ?? []), url]);
  }
  const canonical = [...byCanonical.keys()];
  const known = new Set<string>();
  for (let start = 0; start < canonical.length; start += chunkSize) {
    const chunk = canonical.slice(start, start + chunkSize);
    const rows = await runner.all<{ canonical_url: string }>({
      sql: `SELECT canonical_url FROM articles WHERE canonical_url IN (${chunk.map(() => '?').join(', ')})`,
      params: chunk,
    });
    for (const row of rows) for (const url of byCanonical.get(row.canonical_url) ?? []) known.add(url);
  }
  return known;
}
