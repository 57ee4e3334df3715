/**
 * Two old ways RSS items carried their full text, which feedsmith does not read: an XHTML `<body>`
 * (`<body xmlns="http://www.w3.org/1999/xhtml">…</body>` or `<xhtml:body>`), and Netscape's
 * `<fullitem>` (escaped HTML). Both are rewritten, before parsing, into the `content:encoded` element
 * feedsmith does read, so they reach the one sanitiser like any other content. Only elements directly
 * inside an RSS `<item>` are touched, and never text inside CDATA (an HTML description quoting a page's
 * `<body>` stays a description).
 */

const contentNamespace = 'http://purl.org/rss/1.0/modules/content/';
const itemPattern = /<item(?:\s[^<>]*)?>([\s\S]*?)<\/item\s*>/g;
const bodyPattern =
  /<((?:xhtml:)?body)(?:\s[^<>]*)?>([\s\S]*?)<\/\1\s*>|<fullitem(?:\s[^<>]*)?>([\s\S]*?)<\/fullitem\s*>/g;

/** The document with item bodies and fullitems as `content:encoded`; the same string when it has none. */
export function liftItemBodies(xml: string): string {
  if (!/<(?:xhtml:)?body[\s>]|<fullitem[\s>]/.test(xml)) return xml;
  const cdata = cdataRanges(xml);
  return xml.replace(itemPattern, (item: string, _inner: string, offset: number) => {
    if (insideAny(cdata, offset)) return item;
    return item.replace(
      bodyPattern,
      (whole: string, _name, xhtml?: string, escaped?: string, at?: number) => {
        if (insideAny(cdata, offset + (at ?? 0))) return whole;
        // XHTML is markup already: escape it so it travels as HTML text. fullitem is escaped HTML as is.
        const html = xhtml === undefined ? (escaped ?? '') : escapeMarkup(xhtml);
        return `<content:encoded xmlns:content="${contentNamespace}">${html}</content:encoded>`;
      },
    );
  });
}

function escapeMarkup(markup: string): string {
  return markup.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** [start, end) of every CDATA section. */
function cdataRanges(xml: string): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  for (;;) {
    const start = xml.indexOf('<![CDATA[', from);
    if (start === -1) return ranges;
    const end = xml.indexOf(']]>', start + 9);
    ranges.push([start, end === -1 ? xml.length : end + 3]);
    if (end === -1) return ranges;
    from = end + 3;
  }
}

/** Binary search over the sorted, disjoint ranges: a feed of 50,000 items has as many CDATA sections. */
function insideAny(ranges: [number, number][], at: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle]!;
    if (at < start) high = middle - 1;
    else if (at >= end) low = middle + 1;
    else return true;
  }
  return false;
}
