/**
 * The canonical form of an article URL: the key that makes "the same article" the same row.
 */

/** Query parameters that only track where a click came from; they never change the article. */
const trackingParameters = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
]);

/** True for parameters dropped from canonical URLs (`utm_*` and the click ids above). */
export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || trackingParameters.has(lower);
}

/**
 * Canonicalises an http(s) URL: lower-case scheme and host (WHATWG URL does this), no default port,
 * no fragment, no tracking parameters, the remaining parameters sorted, and no trailing slash.
 * Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParameter(name));
  // Sorting makes ?a=1&b=2 and ?b=2&a=1 one article; order never matters to a news CMS.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  let canonical = url.toString();
  if (url.search === '') canonical = canonical.replace(/\?$/, '');
  // "https://x.org/a/" and "https://x.org/a" are one page; the bare host keeps no slash either.
  return canonical.replace(/\/+(?=$|\?)/, '');
}

/** The URL when it is an absolute http(s) URL, else null (never a `javascript:` or `data:` link). */
export function safeExternalUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
