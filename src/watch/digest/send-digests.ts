/**
 * The daily digest by e-mail: each user with an address gets the day's alerts of the searches they
 * asked a daily digest of (own and shared), as the plain text `wirewatch digest` prints, over SMTP
 * (nodemailer). A digest is claimed before it is sent and marked after (SavedSearchStore.claimDigest),
 * so it goes out once: a second run of the same day sends nothing, a failed send is tried again by
 * the next run, a claim left unfinished for staleDigestClaimMs (15 minutes: its process died
 * mid-send) is taken over by the next run, and a user with nothing that day gets no mail.
 */
import nodemailer from 'nodemailer';
import { describeError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { formatDay } from '../../web/format-date.ts';
import { buildDigest } from './build-digest.ts';
import { renderDigestText } from './render-digest.ts';

export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  close?(): void;
}

/**
 * A transport for an `smtp://host:port` (or smtps://) URL (WIREWATCH_SMTP_URL). A relay that does
 * not answer fails a send within about a minute (nodemailer waits up to 10 minutes by default), so a
 * run, or a server's digest tick it stops for, is not held up by it.
 */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

export interface DigestMailing {
  day: string;
  sent: string[];
  failed: { user: string; error: string }[];
  /** Users whose digest of the day was already sent. */
  alreadySent: string[];
  /**
   * Users whose digest another run claimed less than staleDigestClaimMs ago and has not finished:
   * being sent, or abandoned by a sender that died (a run after the bound takes it over).
   */
  beingSent: string[];
}

export async function sendDailyDigests(
  store: Store,
  transport: MailTransport,
  options: {
    day: string;
    from: string;
    now?: Date;
    /** Once aborted, no further user's digest is started (the one being sent is finished). */
    signal?: AbortSignal;
  },
): Promise<DigestMailing> {
  const mailing: DigestMailing = {
    day: options.day,
    sent: [],
    failed: [],
    alreadySent: [],
    beingSent: [],
  };
  const users = (await store.accounts.listUsers()).filter(
    (user) => user.email !== null && user.disabledAt === null,
  );
  for (const user of users) {
    if (options.signal?.aborted) break;
    const digest = await buildDigest(store, { day: options.day, userId: user.id, dailyOnly: true });
    if (digest.sections.length === 0) continue;
    if (!(await store.savedSearches.claimDigest(user.id, options.day, options.now))) {
      const held = (await store.savedSearches.digestSend(user.id, options.day))?.state === 'sending';
      (held ? mailing.beingSent : mailing.alreadySent).push(user.name);
      continue;
    }
    const alerts = digest.sections.reduce((sum, section) => sum + section.entries.length, 0);
    try {
      await transport.sendMail({
        from: options.from,
        to: user.email!,
        subject: `wirewatch digest, ${formatDay(options.day)}: ${alerts} new`,
        text: renderDigestText(digest),
      });
      await store.savedSearches.finishDigest(user.id, options.day, null, options.now);
      mailing.sent.push(user.name);
    } catch (error) {
      const message = describeError(error);
      await store.savedSearches.finishDigest(user.id, options.day, message, options.now);
      mailing.failed.push({ user: user.name, error: message });
    }
  }
  return mailing;
}
