/**
 * Resolving the addresses a feed gives against `xml:base` and the feed's own URL.
 */

/** The absolute http(s) form of `reference` against `base`, or undefined (other schemes, garbage). */
export function resolveHttpUrl(reference: string, base: string): string | undefined {
  const trimmed = reference.trim();
  if (trimmed === '') return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The base in force inside an element with `xml:base` = `declared` whose parent's base is `parent`.
 * Any scheme is kept here (a base may be a `file:` or `urn:` in odd feeds); only links that come out
 * http(s) are kept later. A base that cannot be resolved is ignored.
 */
export function resolveBase(declared: string | undefined, parent: string): string {
  if (declared === undefined || declared.trim() === '') return parent;
  try {
    return new URL(declared.trim(), parent).href;
  } catch {
    return parent;
  }
}
