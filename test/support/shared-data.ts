/**
 * Access to ../shared (the seed page and the corpora), read in place. Tests that need it skip with a
 * visible notice when it is absent, and fail when it is absent under CI=true.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

/** The seed page: one page of a regional news site's search results. */
export const seedPath = fileURLToPath(
  new URL('../../../shared/seed/000_8cdcb3f9c8ca5b19.txt', import.meta.url),
);

/** True when `path` exists; otherwise skips the test (or throws under CI, where ../shared must be present). */
export function requireSharedFile(t: TestContext, path: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${path} is missing: CI must have ../shared beside the checkout`);
  t.skip(`${path} absent (../shared is not beside this checkout)`);
  return false;
}
