/**
 * The Content-Security-Policy of every response. Article text is hostile, so even if something slipped
 * past escaping, the browser would refuse to run it: scripts and styles only from this server, never
 * inline, no plugins, no framing, forms only back to us.
 */

/** The CSP directives (helmet's form). */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  scriptSrcAttr: ["'none'"],
  upgradeInsecureRequests: null,
};

/** A header value from directives in helmet's form (`scriptSrc: ["'self'"]` → `script-src 'self'`). */
export function formatContentSecurityPolicy(directives: Record<string, readonly string[] | null>): string {
  return Object.entries(directives)
    .filter((entry): entry is [string, readonly string[]] => entry[1] !== null)
    .map(
      ([name, values]) =>
        `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join(';');
}
