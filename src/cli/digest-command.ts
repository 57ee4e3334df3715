/** `wirewatch digest [--date YYYY-MM-DD] [--user NAME]`: a day's alerts of the saved searches, the seed page's way. */
import type { Command } from 'commander';
import { findUser } from '../watch/accounts/manage-accounts.ts';
import { buildDigest } from '../watch/digest/build-digest.ts';
import { renderDigestText } from '../watch/digest/render-digest.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { stripControlCharacters } from './terminal-style.ts';

export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description("a day's new alerts of the saved searches: date line, counts, headlines over their leads")
    .option('--date <day>', 'the day, YYYY-MM-DD (UTC; default today)')
    .option('--user <name>', 'only the searches this user may see (own and shared)')
    .option('--json', 'print as JSON')
    .action(async (options: { date?: string; user?: string; json?: boolean }, command: Command) => {
      const day = options.date ?? new Date().toISOString().slice(0, 10);
      const digest = await withStore(
        command.optsWithGlobals<GlobalOptions>(),
        { readonly: true },
        async (store) =>
          buildDigest(store, {
            day,
            ...(options.user === undefined ? {} : { userId: (await findUser(store, options.user)).id }),
          }),
      );
      process.stdout.write(
        options.json
          ? `${JSON.stringify(digest, null, 2)}\n`
          : stripControlCharacters(renderDigestText(digest)),
      );
    });
}
