/**
 * The page's own statement of its address, `<link rel="canonical">`: the key that makes a story
 * reached through tracking links, AMP copies or mobile hosts the same article.
 */
import { canonicalizeUrl } from '../../core/canonical-url.ts';

/**
 * The first `<link rel="canonical" href>` resolved against `baseUrl`, in wirewatch's canonical form
 * (canonicalizeUrl); undefined when there is none or it is not an http(s) URL.
 */
export function findCanonicalUrl(document: Document, baseUrl: string): string | undefined {
  for (const link of Array.from(document.querySelectorAll('link[href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('canonical')) continue;
    let resolved: URL;
    try {
      resolved = new URL(link.getAttribute('href') ?? '', baseUrl);
    } catch {
      return undefined;
    }
    // Only the first canonical link counts, as for search engines; a bad one is not replaced by a later one.
    return canonicalizeUrl(resolved.href) ?? undefined;
  }
  return undefined;
}
