/**
 * Reads Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date, into milliseconds to wait.
 */

/** The longest wait we pass on: a server asking for a week is capped at a day, then asked again. */
export const maxRetryAfterMs = 24 * 60 * 60 * 1000;

/** Milliseconds to wait, 0..maxRetryAfterMs; undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, maxRetryAfterMs);
  // HTTP dates always name the weekday and GMT; requiring a letter keeps "1.5" or "-3" out of Date.parse.
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), maxRetryAfterMs);
}
