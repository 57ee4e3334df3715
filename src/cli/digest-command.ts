/** `wirewatch digest [--date YYYY-MM-DD] [--user NAME]`: a day's alerts of the saved searches, the seed page's way. */
import type { Command } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { AppError } from '../core/errors.ts';
import { staleDigestClaimMs } from '../store/saved-searches.ts';
import { findUser } from '../watch/accounts/manage-accounts.ts';
import { buildDigest, parseDigestDay } from '../watch/digest/build-digest.ts';
import { renderDigestText } from '../watch/digest/render-digest.ts';
import { sendDailyDigests, smtpTransport } from '../watch/digest/send-digests.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { stripControlCharacters } from './terminal-style.ts';

export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description("a day's new alerts of the saved searches: date line, counts, headlines over their leads")
    .option('--date <day>', 'the day, YYYY-MM-DD (UTC; default today)')
    .option('--user <name>', 'only the searches this user may see (own and shared)')
    .option('--json', 'print as JSON')
    .option(
      '--send',
      "mail each user with an address their daily searches' digest (WIREWATCH_SMTP_URL), once",
    )
    .action(
      async (options: { date?: string; user?: string; json?: boolean; send?: boolean }, command: Command) => {
        const day = options.date ?? new Date().toISOString().slice(0, 10);
        if (options.send) {
          const config = loadConfig();
          if (config.smtpUrl === null)
            throw new AppError('CONFIG_INVALID', 'set WIREWATCH_SMTP_URL (smtp://host:port) to mail digests');
          const transport = smtpTransport(config.smtpUrl);
          try {
            const mailing = await withStore(
              command.optsWithGlobals<GlobalOptions>(),
              { readonly: false },
              (store) =>
                sendDailyDigests(store, transport, { day: parseDigestDay(day), from: config.mailFrom }),
            );
            process.stdout.write(
              `digests of ${day}: sent to ${mailing.sent.join(', ') || 'no one'}${mailing.alreadySent.length > 0 ? `; already sent to ${mailing.alreadySent.join(', ')}` : ''}${mailing.beingSent.length > 0 ? `; being sent by another run to ${mailing.beingSent.join(', ')} (taken over if not finished ${staleDigestClaimMs / 60_000} minutes after it began)` : ''}\n`,
            );
            for (const failure of mailing.failed)
              process.stderr.write(`not sent to ${failure.user}: ${failure.error}\n`);
            if (mailing.failed.length > 0) process.exitCode = 1;
          } finally {
            transport.close?.();
          }
          return;
        }
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
      },
    );
}
