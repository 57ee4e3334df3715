/**
 * Moves an archive from one store to another (SQLite → PostgreSQL or back): streamed in id order by
 * keyset, in batches that each commit on their own, ids kept so that links to /articles/:id survive.
 *
 * Resumable: a copy that stopped (killed, server gone) is run again with the same arguments; the
 * articles already in the destination are checked against the source and the copy carries on after
 * the highest id there. Verified: at the end the destination is read back whole and its count and
 * SHA-256 over every stored field must equal the source's, or COPY_MISMATCH says so. Then the watch
 * desk and the followed feeds follow, table by table, resumable and verified the same way
 * (copy-watch-desk.ts).
 */
import { createHash, type Hash } from 'node:crypto';
import type { Article } from '../core/article.ts';
import { AppError } from '../core/errors.ts';
import type { Actor } from './accounts.ts';
import { storedArticleValues } from './article-row.ts';
import { planWatchDeskCopy, type WatchDeskCopySummary } from './copy-watch-desk.ts';
import type { Store } from './store.ts';

/** How a copy runs. */
export interface CopyOptions {
  /** Articles per read and per committed write (default 500). */
  batchSize?: number;
  /** Called after each batch with the articles in the destination so far and the source's total. */
  onProgress?: (done: number, total: number) => void;
  /** Who copies, for the `archive.copy` entry in the destination's audit log (default `wirewatch`). */
  actor?: Actor;
  now?: Date;
}

/** What a copy did. */
export interface CopySummary {
  /** Articles written by this run. */
  copied: number;
  /** Articles found already copied by an earlier run (checked, not written again). */
  alreadyThere: number;
  /** Both sides' article count and checksum, equal. */
  verified: { count: number; sha256: string };
  /** The watch desk's and the followed feeds' tables, copied after the articles. */
  desk: WatchDeskCopySummary;
}

/** Copies every article of `from` into `to` (empty, or a partial copy of `from`). */
export async function copyArchive(from: Store, to: Store, options: CopyOptions = {}): Promise<CopySummary> {
  if (from.location === to.location) {
    throw new AppError(
      'COPY_MISMATCH',
      `the source and the destination are the same archive (${from.location})`,
    );
  }
  const batchSize = Math.max(1, options.batchSize ?? 500);
  // The watch desk is checked first, so a destination with accounts of its own is refused untouched.
  const copyDesk = await planWatchDeskCopy(from, to, batchSize);
  const total = (await from.stats()).articleCount;
  const destination = await to.stats();
  const sourceSum = new ArchiveChecksum();
  let last = 0;
  let alreadyThere = 0;
  if (destination.articleCount > 0) {
    // Resuming: the destination must hold exactly the source's articles up to its highest id.
    const prefix = new ArchiveChecksum();
    for await (const article of readAll(from, batchSize, destination.highestArticleId))
      sourceSum.add(article);
    for await (const article of readAll(to, batchSize)) prefix.add(article);
    if (prefix.count !== sourceSum.count || prefix.digest() !== sourceSum.digest()) {
      throw new AppError(
        'COPY_MISMATCH',
        `${to.location} already holds ${destination.articleCount} articles that are not a copy of ${from.location}'s first ones; copy into an empty archive`,
      );
    }
    last = destination.highestArticleId;
    alreadyThere = prefix.count;
    options.onProgress?.(alreadyThere, total);
  }
  let copied = 0;
  for (;;) {
    const batch = await from.readArticlesAfter(last, batchSize);
    if (batch.length === 0) break;
    await to.restoreArticles(batch);
    for (const article of batch) sourceSum.add(article);
    copied += batch.length;
    last = batch.at(-1)!.id;
    options.onProgress?.(alreadyThere + copied, total);
  }
  const copy = new ArchiveChecksum();
  for await (const article of readAll(to, batchSize)) copy.add(article);
  if (copy.count !== sourceSum.count || copy.digest() !== sourceSum.digest()) {
    throw new AppError(
      'COPY_MISMATCH',
      `the copy does not match: ${from.location} has ${sourceSum.count} articles (sha256 ${sourceSum.digest()}), ${to.location} has ${copy.count} (sha256 ${copy.digest()}); was either archive written to during the copy?`,
    );
  }
  const desk = await copyDesk({
    actor: options.actor ?? 'wirewatch',
    articles: { copied, count: copy.count },
    ...(options.now ? { now: options.now } : {}),
  });
  return { copied, alreadyThere, verified: { count: copy.count, sha256: copy.digest() }, desk };
}

/** Every article of `store` in id order, up to `maxId` when given. */
async function* readAll(
  store: Store,
  batchSize: number,
  maxId = Number.MAX_SAFE_INTEGER,
): AsyncIterable<Article> {
  let last = 0;
  for (;;) {
    const batch = await store.readArticlesAfter(last, batchSize);
    for (const article of batch) {
      if (article.id > maxId) return;
      yield article;
    }
    if (batch.length < batchSize) return;
    last = batch.at(-1)!.id;
  }
}

/** A count and SHA-256 over every stored field of articles added in id order (not the source's id). */
export class ArchiveChecksum {
  private readonly hash: Hash = createHash('sha256');
  count = 0;

  add(article: Article): void {
    this.count++;
    this.hash.update(`${JSON.stringify([article.id, article.source, ...storedArticleValues(article)])}\n`);
  }

  /** The hex digest so far (the running hash goes on). */
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
