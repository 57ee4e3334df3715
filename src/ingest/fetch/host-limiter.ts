/**
 * Slots for requests: at most `perHost` at a time to one host name, and at most `total` in all.
 * Being polite to each site matters more than raw speed: a news site that sees ten parallel
 * requests from one archive may block it.
 */
import { AppError } from '../../core/errors.ts';

/** Hands out request slots; one instance is shared by every call of a fetch client. */
export interface HostLimiter {
  /** Waits for a slot for `host`; resolves to the function that gives it back. Rejects when `signal` aborts. */
  acquire(host: string, signal?: AbortSignal): Promise<() => void>;
  /** Requests running now, for tests and diagnostics. */
  active(): number;
}

interface Semaphore {
  running: number;
  waiting: Array<() => void>;
}

/** Creates a limiter; `perHost` and `total` are at least 1. */
export function createHostLimiter(perHost: number, total: number): HostLimiter {
  if (!Number.isInteger(perHost) || perHost < 1 || !Number.isInteger(total) || total < 1) {
    throw new AppError(
      'CONFIG_INVALID',
      `request limits must be whole numbers ≥ 1 (got ${perHost}, ${total})`,
    );
  }
  const hosts = new Map<string, Semaphore>();
  const all: Semaphore = { running: 0, waiting: [] };

  async function take(semaphore: Semaphore, limit: number, signal?: AbortSignal): Promise<void> {
    // Checked here, not only in acquire: the signal may fire between taking the host slot and this wait.
    signal?.throwIfAborted();
    if (semaphore.running < limit && semaphore.waiting.length === 0) {
      semaphore.running++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        semaphore.waiting.splice(semaphore.waiting.indexOf(grant), 1);
        reject(signal!.reason);
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        semaphore.running++;
        resolve();
      };
      semaphore.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function give(semaphore: Semaphore): void {
    semaphore.running--;
    semaphore.waiting.shift()?.();
  }

  return {
    async acquire(host, signal) {
      signal?.throwIfAborted();
      let semaphore = hosts.get(host);
      if (semaphore === undefined) {
        semaphore = { running: 0, waiting: [] };
        hosts.set(host, semaphore);
      }
      const hostSlot = semaphore;
      // The host's slot first: a request waiting for a global slot then only holds back its own host.
      await take(hostSlot, perHost, signal);
      try {
        await take(all, total, signal);
      } catch (error) {
        release(host, hostSlot);
        throw error;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        give(all);
        release(host, hostSlot);
      };
    },
    active: () => all.running,
  };

  function release(host: string, hostSlot: Semaphore): void {
    give(hostSlot);
    // Forget idle hosts, so a crawl of many sites does not grow the map for ever.
    if (hostSlot.running === 0 && hostSlot.waiting.length === 0) hosts.delete(host);
  }
}
