/**
 * The one HTML sanitiser for content that came from outside: feed items now, extracted article pages
 * later. An allow-list (sanitize-html), never a block-list: anything not named here is dropped, and the
 * contents of script-like elements go with it. Relative links and images are made absolute against the
 * page they came from, so the stored HTML reads the same wherever it is shown.
 */
import sanitizeHtml from 'sanitize-html';

/** Tags kept: text structure, emphasis, quotes, lists, figures with images, tables. */
const allowedTags = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'mark',
  'q',
  'cite',
  'abbr',
  'code',
  'pre',
  'kbd',
  'samp',
  'var',
  'time',
  'blockquote',
  'figure',
  'figcaption',
  'img',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

/** Attributes kept per tag; no `style`, no `class`, no `on*`, no `srcset` (its URLs are not checked). */
const allowedAttributes: Record<string, string[]> = {
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  blockquote: ['cite'],
  q: ['cite'],
  abbr: ['title'],
  time: ['datetime'],
  ol: ['start', 'reversed'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

/** Elements whose text is never article text: dropped with everything inside them. */
const droppedWithContent = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'option',
  'select',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'head',
  'title',
  'button',
];

/** The `rel` every kept link gets: no referrer, no opener, no endorsement. */
export const linkRel = 'nofollow noopener noreferrer';

/** Nesting deeper than this is flattened (its tags dropped, text kept); real articles stay far below. */
export const defaultNestingLimit = 100;

/** Markup nested deeper than this is not parsed at all: it becomes one paragraph of its text. */
export const maxNestingDepth = 1000;

/**
 * Safe HTML from untrusted HTML: allow-listed tags and attributes only, `href` limited to http(s) and
 * mailto, `src` and `cite` to http(s), every URL resolved against `baseUrl` (the page or feed it came from),
 * and links marked `rel="nofollow noopener noreferrer"`. Returns '' for input with nothing to keep.
 */
export function sanitizeArticleHtml(html: string, baseUrl: string): string {
  // Text with no markup and nothing to escape is already safe (and most feed summaries are just that).
  if (!/[<>&"]/.test(html)) return html;
  // sanitize-html slows down sharply on very deep nesting (100,000 levels: 18 s); no article is that deep.
  if (isNestedDeeperThan(html, maxNestingDepth)) return `<p>${escapeText(stripTags(html))}</p>`;
  const base = parseBase(baseUrl);
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes,
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'], blockquote: ['http', 'https'], q: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: droppedWithContent,
    nestingLimit: defaultNestingLimit,
    // Text before <html> or after </html> is still the feed's text; do not throw it away.
    enforceHtmlBoundary: false,
    transformTags: {
      a: (tagName, attribs) => {
        const href = resolveUrl(attribs.href, base, ['http:', 'https:', 'mailto:']);
        const kept: sanitizeHtml.Attributes = {};
        if (attribs.title !== undefined) kept.title = attribs.title;
        if (href !== undefined) {
          kept.href = href;
          kept.rel = linkRel;
        }
        return { tagName, attribs: kept };
      },
      img: (tagName, attribs) => {
        // Lazy-loading pages keep the real address in data-src and a placeholder (often data:) in src.
        const source = isDataUrl(attribs.src) ? (attribs['data-src'] ?? attribs.src) : attribs.src;
        const src = resolveUrl(source ?? attribs['data-src'], base, ['http:', 'https:']);
        const { src: _src, ...rest } = attribs;
        return { tagName, attribs: src === undefined ? rest : { ...rest, src } };
      },
      blockquote: resolveCite,
      q: resolveCite,
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && frame.attribs.src === undefined,
  });

  function resolveCite(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
    const { cite, ...rest } = attribs;
    const resolved = resolveUrl(cite, base, ['http:', 'https:']);
    return { tagName, attribs: resolved === undefined ? rest : { ...rest, cite: resolved } };
  }
}

/** Elements that never hold others, so their start tags do not deepen the nesting. */
const voidElements = /^(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)$/i;

/** True when start tags nest deeper than `limit` (a cheap count: end tags pop, void and self-closed tags do not push). */
function isNestedDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (const tag of html.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (tag[1] === '/') depth = Math.max(0, depth - 1);
    else if (tag[3] !== '/' && !voidElements.test(tag[2]!)) depth++;
    if (depth > limit) return true;
  }
  return false;
}

/** The text of markup by regex: comments, script-like elements and tags removed, entities left escaped. */
function stripTags(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|template|textarea|iframe|object|svg|math)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes text for HTML, keeping entity references that are already there (so `&amp;` stays one). */
function escapeText(text: string): string {
  return text
    .replace(/&(?!(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function parseBase(baseUrl: string): URL | undefined {
  try {
    return new URL(baseUrl);
  } catch {
    return undefined;
  }
}

function isDataUrl(value: string | undefined): boolean {
  return value !== undefined && /^\s*data:/i.test(value);
}

/** The absolute form of `value` when its scheme is one of `schemes`, else undefined (the attribute is dropped). */
function resolveUrl(value: string | undefined, base: URL | undefined, schemes: string[]): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    // The WHATWG parser drops the whitespace and control characters browsers ignore ("java\tscript:").
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  return schemes.includes(url.protocol) ? url.href : undefined;
}
