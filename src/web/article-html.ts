/**
 * A stored article's HTML as the article page shows it: through the ingest allow-list again (so no
 * way into the archive can put markup on a page), then with every image turned into a link to it.
 * The desk loads nothing from other servers (its Content-Security-Policy says so too): an outlet's
 * images, tracking pixels included, are fetched only if the reader follows the link.
 */
import sanitizeHtml from 'sanitize-html';
import { sanitizeArticleHtml } from '../ingest/sanitize/sanitize-html.ts';

/** Safe HTML for the article page; `baseUrl` resolves relative links (the article's URL, or ''). */
export function displayArticleHtml(html: string, baseUrl: string): string {
  const safe = sanitizeArticleHtml(html, baseUrl);
  if (!safe.includes('<img')) return safe;
  // The input is the allow-list's output already: this pass only rewrites <img>, keeping the rest.
  return sanitizeHtml(safe, {
    allowedTags: false,
    allowedAttributes: false,
    transformTags: {
      img: (_tagName, attribs) => ({
        tagName: 'a',
        attribs: { href: attribs.src ?? '', rel: 'nofollow noopener noreferrer', class: 'image-link' },
        text: attribs.alt ? `[image: ${attribs.alt}]` : '[image]',
      }),
    },
  });
}
