/** `wirewatch copy --from A --to B`: moves an archive between SQLite files and PostgreSQL servers. */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { copyArchive } from '../store/copy-archive.ts';
import { cliActor } from './cli-actor.ts';
import { openStoreAt } from './open-store.ts';
import { parseWholeNumber } from './option-parsers.ts';

/** Registers the command. */
export function registerCopyCommand(program: Command): void {
  program
    .command('copy')
    .description(
      'copy every article, then the watch desk (users, API tokens, the audit log, saved searches with ' +
        'their hits, read marks and deliveries) and the followed feeds, from one archive to another ' +
        '(SQLite file or postgres:// URL), keeping ids; run it again to resume; the result is verified by ' +
        'counts and checksums; sessions are not copied (users sign in again)',
    )
    .requiredOption('--from <path-or-url>', 'the archive to copy from (read only)')
    .requiredOption('--to <path-or-url>', 'the archive to copy into: empty, or a partial copy to resume')
    .option('--batch-size <n>', 'articles per committed batch', parseWholeNumber('--batch-size'), 500)
    .action(async (options: { from: string; to: string; batchSize: number }) => {
      const from = await openStoreAt(options.from, { readonly: true });
      try {
        const to = await openStoreAt(options.to, { readonly: false });
        try {
          process.stderr.write(`copying ${from.location} → ${to.location}\n`);
          const bar = process.stderr.isTTY
            ? new SingleBar({
                format: 'copying [{bar}] {value}/{total} articles | {eta_formatted} left',
                stream: process.stderr,
              })
            : null;
          let started = false;
          try {
            const summary = await copyArchive(from, to, {
              batchSize: options.batchSize,
              actor: cliActor(),
              onProgress: (done, total) => {
                if (!bar) return;
                if (!started) bar.start(total, done);
                started = true;
                bar.update(done);
              },
            });
            bar?.stop();
            const resumed =
              summary.alreadyThere > 0
                ? `, ${summary.alreadyThere} were already there from an earlier run`
                : '';
            const tables = summary.desk.tables;
            const rowsCopied = tables.reduce((sum, table) => sum + table.copied, 0);
            const rowsThere = tables.reduce((sum, table) => sum + table.alreadyThere, 0);
            process.stdout.write(
              `copied ${summary.copied} articles${resumed}\n` +
                `verified: ${summary.verified.count} articles on both sides, sha256 ${summary.verified.sha256}\n` +
                `copied the watch desk and followed feeds: ${rowsCopied} rows` +
                (rowsThere > 0 ? `, ${rowsThere} were already there from an earlier run` : '') +
                '\n' +
                `verified per table on both sides: ${tables.map((table) => `${table.table} ${table.verified.count}`).join(', ')}\n` +
                `sessions are not copied: users sign in again on ${to.location}\n`,
            );
          } finally {
            bar?.stop();
          }
        } finally {
          await to.close();
        }
      } finally {
        await from.close();
      }
    });
}
