/**
 * RSS whose items sit straight inside `<rss>`, with no `<channel>` (hand-written and generated feeds do
 * this; feedparser reads them). feedsmith finds no items there, so a channel is put around them.
 */

const rssOpenTag = /<rss(?:\s[^<>]*)?>/;

/** The document with a `<channel>` around the content of a channel-less `<rss>`; unchanged otherwise. */
export function wrapBareItems(xml: string): string {
  if (/<channel[\s>/]/.test(xml) || !/<item[\s>/]/.test(xml)) return xml;
  const open = rssOpenTag.exec(xml);
  const close = xml.lastIndexOf('</rss');
  if (open === null || close < open.index) return xml;
  const afterOpen = open.index + open[0].length;
  return `${xml.slice(0, afterOpen)}<channel>${xml.slice(afterOpen, close)}</channel>${xml.slice(close)}`;
}
