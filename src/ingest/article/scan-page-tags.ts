/**
 * A cheap pass over a page's text, before any parsing: how many tags it has and roughly how deep they
 * nest. Both decide what parsing will cost, and htmlparser2 (under linkedom) keeps its open elements
 * in an array it shifts on every tag, so its time grows with tags × depth: 50,000 nested `<div>`s
 * take seconds. A page over either limit is refused before it is parsed.
 */

/** Tags that never hold content (HTML void elements): they open no level. */
const voidTags = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/**
 * Tags the parser closes when a sibling opens (`<p>a<p>b`, `<li>`, table parts, …): left unclosed
 * they do not pile up, so they are not counted as levels either.
 */
const selfEndingTags = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
  'rtc',
  'colgroup',
]);

/** What scanPageTags found; it stops counting as soon as a limit is passed. */
export interface PageTagScan {
  /** Start tags seen (`<` then a letter), up to the first limit passed. */
  tags: number;
  /** The deepest nesting of container tags seen, as open minus close tags. An estimate, not a parse. */
  depth: number;
  /** Which limit the page passed, if any. */
  over?: 'tags' | 'depth';
}

/** Counts the tags of `html` and estimates their nesting, stopping once `maxTags` or `maxDepth` is passed. */
export function scanPageTags(html: string, maxTags: number, maxDepth: number): PageTagScan {
  const tag = /<(\/?)([a-zA-Z][^\s/>]*)/g;
  let tags = 0;
  let open = 0;
  let depth = 0;
  for (let match = tag.exec(html); match !== null; match = tag.exec(html)) {
    const name = match[2]!.toLowerCase();
    if (voidTags.has(name) || selfEndingTags.has(name)) {
      if (match[1] === '') tags += 1;
    } else if (match[1] === '/') {
      // A stray end tag closes nothing; the count never goes below the document.
      if (open > 0) open -= 1;
    } else {
      tags += 1;
      open += 1;
      if (open > depth) depth = open;
    }
    if (tags > maxTags) return { tags, depth, over: 'tags' };
    if (depth > maxDepth) return { tags, depth, over: 'depth' };
  }
  return { tags, depth };
}
