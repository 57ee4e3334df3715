/**
 * The server's daily digests: once a UTC day is over (and the configured hour of the next has come,
 * WIREWATCH_DIGEST_HOUR), `wirewatch serve` mails its digests (sendDailyDigests) without a cron job.
 * A server that was down catches up on the days it missed, the last `digestCatchUpDays` of them at
 * most. Each user's digest of a day is claimed in the store before it is sent, so a day goes out once
 * even across restarts and beside a `wirewatch digest --send`. A day is settled (not looked at again
 * by this process) once a tick has gone over every user of it without a failed send and without one
 * another run is still sending; a failed send is logged with its reason and tried again by the next
 * tick, a send another process claimed and left unfinished (it died mid-send) is taken over by the
 * first tick after staleDigestClaimMs, and nothing here throws into the server. stop() waits for the
 * mail being sent and starts no other.
 */
import { describeError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { type MailTransport, sendDailyDigests } from './send-digests.ts';

/** How many of the last due days a server mails when it finds them not sent (after being down). */
export const digestCatchUpDays = 7;

/** How often the server looks for due digests (and tries failed sends again). */
export const digestTickMs = 5 * 60_000;

const dayMs = 86_400_000;
const hourMs = 3_600_000;

/**
 * The days (YYYY-MM-DD, oldest first) whose digests are due at `now`: a UTC day is due once the
 * next day's `hour` (UTC, 0..23) has come, and only the last `windowDays` due days are (a server
 * down for a month mails a week at most). Days in `settled` are left out.
 */
export function dueDigestDays(
  now: Date,
  options: { hour: number; windowDays?: number; settled?: ReadonlySet<string> },
): string[] {
  const windowDays = options.windowDays ?? digestCatchUpDays;
  // The newest due day: the day before the one `now` falls in once moved back by the hour.
  const newest = Math.floor((now.getTime() - options.hour * hourMs) / dayMs) - 1;
  const days: string[] = [];
  for (let day = newest - windowDays + 1; day <= newest; day++) {
    const text = new Date(day * dayMs).toISOString().slice(0, 10);
    if (options.settled?.has(text) !== true) days.push(text);
  }
  return days;
}

/** What `wirewatch serve` says at start about mailing digests (the SMTP URL without its password). */
export function describeDigestMailing(config: {
  smtpUrl: string | null;
  mailFrom: string;
  digestHour: number;
}): string {
  if (config.smtpUrl === null)
    return 'daily digests are not mailed: WIREWATCH_SMTP_URL is not set (smtp://host:port to have them sent)';
  let relay = 'the SMTP server';
  try {
    const url = new URL(config.smtpUrl);
    relay = `${url.protocol}//${url.host}`;
  } catch {
    // Checked by the configuration's pattern only; say no more than that it is set.
  }
  const hour = String(config.digestHour).padStart(2, '0');
  return `mailing each day's digests through ${relay} from ${config.mailFrom} after ${hour}:00 UTC (missed days of the last ${digestCatchUpDays} too)`;
}

/** How the schedule reports. */
export interface DigestScheduleLog {
  info(message: string): void;
  error(message: string): void;
}

/** A running digest schedule. */
export interface DigestSchedule {
  /** Mails the due days' digests now, unless a tick is running (then its promise). */
  tickNow(): Promise<void>;
  /** Stops ticking and waits for the tick in flight, which starts no further user's digest. */
  stop(): Promise<void>;
}

/** Starts mailing `store`'s daily digests through `transport`, looking every `tickMs`. */
export function startDigestSchedule(options: {
  store: Store;
  transport: MailTransport;
  from: string;
  /** WIREWATCH_DIGEST_HOUR. */
  hour: number;
  tickMs: number;
  log: DigestScheduleLog;
  now?: () => Date;
  windowDays?: number;
}): DigestSchedule {
  const now = options.now ?? (() => new Date());
  const window = { hour: options.hour, windowDays: options.windowDays ?? digestCatchUpDays };
  const settled = new Set<string>();
  const stopping = new AbortController();
  let running: Promise<void> | null = null;

  async function tick(): Promise<void> {
    const inWindow = new Set(dueDigestDays(now(), window));
    for (const day of settled) if (!inWindow.has(day)) settled.delete(day);
    for (const day of dueDigestDays(now(), { ...window, settled })) {
      if (stopping.signal.aborted) return;
      try {
        const mailing = await sendDailyDigests(options.store, options.transport, {
          day,
          from: options.from,
          now: now(),
          signal: stopping.signal,
        });
        if (mailing.sent.length > 0)
          options.log.info(`digest of ${day} mailed to ${mailing.sent.join(', ')}`);
        for (const failure of mailing.failed)
          options.log.error(
            `digest of ${day} not mailed to ${failure.user}, the next tick tries again: ${failure.error}`,
          );
        // One another run holds is looked at again: if that run died, a later tick takes it over.
        if (mailing.failed.length === 0 && mailing.beingSent.length === 0 && !stopping.signal.aborted)
          settled.add(day);
      } catch (error) {
        // The archive itself failed (not one mail): the other days would fail alike.
        options.log.error(
          `digests of ${day} could not be made, the next tick tries again: ${describeError(error)}`,
        );
        return;
      }
    }
  }

  const tickNow = (): Promise<void> => {
    if (stopping.signal.aborted) return Promise.resolve();
    running ??= tick().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void tickNow(), options.tickMs);
  timer.unref();
  return {
    tickNow,
    async stop() {
      stopping.abort();
      clearInterval(timer);
      if (running) await running;
    },
  };
}
